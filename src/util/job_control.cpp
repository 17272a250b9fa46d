#include "util/job_control.h"

namespace onemap::util {
namespace {
thread_local JobControl* tls_job = nullptr;
}

const char* to_string(StopReason reason) {
  switch (reason) {
    case StopReason::None:
      return "not stopped";
    case StopReason::ClientGone:
      return "the client closed the connection";
    case StopReason::TimeLimit:
      return "the time limit was reached";
    case StopReason::Dismissed:
      return "the job was dismissed";
    case StopReason::Shutdown:
      return "the server is shutting down";
  }
  return "stopped";
}

JobControl* current_job() { return tls_job; }

JobScope::JobScope(JobControl* job) : previous_(tls_job) { tls_job = job; }
JobScope::~JobScope() { tls_job = previous_; }

}  // namespace onemap::util
