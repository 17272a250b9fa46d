#include "api/request_context.h"

#include "api/errors.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>

namespace onemap::api {

const store::Layer* RequestContext::find_layer(std::string_view id) const { return visible.find(id); }

const store::Layer& RequestContext::layer(std::string_view id) const {
  if (const store::Layer* found = find_layer(id)) return *found;
  throw NotFound("no collection '" + std::string(id.substr(0, 100)) + "'; GET /collections lists them");
}

std::string RequestContext::with_token(std::string url) const {
  if (caller.url_token.empty()) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "token=" + percent_encode(caller.url_token);
}

void RequestContext::require_admin(std::string_view what) const {
  if (caller.role == catalog::kAdminRole) return;
  if (caller.key_id.empty())
    throw Unauthorized(std::string(what) + " needs the admin role: send an admin API key (X-API-Key)");
  throw Forbidden(std::string(what) + " needs the admin role; this key's role is '" + caller.role + "'");
}

http::Response make_response(const RequestContext& ctx, http::Payload body, std::string_view content_type,
                             http::beast_http::status status) {
  http::Response res{status, ctx.request.version()};
  res.set(http::beast_http::field::content_type, content_type);
  res.keep_alive(ctx.request.keep_alive());
  res.body() = std::move(body);
  return res;
}

http::Response json_response(const RequestContext& ctx, const nlohmann::json& body, std::string_view content_type) {
  return make_response(ctx, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), content_type);
}

nlohmann::json make_link(const std::string& href, const std::string& rel, const std::string& type,
                         const std::string& title) {
  return {{"href", href}, {"rel", rel}, {"type", type}, {"title", title}};
}

std::size_t unsigned_param(const RequestContext& ctx, const char* name, std::size_t fallback, std::size_t min) {
  const std::string* text = ctx.param(name);
  if (!text) return fallback;
  std::size_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec == std::errc::result_out_of_range) return SIZE_MAX;
  if (ec != std::errc() || end != text->data() + text->size() || v < min)
    throw BadRequest(std::string(name) + "=" + text->substr(0, 100) + " is not a whole number ≥ " +
                     std::to_string(min));
  return v;
}

void require_format(const RequestContext& ctx, std::initializer_list<std::string_view> offered) {
  const std::string* f = ctx.param("f");
  if (!f) return;
  for (std::string_view o : offered)
    if (*f == o) return;
  std::string list;
  for (std::string_view o : offered) list += (list.empty() ? "" : ", ") + std::string(o);
  throw BadRequest("format f=" + *f + " is not offered here; choose one of: " + list);
}

}  // namespace onemap::api
