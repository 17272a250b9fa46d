#pragma once
// The request target as a log line may show it: the value of a `token=` parameter is a
// credential (a signed URL token), as is `job_token=` (an anonymous caller's proof that a job
// is its own); neither value reaches the log, however its name is spelled
// (`%74oken=` is the same parameter to the API, which decodes names before reading them).
#include <string>
#include <string_view>

namespace onemap::http {

std::string loggable_target(std::string_view target);

}  // namespace onemap::http
