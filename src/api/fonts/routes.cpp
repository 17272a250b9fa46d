// MapLibre's glyphs: GET /fonts/{fontstack}/{range}.pbf, the signed distance fields of 256 code
// points drawn from the configured fonts (catalog `fonts`), so labels, Chinese ones included,
// need nothing from the internet.
//
// Every fontstack name is answered with the same font chain: OneMap's styles name one font
// ("OneMap Sans"), and a stack such as "OneMap Sans,Arial Unicode MS Regular" would only list
// fallbacks the chain already provides. So a range is rendered once for all names, and the
// PBF's fontstack name is the chain's faces ("WenQuanYi Micro Hei Regular,DejaVu Sans Book"),
// which MapLibre does not read.
#include "api/routes.h"
#include "api/errors.h"
#include "api/fonts/glyph_cache.h"
#include "glyphs/font_chain.h"
#include "glyphs/glyph_range.h"
#include "http/cached_body.h"

#include <algorithm>

namespace onemap::api {
namespace {

constexpr std::string_view kPbfType = "application/x-protobuf";
// Glyphs change only when the server's fonts do.
constexpr const char* kCacheControl = "public, max-age=86400";
constexpr std::size_t kMaxFontstackBytes = 256;

unsigned requested_range(const std::string& range_and_extension) {
  std::string_view text = range_and_extension;
  const std::string shown = "glyph range '" + range_and_extension.substr(0, 40) + "'";
  if (!text.ends_with(".pbf")) throw BadRequest(shown + " must end in .pbf, e.g. 0-255.pbf");
  text.remove_suffix(4);
  const auto first = glyphs::parse_range(text);
  if (!first)
    throw BadRequest(shown + " must be {start}-{end}.pbf with start a multiple of 256 up to 65280 and end = " +
                     "start + 255, e.g. 19968-20223.pbf");
  return *first;
}

std::shared_ptr<const http::CachedBody> rendered(const RequestContext& ctx, unsigned first) {
  // Keyed by the configuration's version: a whole reload (fonts may change) draws anew, an
  // edited layer not.
  const std::uint64_t version = ctx.snapshot->config_version;
  if (auto hit = ctx.services.glyphs.get(version, first)) return hit;
  // A chain of our own: FreeType's faces are not shared between threads. Opening it costs
  // well under a millisecond; drawing a full CJK range about 10 ms, its gzip a few more.
  glyphs::FontChain fonts(ctx.snapshot->catalog.fonts);
  std::shared_ptr<const http::CachedBody> fresh = http::make_cached_body(glyphs::render_range(fonts, first), true);
  ctx.services.glyphs.put(version, first, fresh);
  return fresh;
}

}  // namespace

http::Response font_glyphs(const RequestContext& ctx, const std::string& fontstack,
                           const std::string& range_and_extension) {
  if (fontstack.empty() || fontstack.size() > kMaxFontstackBytes)
    throw BadRequest("the fontstack (the style's text-font names, comma-separated) must be 1–" +
                     std::to_string(kMaxFontstackBytes) + " bytes");
  // A name is never a path (every name draws with the configured chain), and none that
  // MapLibre sends holds a slash or a control character: such a name is refused all the same.
  if (fontstack.find_first_of("/\\") != std::string::npos ||
      std::any_of(fontstack.begin(), fontstack.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    throw BadRequest("the fontstack names fonts, not files: no '/', '\\' or control characters");
  const unsigned first = requested_range(range_and_extension);
  if (ctx.snapshot->catalog.fonts.empty())
    throw NotFound("no fonts configured: install fonts-wqy-microhei, or list font files under 'fonts:' in onemap.yaml");
  http::Response res = http::cached_body_response(ctx.request, rendered(ctx, first), kPbfType);
  res.set(http::beast_http::field::cache_control, kCacheControl);
  return res;
}

}  // namespace onemap::api
