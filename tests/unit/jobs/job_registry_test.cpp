// The job table on its own: work that is a plain function, a real pool.
#include "jobs/job_registry.h"
#include "util/clock.h"
#include "util/job_control.h"
#include "util/worker_pool.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <future>
#include <thread>

namespace onemap::jobs {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

http::Response text_response(const std::string& text) {
  http::Response res{http::beast_http::status::ok, 11};
  res.set(http::beast_http::field::content_type, "text/plain");
  res.body() = text;
  return res;
}

JobInfo wait_final(const JobRegistry& jobs, const std::string& id) {
  for (int i = 0; i < 5000; ++i) {
    std::optional<JobInfo> j = jobs.status(id);
    if (!j || is_final(j->status)) return j.value_or(JobInfo{});
    std::this_thread::sleep_for(1ms);
  }
  ADD_FAILURE() << "job " << id << " did not finish";
  return {};
}

TEST(JobRegistry, StreamedResultIsWrittenWholeWithAStrongETag) {
  util::WorkerPool pool(2, 4);
  JobRegistry jobs(&pool, {});
  auto submitted = jobs.submit("p", 7, 10s, [] {
    http::Response res = text_response("");
    auto n = std::make_shared<int>(0);
    res.body() = http::Payload::stream([n](std::string& out) {
      out += "chunk" + std::to_string((*n)++) + ";";
      return *n < 3;
    });
    return res;
  });
  ASSERT_TRUE(submitted.job);
  EXPECT_EQ(submitted.job->id.size(), 32u);
  JobInfo done = wait_final(jobs, submitted.job->id);
  ASSERT_EQ(done.status, JobStatus::Successful);
  EXPECT_EQ(done.progress, 100);
  EXPECT_EQ(done.data_version, 7u);
  auto r = jobs.results(done.id);
  ASSERT_TRUE(r && r->file);
  EXPECT_EQ(http::Payload::file(r->file).read_all(), "chunk0;chunk1;chunk2;");
  EXPECT_EQ(r->info.result->content_type, "text/plain");
  EXPECT_EQ(r->info.result->etag.front(), '"');
  EXPECT_EQ(r->info.result->etag.back(), '"');
}

TEST(JobRegistry, TemporaryDirectoryGoesWithTheRegistryAndStopsRunningJobs) {
  util::WorkerPool pool(1, 4);
  fs::path dir;
  std::promise<void> started;
  {
    JobRegistry jobs(&pool, {});
    dir = jobs.dir();
    EXPECT_TRUE(fs::is_directory(dir));
    jobs.submit("loop", 1, 60s, [&started] {
      started.set_value();
      while (true) {
        util::checkpoint();
        std::this_thread::sleep_for(1ms);
      }
      return text_response("never");
    });
    started.get_future().wait();
  }  // shutdown stops the running job and waits for it
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_EQ(pool.stats().running, 0u);
}

TEST(JobRegistry, ConfiguredDirectoryStaysButResultsGo) {
  const fs::path dir = fs::temp_directory_path() / ("onemap-jobs-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    JobSettings settings;
    settings.dir = dir;
    JobRegistry jobs(nullptr, settings);  // no pool: the job runs on submit
    auto submitted = jobs.submit("p", 1, 10s, [] { return text_response("x"); });
    ASSERT_TRUE(submitted.job);
    EXPECT_EQ(jobs.status(submitted.job->id)->status, JobStatus::Successful);
    EXPECT_FALSE(fs::is_empty(dir));
  }
  EXPECT_TRUE(fs::is_directory(dir));
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

TEST(JobRegistry, TooManyUnfinishedJobsAreRefused) {
  util::WorkerPool pool(1, 8);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  JobSettings settings;
  settings.max_jobs = 2;
  JobRegistry jobs(&pool, settings);
  auto blocked = [released] {
    released.wait();
    return text_response("done");
  };
  auto a = jobs.submit("p", 1, 10s, blocked);
  auto b = jobs.submit("p", 1, 10s, blocked);
  ASSERT_TRUE(a.job && b.job);
  EXPECT_EQ(jobs.submit("p", 1, 10s, blocked).refusal, JobRegistry::Refusal::TooManyJobs);
  release.set_value();
  wait_final(jobs, a.job->id);
  wait_final(jobs, b.job->id);
  // Finished jobs make room: the oldest goes.
  auto c = jobs.submit("p", 1, 10s, blocked);
  ASSERT_TRUE(c.job);
  wait_final(jobs, c.job->id);
  EXPECT_FALSE(jobs.status(a.job->id));
  EXPECT_EQ(jobs.list(0, 10).total, 2u);
}

// A directory of the test's own under the temp dir, removed at the end.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("onemap-jobs-test-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  ScratchDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
};

// P9b: a killed server's results stayed on disk forever. The directory is named with the pid,
// and the next server made in the same place removes it.
TEST(JobRegistry, ResultsDirectoryIsNamedWithThePidAndALeftoverIsSweptAtStart) {
  ScratchDir parent;
  // pid_max is at most 2^22: no process has this id. Ours is alive, and so is its directory.
  const fs::path stale = parent.path / "onemap-jobs-999999999-abcdef";
  const fs::path live = parent.path / ("onemap-jobs-" + std::to_string(::getpid()) + "-abcdef");
  for (const fs::path& d : {stale, live}) {
    fs::create_directories(d);
    std::ofstream(d / "0123.result") << "x";
  }
  JobSettings settings;
  settings.dir = parent.path;
  JobRegistry jobs(nullptr, settings);
  EXPECT_FALSE(fs::exists(stale)) << "a dead server's results are still on disk";
  EXPECT_TRUE(fs::exists(live / "0123.result"));
  EXPECT_EQ(jobs.dir().parent_path(), parent.path);
  EXPECT_TRUE(jobs.dir().filename().string().starts_with("onemap-jobs-" + std::to_string(::getpid()) + "-"))
      << jobs.dir();
  // Without a jobs_dir: the same, in the temp dir.
  JobRegistry temporary(nullptr, {});
  EXPECT_EQ(temporary.dir().parent_path(), fs::temp_directory_path());
  EXPECT_TRUE(temporary.dir().filename().string().starts_with("onemap-jobs-" + std::to_string(::getpid()) + "-"))
      << temporary.dir();
}

TEST(JobRegistry, ResultFilesAreTheServersAlone) {
  JobRegistry jobs(nullptr, {});
  auto j = jobs.submit(
      "p", 1, 10s, [] { return text_response("restricted data"); }, "key:alice");
  ASSERT_TRUE(j.job);
  auto r = jobs.results(j.job->id);
  ASSERT_TRUE(r && r->info.result);
  EXPECT_EQ(fs::status(r->info.result->file).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(fs::status(jobs.dir()).permissions(), fs::perms::owner_all);
}

TEST(JobRegistry, Rfc3339InUtcWithMilliseconds) {
  EXPECT_EQ(util::rfc3339(Time{} + std::chrono::milliseconds(1'700'000'000'123)), "2023-11-14T22:13:20.123Z");
}

}  // namespace
}  // namespace onemap::jobs
