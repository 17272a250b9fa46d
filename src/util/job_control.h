#pragma once
// Cooperative stopping and progress for work that runs long. The code that runs a job makes a
// JobControl and installs it on the threads doing the job's work (JobScope); deep loops call
// checkpoint(), which throws Stopped once the job is cancelled or over its time limit, and
// report progress without being handed anything.
#include <algorithm>
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

  // `shutdown`, when given, is a flag shared by every job of a server and stopped when the
  // server stops: the job stops with it.
  JobControl(std::shared_ptr<StopFlag> flag, std::optional<Clock::time_point> deadline,
             std::shared_ptr<const StopFlag> shutdown = nullptr)
      : flag_(std::move(flag)), deadline_(deadline), shutdown_(std::move(shutdown)) {}

  // Why the job must stop now (None: it goes on). A shutdown or a passed deadline is recorded
  // on the job's flag, so whoever reads the flag learns it too. Never throws: GEOS's interrupt
  // callback asks it (geo/geos_interrupt.cpp).
  StopReason stop_reason() const {
    if (flag_->stopped()) return flag_->reason();
    if (shutdown_ && shutdown_->stopped()) flag_->stop(shutdown_->reason());
    if (!flag_->stopped() && deadline_ && Clock::now() > *deadline_) flag_->stop(StopReason::TimeLimit);
    return flag_->reason();
  }

  // Throws Stopped when the job has been stopped or has passed its deadline.
  void check() const {
    if (const StopReason reason = stop_reason(); reason != StopReason::None) throw Stopped(reason);
  }

  const std::shared_ptr<StopFlag>& flag() const { return flag_; }

  // Progress: a stage (e.g. "R1") of `total` items (`unit`, e.g. "features"), of which `done`
  // are finished. A new stage replaces the last. When the work says how many stages it has
  // (set_stage_count), percent() combines the stage's index with the share done within it.
  void set_stage_count(std::uint64_t count) {
    std::lock_guard lock(mutex_);
    stage_count_ = count;
    stages_begun_ = 0;
  }
  void begin_stage(std::string name, std::uint64_t total, std::string unit = "items") {
    std::lock_guard lock(mutex_);
    stage_ = std::move(name);
    unit_ = std::move(unit);
    total_ = total;
    done_ = 0;
    ++stages_begun_;
  }
  void advance(std::uint64_t items = 1) { done_.fetch_add(items, std::memory_order_relaxed); }
  struct Progress {
    std::string stage;
    std::uint64_t done = 0, total = 0;
    std::string unit;
    std::uint64_t stage_index = 0, stage_count = 0;  // stage_count 0: not said
  };
  Progress progress() const {
    std::lock_guard lock(mutex_);
    const std::uint64_t stage_index = stages_begun_ ? stages_begun_ - 1 : 0;
    return {stage_, std::min(done_.load(std::memory_order_relaxed), total_), total_, unit_, stage_index, stage_count_};
  }
  // 0–99 while running (100 is for the caller to say, once the result is out); never lower
  // than an earlier answer.
  int percent() const {
    Progress p = progress();
    double fraction = p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 0.0;
    double overall = p.stage_count ? (static_cast<double>(std::min(p.stage_index, p.stage_count)) + fraction) /
                                         static_cast<double>(p.stage_count)
                                   : fraction;
    int now = std::clamp(static_cast<int>(overall * 100.0), 0, 99);
    int seen = best_percent_.load(std::memory_order_relaxed);
    while (now > seen && !best_percent_.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
    }
    return std::max(now, seen);
  }

 private:
  std::shared_ptr<StopFlag> flag_;
  std::optional<Clock::time_point> deadline_;
  std::shared_ptr<const StopFlag> shutdown_;
  mutable std::mutex mutex_;
  std::string stage_;
  std::string unit_ = "items";
  std::uint64_t total_ = 0;
  std::uint64_t stage_count_ = 0, stages_begun_ = 0;
  mutable std::atomic<int> best_percent_{0};
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

// The current job's progress, if there is a job: how many stages the work has, and each as it
// begins (see JobControl).
inline void stage_count(std::uint64_t count) {
  if (JobControl* job = current_job()) job->set_stage_count(count);
}
inline void begin_stage(std::string name, std::uint64_t total, std::string unit = "items") {
  if (JobControl* job = current_job()) job->begin_stage(std::move(name), total, std::move(unit));
}

// Throws Stopped if the current job (if any) is to stop.
inline void checkpoint() {
  if (JobControl* job = current_job()) job->check();
}

}  // namespace onemap::util
