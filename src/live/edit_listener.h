#pragma once
// Follows edits in one PostgreSQL database: LISTENs on a channel to which each published
// table's trigger sends `schema.table` inside the editing transaction (scripts/sql/
// onemap_publish.sql), so a notification arrives exactly when an edit is committed and never
// for one rolled back. Bursts are debounced into one call naming every table edited. When the
// connection drops (a database restart) it reconnects with backoff, and then reports
// `everything`: edits committed while it was away sent notifications nobody heard.
#include "live/pg_connection.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <thread>

namespace onemap::live {

struct EditListenerOptions {
  std::string conninfo;  // libpq's (conninfo_of)
  std::string channel = "onemap_edits";
  std::string application_name = "onemap-edits";  // as pg_stat_activity shows the connection
  // A call waits until no notification came for `quiet`, or the first waited `max_delay`.
  std::chrono::milliseconds quiet{200};
  std::chrono::milliseconds max_delay{1000};
  std::chrono::milliseconds reconnect_min{250}, reconnect_max{4000};
  std::chrono::milliseconds retry_min{1000}, retry_max{30000};  // edits not taken in
};

class EditListener {
 public:
  // Tables edited (schema.table); `everything`: after a reconnect, anything may have changed.
  // Returns whether the edits were taken in; if not (the database still restarting, say), they
  // are reported again later, with backoff, together with any that came meanwhile.
  using OnEdits = std::function<bool(const std::set<std::string>& tables, bool everything)>;

  // Connects and LISTENs before returning, so no edit committed after the constructor is missed
  // (a first connection that fails is retried in the background, and then reports everything).
  // Nothing is reported until arm(): the data this follows may still be loading.
  EditListener(EditListenerOptions options, OnEdits on_edits);
  ~EditListener();
  EditListener(const EditListener&) = delete;
  EditListener& operator=(const EditListener&) = delete;

  void arm() { armed_ = true; }
  bool connected() const { return connected_; }
  std::uint64_t reconnects() const { return reconnects_; }
  // host:port/dbname, for logs (no password).
  const std::string& where() const { return where_; }

 private:
  bool connect();
  void run();
  // Reads what arrived; false when the connection is lost.
  bool consume(std::set<std::string>& pending);

  EditListenerOptions options_;
  OnEdits on_edits_;
  PgConnPtr conn_;
  std::string where_;
  std::atomic<bool> armed_{false}, stop_{false}, connected_{false};
  std::atomic<std::uint64_t> reconnects_{0};
  std::thread thread_;
};

}  // namespace onemap::live
