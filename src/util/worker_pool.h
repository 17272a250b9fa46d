#pragma once
// A fixed set of threads for work too heavy for the I/O threads: processes, exports, and the
// helpers of parallel sweeps. Jobs wait in a bounded queue (a full queue refuses, so callers
// can answer 503 instead of piling up work); sweep helpers jump the queue, since a job already
// running is waiting for them.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace onemap::util {

class WorkerPool {
 public:
  struct Stats {
    std::size_t queued = 0;   // jobs waiting for a thread
    std::size_t running = 0;  // jobs (not helpers) on a thread now
    std::size_t threads = 0;
    std::size_t queue_limit = 0;
    std::uint64_t finished = 0;    // jobs run to the end (or thrown out of) since start
    double job_seconds = 0;        // their time on a thread, summed
    double longest_running_s = 0;  // how long the job running longest has been on its thread
  };

  // threads 0: one per core.
  WorkerPool(unsigned threads, std::size_t queue_limit);
  // Drops queued jobs (their functions are destroyed uncalled) and joins the threads once the
  // running jobs return; stop those first (JobControl) if they may run long.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues a job; false (and the job is dropped) when every thread has a job and queue_limit
  // more are already waiting.
  bool try_submit(std::function<void()> job);
  // Runs a sweep helper as soon as a thread is free, before any queued job; never refused.
  void submit_helper(std::function<void()> task);

  Stats stats() const;
  std::size_t thread_count() const { return threads_.size(); }

  // The pool whose thread this is, or null.
  static WorkerPool* current();

 private:
  void run_thread();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> helpers_;
  std::deque<std::function<void()>> jobs_;
  std::size_t queue_limit_;
  std::size_t running_ = 0;
  std::multiset<std::chrono::steady_clock::time_point> running_since_;  // when each running job began
  std::uint64_t finished_ = 0;
  double job_seconds_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace onemap::util
