// The worker pool, job control and parallel sweeps on the pool: what the serving core relies on
// to keep heavy work bounded and stoppable.
#include "util/worker_pool.h"
#include "util/job_control.h"
#include "util/parallel.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <thread>
#include <vector>

namespace onemap::util {
namespace {

using namespace std::chrono_literals;

// Holds one pool thread until released.
struct Blocker {
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  std::function<void()> job() {
    return [this] {
      started.set_value();
      released.wait();
    };
  }
};

TEST(WorkerPool, FullQueueRefusesAndFreesAfterwards) {
  WorkerPool pool(1, 1);
  Blocker blocker;
  ASSERT_TRUE(pool.try_submit(blocker.job()));
  blocker.started.get_future().wait();
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.try_submit([&] { ++ran; }));   // waits in the queue (limit 1)
  EXPECT_FALSE(pool.try_submit([&] { ++ran; }));  // one too many
  EXPECT_EQ(pool.stats().queued, 1u);
  EXPECT_EQ(pool.stats().running, 1u);
  blocker.release.set_value();
  for (int i = 0; i < 200 && (ran < 1 || pool.stats().running > 0); ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(pool.stats().running, 0u);
  EXPECT_TRUE(pool.try_submit([&] { ++ran; }));
}

// /health reports it: a job that keeps a worker past the time limit shows.
TEST(WorkerPool, StatsSayHowLongTheLongestRunningJobHasRun) {
  WorkerPool pool(2, 1);
  EXPECT_EQ(pool.stats().longest_running_s, 0.0);
  Blocker blocker;
  ASSERT_TRUE(pool.try_submit(blocker.job()));
  blocker.started.get_future().wait();
  const double first = pool.stats().longest_running_s;
  EXPECT_GT(first, 0.0);
  std::this_thread::sleep_for(2ms);
  EXPECT_GT(pool.stats().longest_running_s, first);
  blocker.release.set_value();
  for (int i = 0; i < 200 && pool.stats().running > 0; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(pool.stats().longest_running_s, 0.0);
}

TEST(WorkerPool, SweepOnThePoolVisitsEveryItemOnceAndUsesNoNewThreads) {
  WorkerPool pool(2, 4);
  constexpr std::size_t n = 10000;
  std::vector<std::atomic<int>> seen(n);
  std::promise<std::vector<WorkerPool*>> done;
  ASSERT_TRUE(pool.try_submit([&] {
    std::mutex m;
    std::vector<WorkerPool*> owners;  // the pool of each thread that made a worker
    parallel_sweep(n, 2, [&](unsigned) {
      {
        std::lock_guard lock(m);
        owners.push_back(WorkerPool::current());
      }
      return [&](std::size_t i) { ++seen[i]; };
    });
    done.set_value(owners);
  }));
  auto owners = done.get_future().get();
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(seen[i], 1) << i;
  // Every thread that took part is one of the pool's: a fresh thread has no pool.
  ASSERT_FALSE(owners.empty());
  for (WorkerPool* owner : owners) EXPECT_EQ(owner, &pool);
}

TEST(WorkerPool, SweepFinishesWhenEveryOtherThreadIsBusy) {
  WorkerPool pool(2, 4);
  Blocker blocker;
  ASSERT_TRUE(pool.try_submit(blocker.job()));
  blocker.started.get_future().wait();
  std::promise<std::size_t> done;
  ASSERT_TRUE(pool.try_submit([&] {
    std::atomic<std::size_t> count{0};
    parallel_sweep(1000, 2, [&](unsigned) { return [&](std::size_t) { ++count; }; });
    done.set_value(count);
  }));
  auto f = done.get_future();
  ASSERT_EQ(f.wait_for(5s), std::future_status::ready) << "the sweep waited for a helper that could not start";
  EXPECT_EQ(f.get(), 1000u);
  blocker.release.set_value();
}

TEST(WorkerPool, WorkersRunBelowTheCallersPriority) {
  const int base = getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  WorkerPool pool(1, 1);
  std::promise<int> nice;
  ASSERT_TRUE(pool.try_submit([&] { nice.set_value(getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()))); }));
  EXPECT_EQ(nice.get_future().get(), std::min(base + 10, 19));  // the I/O threads win the CPU
}

TEST(JobControl, StoppedFlagEndsASweepWithItsReason) {
  auto flag = std::make_shared<StopFlag>();
  JobControl job(flag, std::nullopt);
  JobScope scope(&job);
  std::atomic<std::size_t> visited{0};
  try {
    parallel_sweep(1'000'000, 2, [&](unsigned) {
      return [&](std::size_t i) {
        ++visited;
        if (i == 100) flag->stop(StopReason::ClientGone);
      };
    });
    FAIL() << "the sweep should have stopped";
  } catch (const Stopped& s) {
    EXPECT_EQ(s.reason(), StopReason::ClientGone);
  }
  EXPECT_LT(visited.load(), 1'000'000u);
}

TEST(JobControl, DeadlineStopsWithTimeLimitAndFirstReasonWins) {
  auto flag = std::make_shared<StopFlag>();
  JobControl job(flag, JobControl::Clock::now() - 1ms);
  try {
    job.check();
    FAIL() << "past its deadline";
  } catch (const Stopped& s) {
    EXPECT_EQ(s.reason(), StopReason::TimeLimit);
  }
  flag->stop(StopReason::ClientGone);
  EXPECT_EQ(flag->reason(), StopReason::TimeLimit);
}

// Shutdown stops every job at once through the flag they share, and the job's own flag says so.
TEST(JobControl, TheServersShutdownFlagStopsTheJob) {
  auto flag = std::make_shared<StopFlag>();
  auto shutdown = std::make_shared<StopFlag>();
  JobControl job(flag, std::nullopt, shutdown);
  EXPECT_EQ(job.stop_reason(), StopReason::None);
  EXPECT_NO_THROW(job.check());
  shutdown->stop(StopReason::Shutdown);
  EXPECT_EQ(job.stop_reason(), StopReason::Shutdown);
  try {
    job.check();
    FAIL() << "the server is shutting down";
  } catch (const Stopped& s) {
    EXPECT_EQ(s.reason(), StopReason::Shutdown);
  }
  EXPECT_EQ(flag->reason(), StopReason::Shutdown);
}

TEST(JobControl, ProgressCountsSweepItems) {
  JobControl job(std::make_shared<StopFlag>(), std::nullopt);
  JobScope scope(&job);
  job.begin_stage("R1", 500);
  parallel_sweep(500, 2, [](unsigned) { return [](std::size_t) {}; });
  auto p = job.progress();
  EXPECT_EQ(p.stage, "R1");
  EXPECT_EQ(p.done, 500u);
  EXPECT_EQ(p.total, 500u);
}

TEST(JobControl, PercentCombinesStagesAndNeverGoesBack) {
  JobControl job(std::make_shared<StopFlag>(), std::nullopt);
  JobScope scope(&job);
  EXPECT_EQ(job.percent(), 0);
  stage_count(4);
  begin_stage("R1", 100, "features");
  job.advance(50);
  EXPECT_EQ(job.percent(), 12);  // (0 + 0.5) / 4
  job.advance(50);
  EXPECT_EQ(job.percent(), 25);
  begin_stage("R2", 10, "features");  // a fresh stage starts at its own 0: 25 stays
  EXPECT_EQ(job.percent(), 25);
  EXPECT_EQ(job.progress().unit, "features");
  EXPECT_EQ(job.progress().stage_index, 1u);
  job.advance(10);
  EXPECT_EQ(job.percent(), 50);
  job.set_stage_count(1);  // fewer stages said later: the answer does not go down...
  begin_stage("again", 10);
  EXPECT_EQ(job.percent(), 50);
  begin_stage("R4", 0);
  begin_stage("R5", 0);
  EXPECT_LE(job.percent(), 99);  // ...nor reach 100 before the caller says so
}

TEST(JobControl, NoJobMeansCheckpointsCostNothingAndNeverThrow) {
  EXPECT_EQ(current_job(), nullptr);
  EXPECT_NO_THROW(checkpoint());
}

}  // namespace
}  // namespace onemap::util
