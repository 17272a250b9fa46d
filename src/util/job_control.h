#pragma once
// Cooperative stopping and progress for work that runs long. The code that runs a job makes a
// JobControl and installs it on the threads doing the job's work (JobScope); deep loops call
// checkpoint(), which throws Stopped once the job is cancelled or over its time limit, and
// report progress without being handed anything.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

namespace onemap::util {

enum class StopReason : int { None = 0, ClientGone, TimeLimit, Dismissed, Shutdown };

const char* to_string(StopReason reason);

// Thrown by checkpoint(): the job is to end now, for `reason`.
class Stopped : public std::runtime_error {
 public:
  explicit Stopped(StopReason reason) : std::runtime_error(to_string(reason)), reason_(reason) {}
  StopReason reason() const { return reason_; }

 private:
  StopReason reason_;
};

// Shared between whoever may stop a job (the connection, a DELETE, shutdown) and the job.
class StopFlag {
 public:
  // The first reason given wins.
  void stop(StopReason reason) {
    int expected = 0;
    reason_.compare_exchange_strong(expected, static_cast<int>(reason));
  }
  StopReason reason() const { return static_cast<StopReason>(reason_.load(std::memory_order_relaxed)); }
  bool stopped() const { return reason() != StopReason::None; }

 private:
  std::atomic<int> reason_{0};
};

class JobControl {
 public:
  using Clock = std::chrono::steady_clock;

  JobControl(std::shared_ptr<StopFlag> flag, std::optional<Clock::time_point> deadline)
      : flag_(std::move(flag)), deadline_(deadline) {}

  // Throws Stopped when the job has been stopped or has passed its deadline.
  void check() const {
    if (flag_->stopped()) throw Stopped(flag_->reason());
    if (deadline_ && Clock::now() > *deadline_) {
      flag_->stop(StopReason::TimeLimit);
      throw Stopped(flag_->reason());
    }
  }

  const std::shared_ptr<StopFlag>& flag() const { return flag_; }

  // Progress: a stage (e.g. "R1") of `total` items, of which `done` are finished. A new stage
  // replaces the last; the share done overall is kept by the caller of progress().
  void begin_stage(std::string name, std::uint64_t total) {
    std::lock_guard lock(mutex_);
    stage_ = std::move(name);
    total_ = total;
    done_ = 0;
  }
  void advance(std::uint64_t items = 1) { done_.fetch_add(items, std::memory_order_relaxed); }
  struct Progress {
    std::string stage;
    std::uint64_t done = 0, total = 0;
  };
  Progress progress() const {
    std::lock_guard lock(mutex_);
    return {stage_, std::min(done_.load(std::memory_order_relaxed), total_), total_};
  }

 private:
  std::shared_ptr<StopFlag> flag_;
  std::optional<Clock::time_point> deadline_;
  mutable std::mutex mutex_;
  std::string stage_;
  std::uint64_t total_ = 0;
  std::atomic<std::uint64_t> done_{0};
};

// The job the calling thread works for, or null (startup, tests, the I/O threads).
JobControl* current_job();

// Installs a job on this thread for the scope's lifetime (nesting restores the previous one).
class JobScope {
 public:
  explicit JobScope(JobControl* job);
  ~JobScope();
  JobScope(const JobScope&) = delete;
  JobScope& operator=(const JobScope&) = delete;

 private:
  JobControl* previous_;
};

// Throws Stopped if the current job (if any) is to stop.
inline void checkpoint() {
  if (JobControl* job = current_job()) job->check();
}

}  // namespace onemap::util
