#pragma once
// Work over many items on a few threads: layers at load, features in analysis sweeps. Each
// thread makes its own worker (GEOS geometries and prepared geometries belong to the thread
// that made them) and destroys it before it ends.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace onemap::util {

// Threads worth starting for n items of work: one per core, but never more than one per
// `min_items`, since starting a thread costs more than a few GEOS tests.
inline unsigned sweep_threads(std::size_t n, std::size_t min_items = 8) {
  std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<std::size_t>(n / std::max<std::size_t>(min_items, 1), 1, cores));
}

// Calls make_worker(w) once on each of `threads` threads (w = 0 is the calling thread); the
// worker it returns is called with every i in [0, n), each i exactly once on some thread.
// Rethrows the first exception after every thread has finished.
template <typename MakeWorker>
void parallel_sweep(std::size_t n, unsigned threads, MakeWorker make_worker) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&](unsigned w) {
    try {
      auto worker = make_worker(w);
      for (std::size_t i = next++; i < n; i = next++) worker(i);
    } catch (...) {
      next = n;  // the others stop at their next item
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < threads; ++w) pool.emplace_back(run, w);
  run(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace onemap::util
