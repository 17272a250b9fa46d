#pragma once
// The transport's own answers, as JSON problems like the API's: malformed requests, a handler
// that failed, and the limits the transport keeps (header timeout, header and body sizes,
// connections, the response byte budget). A limit's problem names its setting and value, in the
// body ("limit", "limit_value") and in the description, so a client and an operator both see
// which limit was hit.
#include "http/types.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace onemap::http {

// A limit by the name of its setting in onemap.yaml ("server.max_body_kb") and its value there.
struct Limit {
  std::string_view setting;
  std::uint64_t value = 0;
};

// {"code", "description", "status"[, "limit", "limit_value"]}, application/json, with the
// connection to be closed unless the caller says otherwise.
Response transport_problem(beast_http::status status, std::string_view code, std::string_view description,
                           std::optional<Limit> limit = std::nullopt);

// The problems of each transport limit, with descriptions that say what to do.
Response header_timeout_problem(std::uint64_t seconds);
Response header_too_large_problem(std::uint64_t limit_bytes);
Response body_too_large_problem(std::uint64_t limit_bytes);
Response too_many_connections_problem(std::uint64_t max_connections, unsigned retry_after_seconds);
Response response_too_large_problem(std::uint64_t size_bytes, std::uint64_t limit_bytes);
Response unsent_over_budget_problem(std::uint64_t limit_bytes, unsigned retry_after_seconds);

// A request whose body's end cannot be trusted (http/request_framing.h): 400, `why` said.
Response bad_framing_problem(std::string_view why);
// A transfer coding other than chunked: 501 (RFC 9112 §6.1), naming it.
Response unsupported_transfer_coding_problem(std::string_view coding);

}  // namespace onemap::http
