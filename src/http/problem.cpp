#include "http/problem.h"

#include <cstdio>
#include <string>

namespace onemap::http {
namespace {

constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kMiB = 1024 * 1024;

// Descriptions are the transport's own text; escaping keeps the body JSON whatever they hold.
void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

Response transport_problem(beast_http::status status, std::string_view code, std::string_view description,
                           std::optional<Limit> limit) {
  std::string body = "{\"code\": ";
  append_json_string(body, code);
  body += ", \"description\": ";
  append_json_string(body, description);
  body += ", \"status\": " + std::to_string(static_cast<unsigned>(status));
  if (limit) {
    body += ", \"limit\": ";
    append_json_string(body, limit->setting);
    body += ", \"limit_value\": " + std::to_string(limit->value);
  }
  body += "}";
  Response res{status, 11};
  res.set(beast_http::field::content_type, "application/json");
  res.set(beast_http::field::server, "OneMap");
  res.keep_alive(false);
  res.body() = std::move(body);
  return res;
}

Response header_timeout_problem(std::uint64_t seconds) {
  return transport_problem(beast_http::status::request_timeout, "header_timeout",
                           "The request header did not arrive within " + std::to_string(seconds) +
                               " s (server.header_timeout_s); the connection is closed.",
                           Limit{"server.header_timeout_s", seconds});
}

Response header_too_large_problem(std::uint64_t limit_bytes) {
  return transport_problem(beast_http::status::request_header_fields_too_large, "header_too_large",
                           "The request header exceeds the server's limit of " + std::to_string(limit_bytes / kKiB) +
                               " KB (server.max_header_kb).",
                           Limit{"server.max_header_kb", limit_bytes / kKiB});
}

Response body_too_large_problem(std::uint64_t limit_bytes) {
  return transport_problem(beast_http::status::payload_too_large, "payload_too_large",
                           "The request body exceeds the server's limit of " + std::to_string(limit_bytes / kKiB) +
                               " KB (server.max_body_kb).",
                           Limit{"server.max_body_kb", limit_bytes / kKiB});
}

Response too_many_connections_problem(std::uint64_t max_connections, unsigned retry_after_seconds) {
  Response res = transport_problem(beast_http::status::service_unavailable, "too_many_connections",
                                   "The server has " + std::to_string(max_connections) +
                                       " connections open, its limit (server.max_connections); try again shortly.",
                                   Limit{"server.max_connections", max_connections});
  res.set(beast_http::field::retry_after, std::to_string(retry_after_seconds));
  return res;
}

Response response_too_large_problem(std::uint64_t size_bytes, std::uint64_t limit_bytes) {
  const auto mb = [](std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / kMiB);
    return std::string(text);
  };
  Response res = transport_problem(beast_http::status::bad_request, "response_too_large",
                                   "The response would be " + mb(size_bytes) + " MB, over the server's limit of " +
                                       std::to_string(limit_bytes / kMiB) +
                                       " MB (server.max_response_mb); narrow the request (a bbox, a township, "
                                       "a filter).",
                                   Limit{"server.max_response_mb", limit_bytes / kMiB});
  res.keep_alive(true);  // nothing is wrong with the connection
  return res;
}

Response unsent_over_budget_problem(std::uint64_t limit_bytes, unsigned retry_after_seconds) {
  Response res = transport_problem(beast_http::status::service_unavailable, "unsent_responses_over_budget",
                                   "The server holds " + std::to_string(limit_bytes / kMiB) +
                                       " MB of answers its clients have not read yet, its limit "
                                       "(server.max_unsent_mb); try again shortly.",
                                   Limit{"server.max_unsent_mb", limit_bytes / kMiB});
  res.set(beast_http::field::retry_after, std::to_string(retry_after_seconds));
  res.keep_alive(true);  // nothing is wrong with this connection
  return res;
}

Response bad_framing_problem(std::string_view why) {
  return transport_problem(beast_http::status::bad_request, "bad_framing",
                           "The request's body cannot be read: " + std::string(why) +
                               ". Send Content-Length, or Transfer-Encoding: chunked alone; the connection is closed.");
}

Response unsupported_transfer_coding_problem(std::string_view coding) {
  return transport_problem(beast_http::status::not_implemented, "unsupported_transfer_coding",
                           "The transfer coding '" + std::string(coding.substr(0, 100)) +
                               "' is not one the server decodes; send the body with Transfer-Encoding: chunked "
                               "alone, or with Content-Length. The connection is closed.");
}

}  // namespace onemap::http
