#include "api/errors.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace onemap::api {

http::Response problem_response(const ApiError& error, unsigned http_version, bool keep_alive) {
  nlohmann::json body = {{"code", error.code()}, {"description", error.what()}, {"status", error.status()}};
  if (!error.type().empty()) body["type"] = error.type();
  if (!error.limit().empty()) {
    body["limit"] = error.limit();
    body["limit_value"] = error.limit_value();
  }
  http::Response res{static_cast<http::beast_http::status>(error.status()), http_version};
  res.set(http::beast_http::field::content_type, "application/json");
  res.keep_alive(keep_alive);
  if (error.status() == 401) res.set(http::beast_http::field::www_authenticate, "Bearer realm=\"OneMap\"");
  if (error.retry_after() > 0) res.set(http::beast_http::field::retry_after, std::to_string(error.retry_after()));
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

ApiError stopped_error(util::StopReason reason, double time_limit_s) {
  if (reason == util::StopReason::TimeLimit)
    return TimeLimitExceeded("the request (a process or an export) ran past the server's time limit of " +
                             std::to_string(std::lround(time_limit_s)) +
                             " s (server.process_time_limit_s) and was stopped; narrow the request");
  return ServiceUnavailable(std::string("stopped: ") + util::to_string(reason), kRetryAfterSeconds);
}

ServiceUnavailable queue_full_error() {
  return ServiceUnavailable(
      "the server is busy: every worker has a job and the queue is full (server.job_queue_limit); try again shortly",
      kRetryAfterSeconds);
}

}  // namespace onemap::api
