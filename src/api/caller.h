#pragma once
// Who is asking. A browser or script sends its API key as `X-API-Key: om_…` or
// `Authorization: Bearer om_…`; a client that cannot set headers (QField, MapLibre tile URLs)
// adds a signed URL token `?token=…` (POST /auth/token makes one). Neither: the public role.
// A key or token that does not verify is a 401, never a silent fall back to public: a client
// with a mistyped key should learn it. Keys in any other header or parameter are not read.
#include "api/query_params.h"
#include "catalog/catalog.h"
#include "http/types.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace onemap::api {

// The caller's role, as GET /auth/whoami states it to a reverse proxy (nginx auth_request).
inline constexpr std::string_view kRoleHeader = "X-OneMap-Role";
// Sent by a trusted reverse proxy that keys its tile cache by the caller's role, naming the
// role it keys this request by: tiles of restricted layers may then be kept by it.
inline constexpr std::string_view kCacheRoleHeader = "X-OneMap-Cache-Role";

// An anonymous caller's proof that a job is its own: the token the 201 accepting the job gave
// (api/processes/job_routes.cpp); also accepted as the query parameter `job_token`.
inline constexpr std::string_view kJobTokenHeader = "X-OneMap-Job-Token";

struct Caller {
  std::string role = std::string(catalog::kPublicRole);
  std::string key_id;     // empty: anonymous
  std::string url_token;  // the URL token the request came with, passed on in the URLs it is given
};

// Identifies the caller and removes `token` from the parameters, so no handler sees it (and no
// unknown-parameter check rejects it). Throws Unauthorized.
Caller identify_caller(const http::Request& request, ParsedTarget& target, const catalog::Access& access,
                       std::int64_t now_unix);

}  // namespace onemap::api
