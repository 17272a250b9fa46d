#include "util/worker_pool.h"

#include <spdlog/spdlog.h>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

namespace onemap::util {
namespace {
thread_local WorkerPool* tls_pool = nullptr;
constexpr int kWorkerNice = 10;
constexpr double kTrimAfterSeconds = 0.5;
}  // namespace

WorkerPool::WorkerPool(unsigned threads, std::size_t queue_limit) : queue_limit_(queue_limit) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run_thread(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkerPool::try_submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    // Idle threads take jobs at once, so only what waits beyond them counts against the limit.
    if (stopping_ || jobs_.size() + running_ >= threads_.size() + queue_limit_) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::submit_helper(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    helpers_.push_back(std::move(task));
  }
  wake_.notify_one();
}

WorkerPool::Stats WorkerPool::stats() const {
  std::lock_guard lock(mutex_);
  const double longest =
      running_since_.empty()
          ? 0.0
          : std::chrono::duration<double>(std::chrono::steady_clock::now() - *running_since_.begin()).count();
  return {jobs_.size(), running_, threads_.size(), queue_limit_, finished_, job_seconds_, longest};
}

WorkerPool* WorkerPool::current() { return tls_pool; }

void WorkerPool::run_thread() {
  tls_pool = this;
  // Workers yield the CPU to the I/O threads: on a machine with few cores, a citywide sweep
  // would otherwise take the cores from the threads serving tiles. Linux applies nice per
  // thread; failing to lower our priority is harmless.
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kWorkerNice) != 0)
    spdlog::debug("worker thread keeps normal priority: setpriority failed");
  while (true) {
    std::function<void()> task;
    bool is_job = false;
    std::multiset<std::chrono::steady_clock::time_point>::iterator since;
    {
      std::unique_lock lock(mutex_);
      // Helpers still run while stopping: a job being wound down may be waiting for them.
      wake_.wait(lock, [this] { return stopping_ || !helpers_.empty() || !jobs_.empty(); });
      if (!helpers_.empty()) {
        task = std::move(helpers_.front());
        helpers_.pop_front();
      } else if (!jobs_.empty() && !stopping_) {
        task = std::move(jobs_.front());
        jobs_.pop_front();
        is_job = true;
        ++running_;
        since = running_since_.insert(std::chrono::steady_clock::now());
      } else {
        return;
      }
    }
    const auto started = std::chrono::steady_clock::now();
    try {
      task();
    } catch (const std::exception& e) {  // jobs report their own errors; this is a last guard
      spdlog::error("worker task failed: {}", e.what());
    } catch (...) {
      spdlog::error("worker task failed");
    }
    task = nullptr;  // destroy what it captured before the job counts as finished
    if (is_job) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      bool idle = false;
      {
        std::lock_guard lock(mutex_);
        --running_;
        running_since_.erase(since);
        ++finished_;
        job_seconds_ += seconds;
        idle = running_ == 0 && jobs_.empty();
      }
      // A long job (a citywide analysis, an export) frees hundreds of MB of scratch that glibc
      // keeps in its arenas: handed back once the pool is idle, resident memory returns to
      // what the data and the bounded caches hold.
      if (idle && seconds > kTrimAfterSeconds) malloc_trim(0);
    }
  }
}

}  // namespace onemap::util
