#pragma once
// Work over many items on a few threads: layers at load, features in analysis sweeps. Each
// thread makes its own worker (GEOS geometries and prepared geometries belong to the thread
// that made them) and destroys it before it ends.
//
// On a WorkerPool thread (a process or an export) the extra threads are the pool's own: the
// sweep asks for helpers and works through the items itself meanwhile, so it finishes even
// when every other thread is busy, and a request never starts threads of its own. Elsewhere
// (startup, tests) it starts threads. Every item is a checkpoint of the current job
// (util/job_control.h) and counts towards its progress.
#include "util/job_control.h"
#include "util/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace onemap::util {

// Threads worth using for n items of work: one per core, but never more than one per
// `min_items`, since handing work to a thread costs more than a few GEOS tests.
inline unsigned sweep_threads(std::size_t n, std::size_t min_items = 8) {
  std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  if (WorkerPool* pool = WorkerPool::current()) cores = pool->thread_count();
  return static_cast<unsigned>(std::clamp<std::size_t>(n / std::max<std::size_t>(min_items, 1), 1, cores));
}

// Calls make_worker(w) once on each of up to `threads` threads (w = 0 is the calling thread);
// the worker it returns is called with every i in [0, n), each i exactly once on some thread.
// Rethrows the first exception (util::Stopped included) after every thread has finished.
template <typename MakeWorker>
void parallel_sweep(std::size_t n, unsigned threads, MakeWorker make_worker) {
  JobControl* job = current_job();
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&](unsigned w) {
    JobScope scope(job);
    try {
      auto worker = make_worker(w);
      for (std::size_t i = next++; i < n; i = next++) {
        if (job) job->check();
        worker(i);
        if (job) job->advance();
      }
    } catch (...) {
      next = n;  // the others stop at their next item
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };

  if (WorkerPool* pool = WorkerPool::current(); pool && threads > 1) {
    // A helper that starts after the caller has finished must not touch the caller's frame:
    // it finds `closed` and leaves. The caller waits only for helpers that did start.
    struct Join {
      std::mutex mutex;
      std::condition_variable idle;
      bool closed = false;
      unsigned active = 0;
    };
    auto join = std::make_shared<Join>();
    for (unsigned w = 1; w < threads; ++w) {
      pool->submit_helper([join, w, run_ptr = &run] {
        {
          std::lock_guard lock(join->mutex);
          if (join->closed) return;
          ++join->active;
        }
        (*run_ptr)(w);
        std::lock_guard lock(join->mutex);
        if (--join->active == 0) join->idle.notify_all();
      });
    }
    run(0);
    std::unique_lock lock(join->mutex);
    join->closed = true;
    join->idle.wait(lock, [&] { return join->active == 0; });
  } else {
    std::vector<std::thread> extra;
    for (unsigned w = 1; w < threads; ++w) extra.emplace_back(run, w);
    run(0);
    for (auto& t : extra) t.join();
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace onemap::util
