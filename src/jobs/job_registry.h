#pragma once
// The table of asynchronous jobs (OGC API – Processes Part 1: async-execute, job list,
// dismiss). A job is work queued on the WorkerPool with a StopFlag of its own (not its
// client's: the client may leave after the 201) and the server's time limit; it keeps its
// status, progress and, once successful, its result on disk (ResultStore). Thread-safe; a job
// holds no snapshot once it has finished.
//
// Each job has an owner, and one owner's jobs never cost another its results: finished jobs
// expire after a time to live, and before that only their own owner's newer jobs may evict them
// (the oldest first) to stay within the owner's bound, the table's size or the results budget.
// A dismissed job holds nothing and may make room for anyone. What does not fit is refused
// (a job beyond the bounds) or fails (a result beyond the budget), never another's.
#include "http/types.h"
#include "jobs/job.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace onemap::util {
class WorkerPool;
}

namespace onemap::jobs {

struct JobSettings {
  std::filesystem::path dir;                        // where the results directory is made; empty: the temp dir
  std::chrono::duration<double> results_ttl{3600};  // how long a finished job is kept
  std::uint64_t results_bytes = std::uint64_t{1024} << 20;
  std::size_t max_jobs = 1000;          // jobs kept, all owners together
  std::size_t max_jobs_per_owner = 50;  // jobs kept (not dismissed) per share
};

class JobRegistry {
 public:
  // The work of a job: runs on a pool thread with the job's JobControl installed, and answers
  // what the synchronous call would (a 2xx response is the result; anything else its error).
  using Work = std::function<http::Response()>;

  // Without a pool, a job runs on the thread that submits it (tests, tools). Throws
  // std::runtime_error when the results directory cannot be made.
  JobRegistry(util::WorkerPool* pool, const JobSettings& settings);
  // Stops every job (stop_all), waits for the running ones, removes the results.
  ~JobRegistry();
  JobRegistry(const JobRegistry&) = delete;
  JobRegistry& operator=(const JobRegistry&) = delete;

  // QueueFull: the pool's queue; TooManyJobs: max_jobs; OwnerFull: the share's max_jobs_per_owner.
  enum class Refusal { None, QueueFull, TooManyJobs, OwnerFull };
  struct Submitted {
    std::optional<JobInfo> job;  // the accepted job, as just created
    Refusal refusal = Refusal::None;
    // OwnerFull: when the share's first finished job expires (room for certain); 0: none has finished.
    std::chrono::seconds retry_after{0};
  };
  // `owner`: who may see the job (JobInfo::owner); `share`: whose bound it counts against
  // (empty: the owner's own).
  Submitted submit(std::string process_id, std::uint64_t data_version, std::chrono::duration<double> time_limit,
                   Work work, std::string owner = {}, std::string share = {});

  // Null: no such job (never was, or expired).
  std::optional<JobInfo> status(const std::string& id) const;
  struct Page {
    std::vector<JobInfo> jobs;  // newest first
    std::size_t total = 0;
  };
  // `owner`: only that owner's jobs; null: everyone's.
  Page list(std::size_t offset, std::size_t limit, const std::string* owner = nullptr) const;
  // The server is stopping: every job stops (Shutdown), a queued one never runs, a running one
  // stops at its next checkpoint, and a job submitted later never runs. Does not wait.
  void stop_all();
  // Dismisses: a queued job never runs, a running one stops at its next checkpoint, results
  // are removed. Null: no such job.
  std::optional<JobInfo> dismiss(const std::string& id);
  struct Results {
    JobInfo info;
    std::shared_ptr<const http::BodyFile> file;  // set when successful
  };
  std::optional<Results> results(const std::string& id) const;

  const std::filesystem::path& dir() const;

  struct State;  // shared with the queued jobs, which may outlive the registry (job_registry.cpp)

 private:
  util::WorkerPool* pool_;
  std::shared_ptr<State> state_;
};

}  // namespace onemap::jobs
