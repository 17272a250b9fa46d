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

// P9b: 1,000 quick jobs of other owners (anonymous callers, each its own) once took a keyed
// caller's finished result with them when the table filled; now they are refused instead.
TEST(JobRegistry, OtherOwnersQuickJobsNeverEvictAFinishedResultBeforeItsTime) {
  JobSettings settings;
  settings.max_jobs = 20;
  JobRegistry jobs(nullptr, settings);  // no pool: a job runs on submit
  auto kept = jobs.submit(
      "p", 1, 10s, [] { return text_response("alice's result"); }, "key:alice");
  ASSERT_TRUE(kept.job);
  std::size_t refused = 0;
  for (int i = 0; i < 1000; ++i) {
    auto quick = jobs.submit(
        "p", 1, 10s, [] { return text_response("x"); }, "token:" + std::to_string(i));
    if (!quick.job) {
      EXPECT_EQ(quick.refusal, JobRegistry::Refusal::TooManyJobs);
      ++refused;
    }
  }
  EXPECT_EQ(refused, 1000u - 19u);
  auto r = jobs.results(kept.job->id);
  ASSERT_TRUE(r) << "another owner's job evicted the keyed caller's finished result";
  ASSERT_TRUE(r->file);
  EXPECT_EQ(http::Payload::file(r->file).read_all(), "alice's result");
}

TEST(JobRegistry, ResultsBudgetNeverTakesAnotherOwnersResult) {
  JobSettings settings;
  settings.results_bytes = 10;  // room for one result of 8 bytes
  JobRegistry jobs(nullptr, settings);
  auto alice = jobs.submit(
      "p", 1, 10s, [] { return text_response("AAAAAAAA"); }, "key:alice");
  auto bob = jobs.submit(
      "p", 1, 10s, [] { return text_response("BBBBBBBB"); }, "key:bob");
  ASSERT_TRUE(alice.job && bob.job);
  auto kept = jobs.results(alice.job->id);
  ASSERT_TRUE(kept && kept->file) << "bob's result evicted alice's";
  EXPECT_EQ(http::Payload::file(kept->file).read_all(), "AAAAAAAA");
  // Bob's does not fit: his job fails, saying which limit.
  JobInfo failed = *jobs.status(bob.job->id);
  EXPECT_EQ(failed.status, JobStatus::Failed);
  EXPECT_EQ(failed.error_status, 503u);
  EXPECT_NE(failed.error_body.find("server.job_results_mb"), std::string::npos) << failed.error_body;
  EXPECT_FALSE(failed.result);
  // Alice makes room with her own oldest.
  auto again = jobs.submit(
      "p", 1, 10s, [] { return text_response("CCCCCCCC"); }, "key:alice");
  ASSERT_TRUE(again.job);
  EXPECT_EQ(jobs.status(again.job->id)->status, JobStatus::Successful);
  EXPECT_FALSE(jobs.status(alice.job->id));
}

TEST(JobRegistry, AShareOverItsBoundIsRefusedAndOthersAreNot) {
  JobSettings settings;
  settings.max_jobs_per_owner = 3;
  JobRegistry jobs(nullptr, settings);
  auto quick = [] { return text_response("x"); };
  // Anonymous jobs: each an owner of its own, all in the share of one client address.
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto j = jobs.submit("p", 1, 10s, quick, "token:" + std::to_string(i), "address:10.0.0.1");
    ASSERT_TRUE(j.job);
    ids.push_back(j.job->id);
  }
  auto over = jobs.submit("p", 1, 10s, quick, "token:3", "address:10.0.0.1");
  EXPECT_FALSE(over.job);
  EXPECT_EQ(over.refusal, JobRegistry::Refusal::OwnerFull);
  // Room comes when the first finished one expires (the TTL is an hour).
  EXPECT_GT(over.retry_after, 3500s);
  EXPECT_LE(over.retry_after, 3600s);
  for (const std::string& id : ids) EXPECT_TRUE(jobs.status(id)) << "a job of another owner was evicted";
  // Another address is not affected; a job its owner dismissed no longer counts.
  EXPECT_TRUE(jobs.submit("p", 1, 10s, quick, "token:4", "address:10.0.0.2").job);
  ASSERT_TRUE(jobs.dismiss(ids[1]));
  EXPECT_TRUE(jobs.submit("p", 1, 10s, quick, "token:5", "address:10.0.0.1").job);

  // A key over its bound makes room with its own oldest finished job.
  std::vector<std::string> keyed;
  for (int i = 0; i < 4; ++i) {
    auto j = jobs.submit("p", 1, 10s, quick, "key:alice");
    ASSERT_TRUE(j.job) << i;
    keyed.push_back(j.job->id);
  }
  EXPECT_FALSE(jobs.status(keyed[0]));
  EXPECT_TRUE(jobs.status(keyed[1]));
  const std::string alice = "key:alice";
  EXPECT_EQ(jobs.list(0, 100, &alice).total, 3u);
}

TEST(JobRegistry, AKeyWhoseJobsAreAllUnfinishedIsRefused) {
  util::WorkerPool pool(1, 8);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  JobSettings settings;
  settings.max_jobs_per_owner = 2;
  JobRegistry jobs(&pool, settings);
  auto blocked = [released] {
    released.wait();
    return text_response("done");
  };
  auto a = jobs.submit("p", 1, 10s, blocked, "key:alice");
  auto b = jobs.submit("p", 1, 10s, blocked, "key:alice");
  ASSERT_TRUE(a.job && b.job);
  auto c = jobs.submit("p", 1, 10s, blocked, "key:alice");
  EXPECT_EQ(c.refusal, JobRegistry::Refusal::OwnerFull);
  EXPECT_EQ(c.retry_after, 0s);  // none finished: when is not known
  EXPECT_TRUE(jobs.submit("p", 1, 10s, blocked, "key:bob").job);
  release.set_value();
  wait_final(jobs, a.job->id);
  wait_final(jobs, b.job->id);
}

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
