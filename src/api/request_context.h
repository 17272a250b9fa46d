#pragma once
// What every route handler gets: the request, the data snapshot it reads (held for the whole
// request, so a reload cannot pull it away), the parsed target, the base URL for links, who
// asks, and the Api's services — nothing that may be missing.
// Handlers reach layers only through layer()/find_layer()/layers(): the one gate where access
// control and live sources plug in.
#include "api/caller.h"
#include "api/query_params.h"
#include "api/services.h"
#include "http/types.h"
#include "store/layer_set.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::api {

struct RequestContext {
  const http::Request& request;
  std::shared_ptr<const store::Snapshot> snapshot;
  ParsedTarget target;
  std::string base_url;             // scheme://host[:port], no trailing slash
  std::string_view route;           // the named route answering, e.g. "features.items"
  std::string_view remote_address;  // the caller's IP (not a proxy's X-Forwarded-For)
  Caller caller;                    // who asks: the role, and the URL token to pass on
  store::LayerSet visible;          // the layers the caller may see; read through the gate below
  const Services& services;         // the Api's caches, jobs, exports and counters

  const std::string* param(const std::string& name) const {
    auto it = target.params.find(name);
    return it == target.params.end() ? nullptr : &it->second;
  }

  // The layer the caller may read under this id, or null.
  const store::Layer* find_layer(std::string_view id) const;
  // The same, or a NotFound that says where the list is.
  const store::Layer& layer(std::string_view id) const;
  // Every layer the caller may read, in catalog order.
  const std::vector<const store::Layer*>& layers() const { return visible.layers(); }
  // A URL the server hands out (a tile template, a style source) with the caller's URL token,
  // when the request came with one, so a client that cannot send headers can follow it.
  std::string with_token(std::string url) const;
  // Throws Forbidden (Unauthorized when anonymous) unless the caller has the admin role.
  void require_admin(std::string_view what) const;
};

http::Response make_response(const RequestContext& ctx, http::Payload body, std::string_view content_type,
                             http::beast_http::status status = http::beast_http::status::ok);
http::Response json_response(const RequestContext& ctx, const nlohmann::json& body,
                             std::string_view content_type = "application/json");

nlohmann::json make_link(const std::string& href, const std::string& rel, const std::string& type,
                         const std::string& title);

// A whole-number query parameter ≥ min, or `fallback` when absent; SIZE_MAX when too large to
// hold. Throws BadRequest naming it.
std::size_t unsigned_param(const RequestContext& ctx, const char* name, std::size_t fallback, std::size_t min);

// Checks `f` (the format parameter) against the formats a resource offers; throws BadRequest.
void require_format(const RequestContext& ctx, std::initializer_list<std::string_view> offered);

}  // namespace onemap::api
