#pragma once
// Domain errors raised anywhere below the HTTP edge; the router turns each into its status and
// a JSON problem body, in exactly one place (problem_response).
#include "http/types.h"

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

 private:
  unsigned status_;
  std::string code_;
  std::string type_;
};

struct BadRequest : ApiError {
  explicit BadRequest(const std::string& d, std::string code = "InvalidParameterValue") : ApiError(400, std::move(code), d) {}
};
struct NotFound : ApiError {
  explicit NotFound(const std::string& d) : ApiError(404, "NotFound", d) {}
};
struct MethodNotAllowed : ApiError {
  explicit MethodNotAllowed(const std::string& d) : ApiError(405, "MethodNotAllowed", d) {}
};
struct NotAcceptable : ApiError {
  explicit NotAcceptable(const std::string& d) : ApiError(406, "NotAcceptable", d) {}
};

// {"code": …, "description": …, "status": …[, "type": …]} with Content-Type application/json.
http::Response problem_response(const ApiError& error, unsigned http_version, bool keep_alive);

}  // namespace onemap::api
