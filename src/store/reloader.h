#pragma once
// Hot reload (SIGHUP, POST /admin/reload): reads the configuration again — catalog, rules,
// roles and keys — loads its data into a new Snapshot beside the one serving, and swaps it in
// only when all of it loaded and checked. Requests in flight finish on the snapshot they hold;
// the next request sees the new one. Anything wrong (a broken catalog, a rule naming a missing
// property, an unreadable source) refuses the reload: the old data keeps serving and the
// reason is returned and logged.
#include "store/snapshot.h"
#include "util/worker_pool.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace onemap::store {

class Reloader {
 public:
  // Reads the configuration as it is now; throws (CatalogError, …) when it cannot be used.
  using CatalogSource = std::function<catalog::Catalog()>;
  Reloader(SnapshotHolder& data, CatalogSource source);
  // Waits for a reload in progress (reloads are bounded by the load), drops one only asked for.
  ~Reloader();
  Reloader(const Reloader&) = delete;
  Reloader& operator=(const Reloader&) = delete;

  struct Outcome {
    bool reloaded = false;
    bool unchanged = false;     // reload_layers found every named layer as it was: nothing swapped
    std::string message;        // why it was refused; empty otherwise
    std::uint64_t version = 0;  // the snapshot serving afterwards
    std::string fingerprint;
    double seconds = 0;
  };
  // One reload at a time: a second caller waits for the first, then reloads again (the files
  // may have changed meanwhile). Loading runs on the reloader's own threads at a lower CPU
  // priority, with its helper threads, so serving is not starved.
  Outcome reload();
  // Asks for a reload and returns at once (SIGHUP): never refused and never queued behind
  // requests — the reloader's own thread runs it. Asks that arrive while one waits or runs are
  // coalesced into one more reload after it, which reads the files as they are then.
  void request_reload();
  // Reads the layers named by `ids` again (their tables were edited), sharing every other layer
  // and the configuration with the snapshot serving; swaps only if one of them changed. The same
  // lock, thread and priority as reload(); a refusal keeps the data serving.
  Outcome reload_layers(const std::vector<std::string>& ids);

  // Told of each new snapshot once it serves (the Api resizes its caches). Not thread-safe:
  // call before serving.
  void on_reloaded(std::function<void(const Snapshot&)> listener) { listeners_.push_back(std::move(listener)); }

  std::uint64_t reloads() const { return reloads_.load(); }
  std::uint64_t refused() const { return refused_.load(); }
  std::uint64_t layer_reloads() const { return layer_reloads_.load(); }
  std::uint64_t layer_reloads_refused() const { return layer_reloads_refused_.load(); }

 private:
  // Builds the next snapshot from the serving one on a lower-priority thread; nullptr: nothing changed.
  using Build = std::function<std::shared_ptr<const Snapshot>(const Snapshot& current)>;
  Outcome run(const Build& build, std::atomic<std::uint64_t>& done, std::atomic<std::uint64_t>& refused,
              const std::string& what);

  SnapshotHolder& data_;
  CatalogSource source_;
  std::vector<std::function<void(const Snapshot&)>> listeners_;
  std::mutex mutex_;
  std::atomic<std::uint64_t> reloads_{0}, refused_{0}, layer_reloads_{0}, layer_reloads_refused_{0};
  // The threads reloads run on (one job at a time; the others help its parallel sweeps), at the
  // pool's lower priority. Kept for the process's life: they keep their PROJ transformations and
  // GEOS contexts, which cost more to make than a small layer's reload (fresh threads per
  // reload spent 0.1 s on them).
  util::WorkerPool loader_{0, 1};
  // request_reload's thread and its one pending ask.
  std::mutex request_mutex_;
  std::condition_variable request_cv_;
  bool requested_ = false, stopping_ = false;
  std::thread requests_;
};

}  // namespace onemap::store
