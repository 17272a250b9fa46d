#include "jobs/job.h"

#include <ctime>

namespace onemap::jobs {

const char* to_string(JobStatus status) {
  switch (status) {
    case JobStatus::Accepted:
      return "accepted";
    case JobStatus::Running:
      return "running";
    case JobStatus::Successful:
      return "successful";
    case JobStatus::Failed:
      return "failed";
    case JobStatus::Dismissed:
      return "dismissed";
  }
  return "accepted";
}

std::string rfc3339(Time t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

}  // namespace onemap::jobs
