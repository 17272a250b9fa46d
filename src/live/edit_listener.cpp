#include "live/edit_listener.h"

#include <spdlog/spdlog.h>

#include <poll.h>

#include <algorithm>

namespace onemap::live {
namespace {

using Clock = std::chrono::steady_clock;

// How often the thread wakes to check for stop() when nothing arrives.
constexpr int kPollMs = 100;

std::string describe(const std::string& conninfo) {
  PgConnPtr probe(PQconnectStart(conninfo.c_str()));  // parses, does not wait for the server
  if (!probe) return "PostgreSQL";
  const char* host = PQhost(probe.get());
  const char* port = PQport(probe.get());
  const char* db = PQdb(probe.get());
  return std::string(host && *host ? host : "localhost") + ":" + (port && *port ? port : "5432") + "/" + (db ? db : "");
}

// libpq's messages end in a newline and may span lines; a log line should not.
std::string error_of(PGconn* conn) {
  std::string text = conn ? PQerrorMessage(conn) : "out of memory";
  for (char& c : text)
    if (c == '\n') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string quote_identifier(PGconn* conn, const std::string& name) {
  char* q = PQescapeIdentifier(conn, name.c_str(), name.size());
  std::string out = q ? q : "\"\"";
  PQfreemem(q);
  return out;
}

}  // namespace

EditListener::EditListener(EditListenerOptions options, OnEdits on_edits)
    : options_(std::move(options)), on_edits_(std::move(on_edits)), where_(describe(options_.conninfo)) {
  if (!connect()) spdlog::warn("edits in {}: cannot listen yet; retrying in the background", where_);
  thread_ = std::thread([this] { run(); });
}

EditListener::~EditListener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

bool EditListener::connect() {
  // Keepalives notice a server that vanished without closing the connection (a network cut).
  const std::string conninfo = options_.conninfo + " application_name='" + options_.application_name +
                               "' connect_timeout=5 keepalives=1 keepalives_idle=10 keepalives_interval=5 "
                               "keepalives_count=3";
  conn_.reset(PQconnectdb(conninfo.c_str()));
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    spdlog::debug("edits in {}: {}", where_, error_of(conn_.get()));
    conn_.reset();
    return connected_ = false;
  }
  const std::string listen = "LISTEN " + quote_identifier(conn_.get(), options_.channel);
  PgResultPtr result(PQexec(conn_.get(), listen.c_str()));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    spdlog::warn("edits in {}: LISTEN failed: {}", where_, error_of(conn_.get()));
    conn_.reset();
    return connected_ = false;
  }
  spdlog::info("edits in {}: listening on channel '{}'", where_, options_.channel);
  return connected_ = true;
}

bool EditListener::consume(std::set<std::string>& pending) {
  if (!PQconsumeInput(conn_.get())) return false;
  while (PgNotifyPtr n{PQnotifies(conn_.get())}) pending.insert(n->extra ? n->extra : "");
  return PQstatus(conn_.get()) == CONNECTION_OK;
}

void EditListener::run() {
  std::set<std::string> pending;
  bool everything = !connected_;      // the first connection failed: anything may change before it works
  Clock::time_point first{}, last{};  // of the notifications waiting; first == {} when none wait
  auto backoff = options_.reconnect_min;
  Clock::time_point next_try{};
  auto retry = options_.retry_min;
  Clock::time_point retry_at{};
  while (!stop_) {
    if (!conn_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
      if (Clock::now() < next_try) continue;
      if (!connect()) {
        next_try = Clock::now() + backoff;
        backoff = std::min(backoff * 2, options_.reconnect_max);
        continue;
      }
      ++reconnects_;
      backoff = options_.reconnect_min;
      everything = true;
      first = last = Clock::now();
    }

    pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
    const std::size_t before = pending.size();
    if (poll(&fd, 1, kPollMs) != 0 && !consume(pending)) {
      spdlog::warn("edits in {}: connection lost ({}); reconnecting", where_, error_of(conn_.get()));
      conn_.reset();
      connected_ = false;
      continue;
    }
    const auto now = Clock::now();
    if (pending.size() != before) {
      if (first == Clock::time_point{}) first = now;
      last = now;
    }
    const bool waiting = everything || !pending.empty();
    if (!waiting || !armed_ || now < retry_at || (now - last < options_.quiet && now - first < options_.max_delay))
      continue;
    bool taken = false;
    try {
      taken = on_edits_(pending, everything);
    } catch (const std::exception& e) {
      spdlog::error("edits in {}: {}", where_, e.what());
    }
    if (taken) {
      pending.clear();
      everything = false;
      first = last = Clock::time_point{};
      retry = options_.retry_min;
      retry_at = {};
    } else {
      spdlog::warn("edits in {}: not taken in; trying again in {} ms", where_, retry.count());
      retry_at = Clock::now() + retry;
      retry = std::min(retry * 2, options_.retry_max);
    }
  }
}

}  // namespace onemap::live
