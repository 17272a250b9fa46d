#include "api/tiles/tile_response.h"

#include "api/base_url.h"
#include "api/errors.h"
#include "http/cached_body.h"
#include "store/fingerprint.h"
#include "tiles/tile_cache.h"
#include "tiles/tile_renderer.h"
#include "util/text.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

namespace onemap::api {
namespace {

constexpr std::string_view kMvtType = "application/vnd.mapbox-vector-tile";
constexpr int kExtent = 4096;

std::int64_t tile_number(const std::string& text, const char* name) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw BadRequest(std::string(name) + " '" + text.substr(0, 40) + "' is not a whole number");
  return v;
}

std::shared_ptr<const tiles::CachedTile> rendered(const RequestContext& ctx, const TileLayers& layers,
                                                  const tiles::TileId& tile) {
  tiles::TileKey key{ctx.snapshot->tile_version(layers.layers), layers.key, tile.z, tile.x, tile.y};
  tiles::TileCache& cache = ctx.services.tiles;
  if (auto hit = cache.get(key)) return hit;
  std::shared_ptr<const tiles::CachedTile> fresh = http::make_cached_body(
      tiles::render_tile(layers.layers, tile, {kExtent, ctx.snapshot->catalog.server.tile_buffer}),
      cache.max_bytes() > 0);
  // Two threads may render the same tile at once; both answers are the same bytes, and the
  // second put simply replaces the first.
  cache.put(key, fresh);
  return fresh;
}

}  // namespace

TileLayers tile_layers(const RequestContext& ctx, const std::string& list) {
  TileLayers out;
  std::set<std::string_view> seen;
  std::string_view rest = list;
  while (true) {
    const auto comma = rest.find(',');
    std::string_view id = rest.substr(0, comma);
    if (id.empty())
      throw BadRequest("the layer list '" + list.substr(0, 200) + "' has an empty name; write ids separated by commas");
    if (!seen.insert(id).second) throw BadRequest("layer '" + std::string(id) + "' is listed twice");
    out.layers.push_back(&ctx.layer(id));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  out.key = list;
  return out;
}

tiles::TileId parse_tile_id(const std::string& z, const std::string& x, const std::string& y) {
  const std::int64_t zoom = tile_number(z, "zoom level"), col = tile_number(x, "x"), row = tile_number(y, "y");
  if (zoom < 0 || zoom > tiles::kMaxZoom)
    throw BadRequest("zoom level " + z + " is outside 0–" + std::to_string(tiles::kMaxZoom));
  auto id = tiles::make_tile_id(zoom, col, row);
  if (!id) {
    const std::string last = std::to_string((std::int64_t{1} << zoom) - 1);
    throw BadRequest("tile " + x + "/" + y + " does not exist at zoom " + z + ": x and y run from 0 to " + last);
  }
  return *id;
}

namespace {

std::string private_cache_control(const std::string& configured) {
  std::string out = "private";
  std::size_t start = 0;
  while (start < configured.size()) {  // keep the directives but public/private (max-age, …)
    std::size_t end = std::min(configured.find(',', start), configured.size());
    const std::string_view d = util::trim(std::string_view(configured).substr(start, end - start));
    if (!d.empty() && !util::iequals(d, "public") && !util::iequals(d, "private")) out += ", " + std::string(d);
    start = end + 1;
  }
  return out;
}

// Tile URLs name the version of their layers (`?v=`, from TileJSON and styles), so a browser, a
// proxy or a CDN may keep a versioned tile as long as configured: an edit gives new URLs. A tile
// asked for without a version may change under its URL: caches must revalidate (the ETag makes
// that a 304). One asked for with another version than the one served here (a replica not yet
// reloaded, or a client on older data) is answered but kept by no cache, so no cache ever holds
// content under a version it does not have.
struct TileCaching {
  std::string cache_control;
  std::optional<std::string> proxy_seconds;  // X-Accel-Expires: how long a role-keyed proxy may keep it
};

// "max-age=N" of a Cache-Control value.
std::optional<std::string> max_age(std::string_view cache_control) {
  const auto at = cache_control.find("max-age=");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = cache_control.substr(at + 8);
  const auto end = std::min(rest.find_first_not_of("0123456789"), rest.size());
  if (end == 0) return std::nullopt;
  return std::string(rest.substr(0, end));
}

TileCaching tile_caching(const RequestContext& ctx, const TileLayers& layers, bool restricted) {
  const catalog::ServerSettings& server = ctx.snapshot->catalog.server;
  const std::string* asked = ctx.param("v");
  if (!asked) return {restricted ? private_cache_control("no-cache") : "no-cache", {}};
  if (*asked != store::version_text(store::layers_version(layers.layers))) return {"no-store", {}};
  // A trusted proxy that keys its cache by the caller's role (and says which: the role we
  // found) may keep the tile for that role, restricted layers' too; it is told how long by
  // X-Accel-Expires, which nginx obeys over Cache-Control and does not pass on.
  const bool role_keyed =
      from_trusted_proxy(ctx.remote_address, server) && ctx.request[kCacheRoleHeader] == ctx.caller.role;
  return {restricted ? private_cache_control(server.tile_cache_control) : server.tile_cache_control,
          role_keyed ? max_age(server.tile_cache_control) : std::nullopt};
}

}  // namespace

http::Response tile_response(const RequestContext& ctx, const TileLayers& layers, const tiles::TileId& tile) {
  std::shared_ptr<const tiles::CachedTile> t = rendered(ctx, layers, tile);
  // A tile of a restricted layer may be kept by the browser, never by a shared cache.
  const bool restricted = std::any_of(layers.layers.begin(), layers.layers.end(), [](const store::Layer* l) {
    return !catalog::may_see(l->config, catalog::kPublicRole);
  });
  const TileCaching caching = tile_caching(ctx, layers, restricted);
  http::Response res;
  if (t->bytes.empty()) {
    res = make_response(ctx, "", kMvtType, http::beast_http::status::no_content);
    res.erase(http::beast_http::field::content_type);  // there is no content to have a type
  } else {
    res = http::cached_body_response(ctx.request, std::move(t), kMvtType);
  }
  // X-Accel-Expires first: nginx before 1.23 lets a `private` it reads earlier win over it.
  if (caching.proxy_seconds) res.set("X-Accel-Expires", *caching.proxy_seconds);
  if (!caching.cache_control.empty()) res.set(http::beast_http::field::cache_control, caching.cache_control);
  return res;
}

}  // namespace onemap::api
