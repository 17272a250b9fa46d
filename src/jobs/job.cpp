#include "jobs/job.h"

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

}  // namespace onemap::jobs
