// Access control's own routes: POST /auth/token (a signed URL token for the caller's key) and
// POST /admin/reload (hot reload, admin only).
#include "api/errors.h"
#include "api/routes.h"
#include "store/reloader.h"
#include "util/clock.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

namespace onemap::api {
namespace {

using nlohmann::json;

http::Response no_store(http::Response res) {
  res.set(http::beast_http::field::cache_control, "no-store");
  return res;
}

}  // namespace

http::Response url_token(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"expires_in"});
  if (ctx.caller.key_id.empty() || !ctx.caller.url_token.empty())
    throw Unauthorized("a URL token is made for an API key: send the key as X-API-Key (a token cannot make another)");
  const catalog::Access& access = ctx.snapshot->catalog.access;
  const auto max_ttl = static_cast<std::size_t>(std::llround(access.url_token_max_ttl_s));
  const std::size_t ttl =
      unsigned_param(ctx, "expires_in", static_cast<std::size_t>(std::llround(access.url_token_ttl_s)), 1);
  if (ttl > max_ttl)
    throw BadRequest("expires_in is at most " + std::to_string(max_ttl) + " s (access.url_token_max_ttl_s)");
  const util::WallTime expires = std::chrono::system_clock::now() + std::chrono::seconds(ttl);
  const auth::ApiKey* key = access.keys.find(ctx.caller.key_id);
  if (!key) throw Unauthorized("the API key was revoked");
  return no_store(json_response(ctx, {{"token", access.keys.url_token(*key, util::unix_seconds(expires))},
                                      {"role", key->role},
                                      {"key_id", key->id},
                                      {"expires", util::rfc3339(expires)},
                                      {"expires_in", ttl},
                                      {"usage",
                                       "append token=<token> to OneMap URLs (tiles, TileJSON, styles, "
                                       "downloads) for clients that cannot send the X-API-Key header"}}));
}

http::Response whoami(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {});
  json body = {{"role", ctx.caller.role}, {"key_id", ctx.caller.key_id.empty() ? json() : json(ctx.caller.key_id)}};
  body["via"] = ctx.caller.key_id.empty() ? "anonymous" : ctx.caller.url_token.empty() ? "key" : "url_token";
  http::Response res = no_store(json_response(ctx, body));
  // A reverse proxy learns the role here (nginx auth_request) to key its tile cache by it.
  res.set(kRoleHeader, ctx.caller.role);
  return res;
}

http::Response admin_reload(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {});
  ctx.require_admin("POST /admin/reload");
  if (!ctx.services.reloader)
    throw NotFound("this server cannot reload (it serves data it was handed, not a configuration)");
  const store::Reloader::Outcome outcome = ctx.services.reloader->reload();
  json body = {{"reloaded", outcome.reloaded},
               {"data_version", outcome.version},
               {"data_fingerprint", outcome.fingerprint},
               {"seconds", outcome.seconds}};
  if (!outcome.reloaded) {
    body["reason"] = outcome.message;
    body["description"] = "the reload was refused; the previous data keeps serving";
  }
  http::Response res = no_store(json_response(ctx, body));
  // The configuration is at fault, not the request: 409 Conflict with the server's state.
  if (!outcome.reloaded) res.result(http::beast_http::status::conflict);
  return res;
}

}  // namespace onemap::api
