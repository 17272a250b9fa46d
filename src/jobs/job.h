#pragma once
// One asynchronous job as the status document shows it (OGC API – Processes Part 1, statusInfo):
// a copy taken under the registry's lock, so it can be rendered without holding anything.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace onemap::jobs {

enum class JobStatus { Accepted, Running, Successful, Failed, Dismissed };

// The word the standard uses: accepted, running, successful, failed, dismissed.
const char* to_string(JobStatus status);
// A job that will not change any more (it may still expire).
inline bool is_final(JobStatus s) {
  return s == JobStatus::Successful || s == JobStatus::Failed || s == JobStatus::Dismissed;
}

using Time = std::chrono::system_clock::time_point;

// Where a successful job's result lies, and how it is served.
struct JobResult {
  std::filesystem::path file;
  std::string content_type;
  std::string content_disposition;  // empty: none (CSV results name a download)
  std::string etag;                 // strong, quoted: a hash of the bytes
  std::uint64_t bytes = 0;
};

// Where a running job is, for clients that word it themselves (the web map, in Chinese).
struct JobStage {
  std::string name;  // e.g. the rule id
  std::uint64_t done = 0, total = 0;
  std::string unit;                    // what is counted ("features")
  std::uint64_t index = 0, count = 0;  // the stage's place among count stages; count 0: not said
};

struct JobInfo {
  std::string id;
  std::string process_id;
  JobStatus status = JobStatus::Accepted;
  std::string message;
  Time created{};
  std::optional<Time> started, finished;
  Time updated{};
  int progress = 0;                // 0–100, never lower than before
  std::optional<JobStage> stage;   // while running, once the work has named a stage
  std::uint64_t data_version = 0;  // the snapshot the job computes on
  // Who may see the job (the API's "key:{id}" or "token:{hash}"; admin sees every job), and
  // whose bound (max_jobs_per_owner) it counts against: the key, or an anonymous client's address.
  std::string owner, share;
  std::optional<JobResult> result;  // successful only
  // failed: the JSON problem body the synchronous call would have answered, and its status.
  std::string error_body;
  unsigned error_status = 0;
};

}  // namespace onemap::jobs
