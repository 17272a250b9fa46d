#pragma once
// Domain errors raised anywhere below the HTTP edge; the router turns each into its status and
// a JSON problem body, in exactly one place (problem_response).
#include "http/types.h"
#include "util/job_control.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace onemap::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(unsigned status, std::string code, const std::string& description)
      : std::runtime_error(description), status_(status), code_(std::move(code)) {}
  unsigned status() const { return status_; }
  const std::string& code() const { return code_; }
  // An exception type URI (OGC API – Processes names its errors so); empty: none.
  const std::string& type() const { return type_; }
  ApiError& with_type(std::string type) {
    type_ = std::move(type);
    return *this;
  }
  // Seconds a client should wait before trying again (Retry-After); 0: not said.
  unsigned retry_after() const { return retry_after_; }
  // The setting of the limit the request ran into ("server.max_export_features") and its value;
  // empty: none. The problem body names both ("limit", "limit_value").
  const std::string& limit() const { return limit_; }
  std::uint64_t limit_value() const { return limit_value_; }

 private:
  unsigned status_;
  std::string code_;
  std::string type_;

 protected:
  unsigned retry_after_ = 0;
  std::string limit_;
  std::uint64_t limit_value_ = 0;
};

struct BadRequest : ApiError {
  explicit BadRequest(const std::string& d, std::string code = "InvalidParameterValue")
      : ApiError(400, std::move(code), d) {}
};
struct NotFound : ApiError {
  explicit NotFound(const std::string& d) : ApiError(404, "NotFound", d) {}
};
struct MethodNotAllowed : ApiError {
  explicit MethodNotAllowed(const std::string& d) : ApiError(405, "MethodNotAllowed", d) {}
};
// The caller presented a key or URL token that does not verify (answered with
// WWW-Authenticate: Bearer).
struct Unauthorized : ApiError {
  explicit Unauthorized(const std::string& d) : ApiError(401, "Unauthorized", d) {}
};
struct Forbidden : ApiError {
  explicit Forbidden(const std::string& d) : ApiError(403, "Forbidden", d) {}
};
struct NotAcceptable : ApiError {
  explicit NotAcceptable(const std::string& d) : ApiError(406, "NotAcceptable", d) {}
};

// The server is busy: the worker queue is full. Says when to try again.
struct ServiceUnavailable : ApiError {
  ServiceUnavailable(const std::string& d, unsigned retry_after_seconds) : ApiError(503, "ServiceUnavailable", d) {
    retry_after_ = retry_after_seconds;
  }
};
// The caller holds as much of something shared as one caller may (its jobs kept); others are
// not affected. Names the setting, and says when to try again.
struct TooManyRequests : ApiError {
  TooManyRequests(const std::string& d, unsigned retry_after_seconds, std::string setting, std::uint64_t value)
      : ApiError(429, "TooManyRequests", d) {
    retry_after_ = retry_after_seconds;
    limit_ = std::move(setting);
    limit_value_ = value;
  }
};
// A process or an export ran past the configured time limit and was stopped.
struct TimeLimitExceeded : ApiError {
  explicit TimeLimitExceeded(const std::string& d) : ApiError(503, "TimeLimitExceeded", d) {}
};

// A request whose answer would pass a configured limit (features of a download, rows of a
// process result): refused before anything is written. The description says how to narrow it.
struct LimitExceeded : ApiError {
  LimitExceeded(const std::string& d, std::string setting, std::uint64_t value) : ApiError(400, "LimitExceeded", d) {
    limit_ = std::move(setting);
    limit_value_ = value;
  }
};

// What 503s tell clients to wait, in seconds.
inline constexpr unsigned kRetryAfterSeconds = 5;

// The error for work that was stopped (util::Stopped): TimeLimitExceeded naming the limit of
// `time_limit_s` seconds, else a 503 that says why (the client left, dismissal, shutdown).
ApiError stopped_error(util::StopReason reason, double time_limit_s);

// Every worker has a job and the queue (server.job_queue_limit) is full.
ServiceUnavailable queue_full_error();

// {"code": …, "description": …, "status": …[, "type": …]} with Content-Type application/json.
http::Response problem_response(const ApiError& error, unsigned http_version, bool keep_alive);

}  // namespace onemap::api
