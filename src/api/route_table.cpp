#include "api/route_table.h"

#include "api/routes.h"

namespace onemap::api {
namespace {

using http::beast_http::verb;

}  // namespace

const std::vector<Route>& route_table() {
  using A = const PathArgs&;
  using C = const RequestContext&;
  static const std::vector<Route> table = {
      {"landing", verb::get, {}, Work::Inline, [](C c, A) { return landing_page(c); }},
      {"web.map", verb::get, {"map"}, Work::Inline, [](C c, A) { return map_page(c); }},
      {"web.asset", verb::get, {"web", "{*}"}, Work::Inline, [](C c, A a) { return web_asset(c, a); }},
      {"styles.onemap", verb::get, {"styles", "onemap.json"}, Work::Inline, [](C c, A) { return onemap_style(c); }},
      {"styles.layer", verb::get, {"styles", "{}"}, Work::Inline, [](C c, A a) { return layer_style(c, a[0]); }},
      {"search", verb::get, {"search"}, Work::Inline, [](C c, A) { return search(c); }},
      {"conformance", verb::get, {"conformance"}, Work::Inline, [](C c, A) { return conformance(c); }},
      {"openapi", verb::get, {"api"}, Work::Inline, [](C c, A) { return openapi_document(c); }},
      {"health", verb::get, {"health"}, Work::Inline, [](C c, A) { return health(c); }},
      {"metrics", verb::get, {"metrics"}, Work::Inline, [](C c, A) { return metrics(c); }},
      {"auth.token", verb::post, {"auth", "token"}, Work::Inline, [](C c, A) { return url_token(c); }},
      {"auth.whoami", verb::get, {"auth", "whoami"}, Work::Inline, [](C c, A) { return whoami(c); }},
      // On the pool: loading takes seconds, and an I/O thread must not wait for it.
      {"admin.reload", verb::post, {"admin", "reload"}, Work::Pool, [](C c, A) { return admin_reload(c); }},
      {"features.collections", verb::get, {"collections"}, Work::Inline, [](C c, A) { return collections(c); }},
      {"features.collection",
       verb::get,
       {"collections", "{}"},
       Work::Inline,
       [](C c, A a) { return collection(c, a[0]); }},
      {"downloads.items",
       verb::get,
       {"collections", "{}", "items"},
       Work::Pool,
       [](C c, A a) { return download_items(c, a[0]); },
       asks_for_download},
      {"features.items",
       verb::get,
       {"collections", "{}", "items"},
       Work::Inline,
       [](C c, A a) { return items(c, a[0]); }},
      {"features.item",
       verb::get,
       {"collections", "{}", "items", "{}"},
       Work::Inline,
       [](C c, A a) { return item(c, a[0], a[1]); }},
      {"downloads.file", verb::get, {"download", "{}"}, Work::Pool, [](C c, A a) { return download_file(c, a[0]); }},
      {"downloads.township",
       verb::get,
       {"download", "township", "{}"},
       Work::Pool,
       [](C c, A a) { return download_township(c, a[0]); }},
      {"tiles.collection_tilesets",
       verb::get,
       {"collections", "{}", "tiles"},
       Work::Inline,
       [](C c, A a) { return collection_tilesets(c, a[0]); }},
      {"tiles.collection_tileset",
       verb::get,
       {"collections", "{}", "tiles", "{}"},
       Work::Inline,
       [](C c, A a) { return collection_tileset(c, a[0], a[1]); }},
      {"tiles.collection_tile",
       verb::get,
       {"collections", "{}", "tiles", "{}", "{}", "{}", "{}"},
       Work::Inline,
       [](C c, A a) { return collection_tile(c, a[0], a[1], a[2], a[3], a[4]); }},
      {"tiles.tilejson", verb::get, {"tiles", "{}"}, Work::Inline, [](C c, A a) { return tilejson_document(c, a[0]); }},
      {"tiles.xyz",
       verb::get,
       {"tiles", "{}", "{}", "{}", "{}"},
       Work::Inline,
       [](C c, A a) { return xyz_tile(c, a[0], a[1], a[2], a[3]); }},
      {"fonts.glyphs",
       verb::get,
       {"fonts", "{}", "{}"},
       // Inline: a cached range is a lookup, a cold CJK range ~15 ms once; on the pool, labels
       // would wait behind long analyses, or fail with a 503 when its queue is full.
       Work::Inline,
       [](C c, A a) { return font_glyphs(c, a[0], a[1]); }},
      {"processes.list", verb::get, {"processes"}, Work::Inline, [](C c, A) { return processes(c); }},
      {"processes.description",
       verb::get,
       {"processes", "{}"},
       Work::Inline,
       [](C c, A a) { return process_description(c, a[0]); }},
      {"processes.execute",
       verb::post,
       {"processes", "{}", "execution"},
       Work::PoolOrJob,
       [](C c, A a) { return process_execution(c, a[0]); }},
      {"jobs.list", verb::get, {"jobs"}, Work::Inline, [](C c, A) { return job_list(c); }},
      {"jobs.status", verb::get, {"jobs", "{}"}, Work::Inline, [](C c, A a) { return job_status(c, a[0]); }},
      {"jobs.dismiss", verb::delete_, {"jobs", "{}"}, Work::Inline, [](C c, A a) { return job_dismiss(c, a[0]); }},
      {"jobs.results",
       verb::get,
       {"jobs", "{}", "results"},
       Work::Inline,
       [](C c, A a) { return job_results(c, a[0]); }},
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
    // "{*}" ends a pattern and captures every remaining segment (one at least), each an argument.
    const bool tail = !route.pattern.empty() && route.pattern.back() == "{*}";
    if (tail ? segments.size() < route.pattern.size() : route.pattern.size() != segments.size()) continue;
    PathArgs args;
    bool fits = true;
    for (std::size_t i = 0; i < segments.size() && fits; ++i) {
      if (tail && i + 1 >= route.pattern.size()) {
        args.push_back(segments[i]);
      } else if (route.pattern[i] == "{}") {
        args.push_back(segments[i]);
      } else {
        fits = route.pattern[i] == segments[i];
      }
    }
    if (!fits) continue;
    const bool get = route.method == verb::get;
    const std::string methods = get ? "GET, HEAD" : std::string(to_string(route.method));
    // Two patterns may fit one path (styles/onemap.json and styles/{}): name each method once.
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
