// Downloads: a collection, or the part a request selects, as a file (GeoPackage, zipped
// Shapefile, KML, GeoJSON, CSV, FlatGeobuf) written by GDAL. Asked for as items in a file
// format (downloads.items: f= or Accept) or as /download/{id}.{ext} (downloads.file); both run
// on the worker pool, select with the features API's own filter, and send a temporary file.
#include "api/routes.h"

#include "api/accept.h"
#include "api/downloads/download_name.h"
#include "api/errors.h"
#include "api/features/crs_params.h"
#include "api/features/items_filter.h"
#include "export/export_space.h"
#include "export/formats.h"
#include "export/ogr_export.h"
#include "query/area_clip.h"

#include <algorithm>

namespace onemap::api {
namespace {

using exports::Format;

const Format* requested_format(const http::Request& request, const ParsedTarget& target) {
  if (auto f = target.params.find("f"); f != target.params.end()) {
    if (f->second == "json" || f->second == "geojson") return nullptr;  // a page of the features API
    return exports::format_by_key(f->second);
  }
  const std::string_view accept = request[http::beast_http::field::accept];
  if (accept.empty()) return nullptr;
  const double json =
      std::max(accept_quality(accept, "application/geo+json"), accept_quality(accept, "application/json"));
  const Format* best = nullptr;
  double best_q = 0;
  for (const Format& f : exports::formats()) {
    if (f.key == "geojson") continue;  // GeoJSON from items is the page
    const std::string_view type = f.media_type.substr(0, f.media_type.find(';'));
    double q = accept_quality(accept, type);
    if (!f.accept_alias.empty()) q = std::max(q, accept_quality(accept, f.accept_alias));
    if (q > best_q) {
      best = &f;
      best_q = q;
    }
  }
  return best && best_q > json ? best : nullptr;  // a tie goes to the page
}

exports::CsvGeometry csv_geometry(const RequestContext& ctx, const Format& format) {
  const std::string* g = ctx.param("geometry");
  if (!g) return exports::CsvGeometry::Wkt;
  if (format.key != "csv")
    throw BadRequest("geometry= chooses CSV's geometry columns; it does not apply to " + std::string(format.title));
  if (*g == "wkt") return exports::CsvGeometry::Wkt;
  if (*g == "xy") return exports::CsvGeometry::Xy;
  throw BadRequest("geometry=" + g->substr(0, 100) + ": use wkt (a WKT column) or xy (X and Y columns, points only)");
}

// X and Y columns hold one point per feature.
void require_single_points(const store::Layer& layer, const std::vector<std::uint32_t>& ids) {
  bool points = layer.kind == store::GeometryKind::Point;
  for (std::size_t n = 0; n < ids.size() && points; ++n)
    points = layer.lonlat_geometry(ids[n]).type == geo::GeometryType::Point;
  if (!points)
    throw BadRequest("geometry=xy writes one point per row; collection '" + layer.config.id +
                     "' holds other geometries (or multipoints): use geometry=wkt");
}

// server.max_export_features, checked before a slot is taken or a byte written.
void require_within_export_limit(const RequestContext& ctx, const store::Layer& layer, std::size_t features) {
  const std::size_t max = ctx.snapshot->catalog.server.max_export_features;
  if (features <= max) return;
  throw LimitExceeded("the download would hold " + std::to_string(features) + " features of '" + layer.config.id +
                          "', over the server's limit of " + std::to_string(max) +
                          " (server.max_export_features); narrow it: bbox=minx,miny,maxx,maxy, "
                          "township=NAME_OR_ID, or a property filter ({property}=value)",
                      "server.max_export_features", max);
}

http::Response download(const RequestContext& ctx, const store::Layer& layer, const Format& format) {
  const geo::Crs crs = output_crs(ctx);
  if (format.lonlat_only && !(crs.is_crs84() || crs.epsg == 4326))
    throw BadRequest(std::string(format.title) + " is WGS 84 longitude/latitude by definition: leave crs out");
  const exports::CsvGeometry geometry = csv_geometry(ctx, format);
  const ItemsFilter filter = items_filter(ctx, layer);
  const std::vector<std::uint32_t> ids = query::matching_features(layer, filter.query);
  if (geometry == exports::CsvGeometry::Xy) require_single_points(layer, ids);
  require_within_export_limit(ctx, layer, ids.size());

  const std::optional<exports::ExportSpace::Slot> slot = ctx.services.exports.try_acquire();
  if (!slot)
    throw ServiceUnavailable("the server is writing " + std::to_string(ctx.services.exports.max_exports()) +
                                 " downloads already (server.max_exports); try again shortly",
                             kRetryAfterSeconds);
  std::optional<query::AreaClipper> clipper;
  if (filter.clip) clipper.emplace(*filter.query.area);
  exports::ExportSpec spec;
  spec.format = &format;
  spec.crs = crs;
  spec.analysis_crs = crs == ctx.snapshot->analysis_crs;
  spec.csv_geometry = geometry;
  spec.clip = clipper ? &*clipper : nullptr;
  spec.name = download_name(layer.config.id, filter.township);
  exports::ExportSpace::Scratch scratch = ctx.services.exports.scratch(format.extension);
  exports::write_export(layer, ids, spec, scratch.dir(), scratch.result());
  auto file = std::make_shared<const http::BodyFile>(scratch.result(), /*remove_when_done=*/true);
  scratch.hand_over();

  http::Response res = make_response(ctx, http::Payload::file(std::move(file)), format.media_type);
  res.set(http::beast_http::field::content_disposition,
          content_disposition(spec.name + "." + std::string(format.extension)));
  return res;
}

std::set<std::string> download_params(const store::Layer& layer) {
  std::set<std::string> allowed = filter_params(layer);
  allowed.insert({"crs", "geometry"});
  return allowed;
}

}  // namespace

bool asks_for_download(const http::Request& request, const ParsedTarget& target) {
  return requested_format(request, target) != nullptr;
}

http::Response download_items(const RequestContext& ctx, const std::string& id) {
  const store::Layer& layer = ctx.layer(id);
  const Format* format = requested_format(ctx.request, ctx.target);
  if (!format) throw BadRequest("choose a download format: " + exports::format_list(false));
  for (const char* paging : {"limit", "offset"})
    if (ctx.param(paging))
      throw BadRequest(std::string(paging) +
                       "= pages the features API; a download is the whole selection: leave it out");
  std::set<std::string> allowed = download_params(layer);
  allowed.insert("f");
  reject_unknown_params(ctx.target.params, allowed);
  return download(ctx, layer, *format);
}

http::Response download_file(const RequestContext& ctx, const std::string& file_name) {
  // The longest ending first: "a.shp.zip" is collection "a" as shp.zip, not "a.shp" as zip.
  const Format* format = nullptr;
  std::string id;
  for (const Format& f : exports::formats()) {
    const std::string ending = "." + std::string(f.extension);
    if (file_name.size() > ending.size() && file_name.ends_with(ending)) {
      format = &f;
      id = file_name.substr(0, file_name.size() - ending.size());
      break;
    }
  }
  if (!format && file_name.size() > 4 && file_name.ends_with(".zip")) {
    format = exports::format_by_extension("zip");
    id = file_name.substr(0, file_name.size() - 4);
  }
  if (!format)
    throw NotFound("no download '" + file_name.substr(0, 100) + "': ask for /download/{collection}.{format}, " +
                   "the format one of " + exports::format_list(true));
  const store::Layer& layer = ctx.layer(id);
  reject_unknown_params(ctx.target.params, download_params(layer));
  return download(ctx, layer, *format);
}

}  // namespace onemap::api
