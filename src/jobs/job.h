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

// RFC 3339 in UTC with milliseconds: 2026-11-29T20:01:02.345Z.
std::string rfc3339(Time t);

// Where a successful job's result lies, and how it is served.
struct JobResult {
  std::filesystem::path file;
  std::string content_type;
  std::string content_disposition;  // empty: none (CSV results name a download)
  std::string etag;                 // strong, quoted: a hash of the bytes
  std::uint64_t bytes = 0;
};

struct JobInfo {
  std::string id;
  std::string process_id;
  JobStatus status = JobStatus::Accepted;
  std::string message;
  Time created{};
  std::optional<Time> started, finished;
  Time updated{};
  int progress = 0;                 // 0–100, never lower than before
  std::uint64_t data_version = 0;   // the snapshot the job computes on
  std::optional<JobResult> result;  // successful only
  // failed: the JSON problem body the synchronous call would have answered, and its status.
  std::string error_body;
  unsigned error_status = 0;
};

}  // namespace onemap::jobs
