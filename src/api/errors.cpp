#include "api/errors.h"

#include <nlohmann/json.hpp>

namespace onemap::api {

http::Response problem_response(const ApiError& error, unsigned http_version, bool keep_alive) {
  nlohmann::json body = {{"code", error.code()}, {"description", error.what()}, {"status", error.status()}};
  if (!error.type().empty()) body["type"] = error.type();
  http::Response res{static_cast<http::beast_http::status>(error.status()), http_version};
  res.set(http::beast_http::field::content_type, "application/json");
  res.keep_alive(keep_alive);
  if (error.retry_after() > 0) res.set(http::beast_http::field::retry_after, std::to_string(error.retry_after()));
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

}  // namespace onemap::api
