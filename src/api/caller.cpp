#include "api/caller.h"

#include "api/errors.h"
#include "util/text.h"

namespace onemap::api {
namespace {

using http::beast_http::field;

// The key of X-API-Key or of Authorization: Bearer; empty when neither is sent.
std::string presented_key(const http::Request& request) {
  const auto api_key = request.find("X-API-Key");
  if (api_key != request.end()) return std::string(util::trim(api_key->value()));
  const auto authorization = request.find(field::authorization);
  if (authorization == request.end()) return {};
  const std::string_view value = util::trim(authorization->value());
  constexpr std::string_view kBearer = "Bearer ";
  if (!util::istarts_with(value, kBearer))
    throw Unauthorized("Authorization must be 'Bearer <API key>' (or send the key as X-API-Key)");
  return std::string(util::trim(value.substr(kBearer.size())));
}

}  // namespace

Caller identify_caller(const http::Request& request, ParsedTarget& target, const catalog::Access& access,
                       std::int64_t now_unix) {
  Caller caller;
  const std::string key = presented_key(request);
  const auto token = target.params.find("token");
  if (!key.empty()) {
    const auth::ApiKey* entry = access.keys.verify_key(key);
    if (!entry) throw Unauthorized("the API key is not valid (unknown, revoked or mistyped)");
    caller.role = entry->role;
    caller.key_id = entry->id;
  } else if (token != target.params.end()) {
    const auth::KeyStore::TokenCheck check = access.keys.verify_url_token(token->second, now_unix);
    using Outcome = auth::KeyStore::TokenOutcome;
    switch (check.outcome) {
      case Outcome::valid:
        break;
      case Outcome::expired:
        throw Unauthorized("the URL token expired; ask POST /auth/token for a new one");
      case Outcome::unknown_key:
        throw Unauthorized("the URL token's key is unknown or revoked");
      default:
        throw Unauthorized("the URL token is not valid");
    }
    caller.role = check.key->role;
    caller.key_id = check.key->id;
    caller.url_token = token->second;
  }
  if (token != target.params.end()) target.params.erase(token);
  return caller;
}

}  // namespace onemap::api
