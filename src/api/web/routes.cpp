// The web map's routes: the page and its files. Both are public, cheap and answered inline.
#include "api/routes.h"

#include "api/accept.h"
#include "api/errors.h"
#include "api/web/asset_cache.h"
#include "api/web/web_page.h"
#include "http/cached_body.h"
#include "http/gzip.h"
#include "util/text.h"

namespace onemap::api {
namespace fs = std::filesystem;
namespace {

// Revalidated on every use: an upgrade of the page or of MapLibre shows at once, and the ETag
// makes the check a 304.
constexpr const char* kAssetCacheControl = "no-cache";

}  // namespace

bool asks_for_html(const RequestContext& ctx) {
  if (const std::string* f = ctx.param("f")) return *f == "html";
  const std::string_view accept = ctx.request[http::beast_http::field::accept];
  const double html = accept_quality(accept, "text/html");
  return html > 0 && html >= accept_quality(accept, "application/json");
}

http::Response asset_response(const RequestContext& ctx, const fs::path& file) {
  const std::shared_ptr<const Asset> asset = ctx.services.assets.get(file);
  http::Response res = make_response(ctx, "", asset->content_type);
  res.set(http::beast_http::field::cache_control, kAssetCacheControl);
  res.set(http::beast_http::field::vary, "Accept-Encoding");
  const bool gzip = asset->gzip && http::accepts_gzip(ctx.request[http::beast_http::field::accept_encoding]);
  // As for tiles: the gzip variant's ETag is the weak form of the file's.
  res.set(http::beast_http::field::etag, gzip ? "W/" + asset->etag : asset->etag);
  if (http::etag_matches(ctx.request[http::beast_http::field::if_none_match], asset->etag)) {
    res.result(http::beast_http::status::not_modified);
    return res;
  }
  if (gzip) {
    res.set(http::beast_http::field::content_encoding, "gzip");
    res.body() = http::Payload::shared(asset->gzip);
  } else if (asset->bytes) {
    res.body() = http::Payload::shared(asset->bytes);
  } else {
    res.body() = http::Payload::file(std::make_shared<const http::BodyFile>(asset->path));
  }
  return res;
}

http::Response map_page(const RequestContext& ctx) {
  // The page reads its own parameters (layers, lang, plot, use): none is an error here.
  return asset_response(ctx, ctx.snapshot->catalog.web_dir / "index.html");
}

http::Response web_asset(const RequestContext& ctx, const std::vector<std::string>& segments) {
  fs::path file = ctx.snapshot->catalog.web_dir;
  for (const std::string& segment : segments) {
    // Decoded segments: "..", hidden files and an encoded '/' or '\' never leave web/.
    if (segment.empty() || segment.front() == '.' || segment.find_first_of("/\\") != std::string::npos ||
        segment.find('\0') != std::string::npos)
      throw NotFound("no file " + segment.substr(0, 60) + " in the web map");
    file /= segment;
  }
  return asset_response(ctx, file);
}

}  // namespace onemap::api
