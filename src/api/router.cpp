#include "api/router.h"

#include "api/errors.h"
#include "api/routes.h"
#include "tiles/tile_cache.h"

#include <spdlog/spdlog.h>

namespace onemap::api {
namespace {

std::string base_url_of(const http::Request& request, const catalog::ServerSettings& server) {
  if (!server.public_url.empty()) return server.public_url;
  auto host = request[http::beast_http::field::host];
  return "http://" + std::string(host.empty() ? "localhost" : host);
}

// Process execution is the one resource that takes POST (and only POST); all others are read.
bool is_execution(const std::vector<std::string>& s) { return s.size() == 3 && s[0] == "processes" && s[2] == "execution"; }

bool method_allowed(http::beast_http::verb method, bool execution) {
  using http::beast_http::verb;
  return execution ? method == verb::post : method == verb::get || method == verb::head;
}

// A browser asks before it POSTs JSON to another origin (a CORS preflight): say what the
// resource takes, and that Content-Type may be set.
http::Response preflight(const http::Request& request, const char* allow) {
  http::Response res{http::beast_http::status::no_content, request.version()};
  res.set(http::beast_http::field::allow, allow);
  res.set(http::beast_http::field::access_control_allow_methods, allow);
  res.set(http::beast_http::field::access_control_allow_headers, "Content-Type");
  res.set(http::beast_http::field::access_control_max_age, "86400");
  res.keep_alive(request.keep_alive());
  return res;
}

http::Response dispatch(const RequestContext& ctx) {
  const auto& s = ctx.target.segments;
  if (s.empty()) return landing_page(ctx);
  if (s[0] == "conformance" && s.size() == 1) return conformance(ctx);
  if (s[0] == "api" && s.size() == 1) return openapi_document(ctx);
  if (s[0] == "health" && s.size() == 1) return health(ctx);
  if (s[0] == "collections") {
    if (s.size() == 1) return collections(ctx);
    if (s.size() == 2) return collection(ctx, s[1]);
    if (s.size() == 3 && s[2] == "items") return items(ctx, s[1]);
    if (s.size() == 4 && s[2] == "items") return item(ctx, s[1], s[3]);
    if (s.size() == 3 && s[2] == "tiles") return collection_tilesets(ctx, s[1]);
    if (s.size() == 4 && s[2] == "tiles") return collection_tileset(ctx, s[1], s[3]);
    if (s.size() == 7 && s[2] == "tiles") return collection_tile(ctx, s[1], s[3], s[4], s[5], s[6]);
  }
  if (s[0] == "tiles") {
    if (s.size() == 2) return tilejson_document(ctx, s[1]);
    if (s.size() == 5) return xyz_tile(ctx, s[1], s[2], s[3], s[4]);
  }
  if (s[0] == "processes") {
    if (s.size() == 1) return processes(ctx);
    if (s.size() == 2) return process_description(ctx, s[1]);
    if (is_execution(s)) return process_execution(ctx, s[1]);
  }
  if (s[0] == "jobs" && (s.size() == 2 || (s.size() == 3 && s[2] == "results"))) return job(ctx, s[1]);
  throw NotFound("no resource at " + std::string(ctx.request.target().substr(0, 200)));
}

}  // namespace

Api::Api(const store::SnapshotHolder& data)
    : data_(data), tile_cache_(std::make_unique<tiles::TileCache>(data.get()->catalog.server.tile_cache_mb << 20)) {}

Api::~Api() = default;

http::Response Api::handle(const http::Request& request) const {
  http::Response response;
  const char* allow = "GET, HEAD";
  try {
    ParsedTarget target = parse_target(request.target());
    bool execution = is_execution(target.segments);
    if (execution) allow = "POST";
    if (request.method() == http::beast_http::verb::options) {
      response = preflight(request, allow);
    } else {
      if (!method_allowed(request.method(), execution))
        throw MethodNotAllowed("method " + std::string(request.method_string()) + " is not allowed here; use " + allow);
      auto snapshot = data_.get();
      RequestContext ctx{request, snapshot, std::move(target), base_url_of(request, snapshot->catalog.server), tile_cache_.get()};
      response = dispatch(ctx);
    }
  } catch (const ApiError& e) {
    response = problem_response(e, request.version(), request.keep_alive());
    if (e.status() == 405) response.set(http::beast_http::field::allow, allow);
  }
  // Any web map may read the public API (access control arrives with roles, per layer).
  response.set(http::beast_http::field::access_control_allow_origin, "*");
  return response;
}

}  // namespace onemap::api
