#include "api/route_table.h"

#include "api/openapi_operations.h"
#include "api/routes.h"

namespace onemap::api {
namespace {

using http::beast_http::verb;

}  // namespace

const std::vector<Route>& route_table() {
  using A = const PathArgs&;
  using C = const RequestContext&;
  using enum Callers;
  constexpr Described kPerCollection = Described::PerCollection;
  static const std::vector<Route> table = {
      {"landing",
       verb::get,
       {},
       Work::Inline,
       [](C c, A) { return landing_page(c); },
       {"getLandingPage", "Landing page", "Capabilities", doc::landing}},
      {"web.map",
       verb::get,
       {"map"},
       Work::Inline,
       [](C c, A) { return map_page(c); },
       {"getMap", "The web map", "Map", doc::map_page}},
      {"web.asset",
       verb::get,
       {"web", "{path*}"},
       Work::Inline,
       [](C c, A a) { return web_asset(c, a); },
       {"getWebFile", "A file of the web map", "Map", doc::web_asset}},
      {"styles.onemap",
       verb::get,
       {"styles", "onemap.json"},
       Work::Inline,
       [](C c, A) { return onemap_style(c); },
       {"getStyle", "Every layer as one MapLibre style", "Map", doc::onemap_style}},
      {"styles.layer",
       verb::get,
       {"styles", "{collectionId}.json"},
       Work::Inline,
       [](C c, A a) { return layer_style(c, a[0]); },
       {"getLayerStyle", "One collection's MapLibre style", "Map", doc::layer_style}},
      {"search",
       verb::get,
       {"search"},
       Work::Inline,
       [](C c, A) { return search(c); },
       {"search", "Features by name, across the layers", "Map", doc::search}},
      {"conformance",
       verb::get,
       {"conformance"},
       Work::Inline,
       [](C c, A) { return conformance(c); },
       {"getConformance", "Conformance classes", "Capabilities", doc::conformance}},
      {"openapi",
       verb::get,
       {"api"},
       Work::Inline,
       [](C c, A) { return openapi_document(c); },
       {"getApi", "This document", "Capabilities", doc::api}},
      {"health",
       verb::get,
       {"health"},
       Work::Inline,
       [](C c, A) { return health(c); },
       {"getHealth", "The server's state: data, workers, downloads", "Capabilities", doc::health}},
      {"metrics",
       verb::get,
       {"metrics"},
       Work::Inline,
       [](C c, A) { return metrics(c); },
       {"getMetrics", "Metrics in Prometheus text", "Access", doc::metrics, AdminOrScraper}},
      {"auth.token",
       verb::post,
       {"auth", "token"},
       Work::Inline,
       [](C c, A) { return url_token(c); },
       {"createUrlToken", "A signed URL token for the caller's key", "Access", doc::url_token, Key}},
      {"auth.whoami",
       verb::get,
       {"auth", "whoami"},
       Work::Inline,
       [](C c, A) { return whoami(c); },
       {"whoAmI", "Who the request is taken to come from", "Access", doc::whoami}},
      // On the pool: loading takes seconds, and an I/O thread must not wait for it.
      {"admin.reload",
       verb::post,
       {"admin", "reload"},
       Work::Pool,
       [](C c, A) { return admin_reload(c); },
       {"reload", "Load the configuration and data again", "Access", doc::admin_reload, Admin}},
      {"features.collections",
       verb::get,
       {"collections"},
       Work::Inline,
       [](C c, A) { return collections(c); },
       {"getCollections", "The layers", "Data", doc::collections}},
      {"features.collection",
       verb::get,
       {"collections", "{collectionId}"},
       Work::Inline,
       [](C c, A a) { return collection(c, a[0]); },
       {"describeCollection", "the collection", "Data", doc::collection, Anyone, kPerCollection}},
      // Described by features.items, whose f= and Accept it takes some of.
      {"downloads.items",
       verb::get,
       {"collections", "{collectionId}", "items"},
       Work::Pool,
       [](C c, A a) { return download_items(c, a[0]); },
       {},
       asks_for_download},
      {"features.items",
       verb::get,
       {"collections", "{collectionId}", "items"},
       Work::Inline,
       [](C c, A a) { return items(c, a[0]); },
       {"getFeatures", "features", "Data", doc::items, Anyone, kPerCollection}},
      {"features.item",
       verb::get,
       {"collections", "{collectionId}", "items", "{featureId}"},
       Work::Inline,
       [](C c, A a) { return item(c, a[0], a[1]); },
       {"getFeature", "one feature", "Data", doc::item, Anyone, kPerCollection}},
      {"downloads.file",
       verb::get,
       {"download", "{collectionId}.{format}"},
       Work::Pool,
       [](C c, A a) { return download_file(c, a[0]); },
       {"download", "download", "Downloads", doc::download_file, Anyone, kPerCollection}},
      {"downloads.township",
       verb::get,
       {"download", "township", "{township}"},
       Work::Pool,
       [](C c, A a) { return download_township(c, a[0]); },
       {"download_township_package", "A township's offline package for QField and QGIS", "Downloads",
        doc::download_township}},
      {"tiles.collection_tilesets",
       verb::get,
       {"collections", "{collectionId}", "tiles"},
       Work::Inline,
       [](C c, A a) { return collection_tilesets(c, a[0]); },
       {"getTileSetsList", "tilesets", "Tiles", doc::collection_tilesets, Anyone, kPerCollection}},
      {"tiles.collection_tileset",
       verb::get,
       {"collections", "{collectionId}", "tiles", "{tileMatrixSetId}"},
       Work::Inline,
       [](C c, A a) { return collection_tileset(c, a[0], a[1]); },
       {"getTileSet", "tileset", "Tiles", doc::collection_tileset, Anyone, kPerCollection}},
      {"tiles.collection_tile",
       verb::get,
       {"collections", "{collectionId}", "tiles", "{tileMatrixSetId}", "{tileMatrix}", "{tileRow}", "{tileCol}"},
       Work::Inline,
       [](C c, A a) { return collection_tile(c, a[0], a[1], a[2], a[3], a[4]); },
       {"getTile", "vector tile", "Tiles", doc::collection_tile, Anyone, kPerCollection}},
      {"tiles.tilejson",
       verb::get,
       {"tiles", "{layers}.json"},
       Work::Inline,
       [](C c, A a) { return tilejson_document(c, a[0]); },
       {"getTileJson", "TileJSON 3.0.0 of one or more layers", "Tiles", doc::tilejson}},
      {"tiles.xyz",
       verb::get,
       {"tiles", "{layers}", "{z}", "{x}", "{y}.mvt"},
       Work::Inline,
       [](C c, A a) { return xyz_tile(c, a[0], a[1], a[2], a[3]); },
       {"getXyzTile", "Vector tile of one or more layers (XYZ, Web Mercator)", "Tiles", doc::xyz_tile}},
      // Inline: a cached range is a lookup, a cold CJK range ~15 ms once; on the pool, labels
      // would wait behind long analyses, or fail with a 503 when its queue is full.
      {"fonts.glyphs",
       verb::get,
       {"fonts", "{fontstack}", "{range}.pbf"},
       Work::Inline,
       [](C c, A a) { return font_glyphs(c, a[0], a[1]); },
       {"getGlyphs", "Map label glyphs (MapLibre glyphs URL)", "Tiles", doc::font_glyphs}},
      {"processes.list",
       verb::get,
       {"processes"},
       Work::Inline,
       [](C c, A) { return processes(c); },
       {"getProcesses", "The processes", "Processes", doc::processes}},
      {"processes.description",
       verb::get,
       {"processes", "{processId}"},
       Work::Inline,
       [](C c, A a) { return process_description(c, a[0]); },
       {"getProcessDescription", "A process: inputs, outputs", "Processes", doc::process_description}},
      {"processes.execute",
       verb::post,
       {"processes", "{processId}", "execution"},
       Work::PoolOrJob,
       [](C c, A a) { return process_execution(c, a[0]); },
       {"execute", "Run a process: at once, or as a job (Prefer: respond-async)", "Processes", doc::process_execution}},
      {"jobs.list",
       verb::get,
       {"jobs"},
       Work::Inline,
       [](C c, A) { return job_list(c); },
       {"getJobs", "The caller's jobs (admin: everyone's), newest first", "Processes", doc::job_list}},
      {"jobs.status",
       verb::get,
       {"jobs", "{jobId}"},
       Work::Inline,
       [](C c, A a) { return job_status(c, a[0]); },
       {"getStatus", "A job's status and progress", "Processes", doc::job_status}},
      {"jobs.dismiss",
       verb::delete_,
       {"jobs", "{jobId}"},
       Work::Inline,
       [](C c, A a) { return job_dismiss(c, a[0]); },
       {"dismiss", "Dismiss a job: a queued job never runs, a running one stops; its results are removed", "Processes",
        doc::job_dismiss}},
      {"jobs.results",
       verb::get,
       {"jobs", "{jobId}", "results"},
       Work::Inline,
       [](C c, A a) { return job_results(c, a[0]); },
       {"getResult", "A successful job's result", "Processes", doc::job_results}},
  };
  return table;
}

std::vector<std::string_view> route_names() {
  std::vector<std::string_view> names;
  for (const Route& route : route_table()) names.push_back(route.name);
  return names;
}

RouteMatch match_route(const ParsedTarget& target, const http::Request& request) {
  const std::vector<std::string>& segments = target.segments;
  const verb method = request.method();
  RouteMatch out;
  for (const Route& route : route_table()) {
    // "{name*}" ends a pattern and captures every remaining segment (one at least), each an argument.
    const bool tail = !route.pattern.empty() && route.pattern.back().ends_with("*}");
    if (tail ? segments.size() < route.pattern.size() : route.pattern.size() != segments.size()) continue;
    PathArgs args;
    bool fits = true;
    for (std::size_t i = 0; i < segments.size() && fits; ++i) {
      if (tail && i + 1 >= route.pattern.size()) {
        args.push_back(segments[i]);
      } else if (route.pattern[i].starts_with('{')) {
        args.push_back(segments[i]);
      } else {
        fits = route.pattern[i] == segments[i];
      }
    }
    if (!fits) continue;
    const bool get = route.method == verb::get;
    const std::string methods = get ? "GET, HEAD" : std::string(to_string(route.method));
    // Two patterns may fit one path (styles/onemap.json and styles/{collectionId}.json): name
    // each method once.
    if (out.allow.find(methods) == std::string::npos) out.allow += (out.allow.empty() ? "" : ", ") + methods;
    if (!out.route && (route.method == method || (get && method == verb::head)) &&
        (!route.takes || route.takes(request, target))) {
      out.route = &route;
      out.args = std::move(args);
    }
  }
  return out;
}

}  // namespace onemap::api
