#include "api/router.h"
#include "api/fonts/glyph_cache.h"

#include "api/base_url.h"
#include "api/errors.h"
#include "api/route_table.h"
#include "api/web/asset_cache.h"
#include "export/export_space.h"
#include "jobs/job_registry.h"
#include "metrics/request_metrics.h"
#include "store/reloader.h"
#include "tiles/tile_cache.h"
#include "util/clock.h"
#include "util/job_control.h"
#include "util/worker_pool.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "util/text.h"

#include <cmath>

namespace onemap::api {
namespace {

using http::beast_http::verb;

// A browser asks before it POSTs JSON to another origin (a CORS preflight): say what the
// resource takes, and that Content-Type may be set.
http::Response preflight(const http::Request& request, const std::string& allow) {
  http::Response res{http::beast_http::status::no_content, request.version()};
  res.set(http::beast_http::field::allow, allow);
  res.set(http::beast_http::field::access_control_allow_methods, allow);
  res.set(http::beast_http::field::access_control_allow_headers,
          "Content-Type, Prefer, If-None-Match, X-API-Key, Authorization, X-OneMap-Job-Token");
  res.set(http::beast_http::field::access_control_max_age, "86400");
  res.keep_alive(request.keep_alive());
  return res;
}

std::string route_name(const Route* route) { return route ? std::string(route->name) : std::string(); }

jobs::JobSettings job_settings(const catalog::ServerSettings& s) {
  jobs::JobSettings out;
  out.dir = s.jobs_dir;
  out.results_ttl = std::chrono::duration<double>(s.job_results_ttl_s);
  out.results_bytes = static_cast<std::uint64_t>(s.job_results_mb) << 20;
  out.max_jobs = s.max_jobs;
  out.max_jobs_per_owner = s.max_jobs_per_owner;
  return out;
}

}  // namespace

bool prefers_async(const http::Request& request) {
  // Prefer: respond-async[, wait=10] (RFC 7240): a token among comma-separated preferences.
  auto [first, last] = request.equal_range(http::beast_http::field::prefer);
  for (auto it = first; it != last; ++it) {
    std::string_view value = it->value();
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find(',', start);
      if (end == std::string_view::npos) end = value.size();
      const std::string_view preference = value.substr(start, end - start);
      const std::string_view token = util::trim(preference.substr(0, preference.find(';')));
      if (util::iequals(token, "respond-async")) return true;
      start = end + 1;
    }
  }
  return false;
}

// A request matched to its route, with the snapshot it will read; or the answer already known
// (an error, a preflight) when there is nothing to run.
struct Api::Prepared {
  const Route* route = nullptr;
  PathArgs args;
  ParsedTarget target;
  std::shared_ptr<const store::Snapshot> snapshot;
  std::string base_url;
  std::string remote;
  Caller caller;
  std::optional<http::Response> answer;
};

Api::Api(const store::SnapshotHolder& data, util::WorkerPool* pool)
    : data_(data),
      pool_(pool),
      tile_cache_(std::make_unique<tiles::TileCache>(data.get()->catalog.server.tile_cache_mb << 20)),
      glyph_cache_(std::make_unique<GlyphCache>()),
      jobs_(std::make_unique<jobs::JobRegistry>(pool, job_settings(data.get()->catalog.server))),
      assets_(std::make_unique<AssetCache>()),
      exports_(std::make_unique<exports::ExportSpace>(data.get()->catalog.server.jobs_dir,
                                                      data.get()->catalog.server.max_exports)),
      metrics_(std::make_unique<metrics::RequestMetrics>(route_names())),
      services_{.tiles = *tile_cache_,
                .glyphs = *glyph_cache_,
                .assets = *assets_,
                .jobs = *jobs_,
                .exports = *exports_,
                .metrics = *metrics_,
                .pool = pool} {}

Api::~Api() = default;

void Api::shutdown() {
  shutdown_->stop(util::StopReason::Shutdown);
  jobs_->stop_all();
}

void Api::set_reloader(store::Reloader* reloader) {
  services_.reloader = reloader;
  reloader->on_reloaded([cache = tile_cache_.get()](const store::Snapshot& next) {
    // Older tiles go by themselves (the cache is keyed by data version); the budget is new.
    cache->set_max_bytes(next.catalog.server.tile_cache_mb << 20);
  });
}

// A path spelled with empty segments ("/metrics/", "//collections") is sent to its one spelling,
// method and body kept (308), rather than served under a second name a proxy's rules miss.
http::Response Api::canonical_redirect(const http::Request& request, const std::string& remote, const std::string& path,
                                       const catalog::ServerSettings& server) const {
  const std::string_view target = request.target();
  const std::size_t query = target.find('?');
  http::Response res{http::beast_http::status::permanent_redirect, request.version()};
  res.set(http::beast_http::field::location,
          base_url(request, remote, server, bind_url_) + path +
              std::string(query == std::string_view::npos ? "" : target.substr(query)));
  res.set(http::beast_http::field::content_type, "application/json");
  res.keep_alive(request.keep_alive());
  res.body() = nlohmann::json{
      {"code", "PathNotCanonical"},
      {"description", "this resource is at " + path + " (a path has no empty segments)"},
      {"status",
       308}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

Api::Prepared Api::prepare(const http::Request& request, const std::string& remote) const {
  Prepared p;
  p.snapshot = data_.get();  // also when there is nothing to run: CORS depends on its catalog
  std::string allow;
  try {
    p.target = parse_target(request.target());
    RouteMatch match = match_route(p.target, request);
    allow = match.allow;
    if (allow.empty()) throw NotFound("no resource at " + std::string(request.target().substr(0, 200)));
    if (p.target.canonical_path) {
      p.answer = canonical_redirect(request, remote, *p.target.canonical_path, p.snapshot->catalog.server);
      return p;
    }
    if (request.method() == verb::options) {
      p.answer = preflight(request, allow);
    } else if (!match.route) {
      throw MethodNotAllowed("method " + std::string(request.method_string()) + " is not allowed here; use " + allow);
    } else {
      p.route = match.route;
      p.args = std::move(match.args);
      p.base_url = base_url(request, remote, p.snapshot->catalog.server, bind_url_);
      p.remote = remote;
      try {
        p.caller = identify_caller(request, p.target, p.snapshot->catalog.access, util::unix_now());
      } catch (const Unauthorized&) {
        // The page and its files are the same for everyone: a stale link token must still open
        // the map, which then says the token expired (its own requests get the 401).
        if (!p.route->name.starts_with("web.") && p.route->name != "landing") throw;
        p.target.params.erase("token");
      }
    }
  } catch (const ApiError& e) {
    p.answer = problem_response(e, request.version(), request.keep_alive());
    if (e.status() == 405) p.answer->set(http::beast_http::field::allow, allow);
  }
  return p;
}

namespace {

// Runs the route's handler; every domain error becomes its JSON problem here.
http::Response run(const Api::Prepared& p, const http::Request& request, const Services& services) {
  try {
    RequestContext ctx{.request = request,
                       .snapshot = p.snapshot,
                       .target = p.target,
                       .base_url = p.base_url,
                       .route = p.route->name,
                       .remote_address = p.remote,
                       .caller = p.caller,
                       .visible = store::LayerSet(*p.snapshot, p.caller.role),
                       .services = services};
    return p.route->handle(ctx, p.args);
  } catch (const ApiError& e) {
    return problem_response(e, request.version(), request.keep_alive());
  } catch (const util::Stopped& stopped) {
    // Nobody waits for this answer unless the time limit stopped it.
    return problem_response(stopped_error(stopped.reason(), p.snapshot->catalog.server.process_time_limit_s),
                            request.version(), false);
  }
}

// CORS: the configured origins (the request's Origin echoed when listed); none configured, any
// origin ("*") while every layer is public and none once a layer is restricted, so another
// site's page cannot read restricted data with a key its visitor's browser holds.
http::Response with_cors(http::Response res, const http::Request& request, const store::Snapshot& snapshot) {
  const catalog::Access& access = snapshot.catalog.access;
  const auto origin = request.find(http::beast_http::field::origin);
  if (!access.cors_origins.empty()) {
    res.set(http::beast_http::field::vary, "Origin");
    if (origin == request.end()) return res;
    for (const std::string& allowed : access.cors_origins)
      if (allowed == "*" || allowed == origin->value()) {
        res.set(http::beast_http::field::access_control_allow_origin, allowed == "*" ? "*" : origin->value());
        break;
      }
  } else if (!snapshot.catalog.has_restricted_layers()) {
    res.set(http::beast_http::field::access_control_allow_origin, "*");
  }
  return res;
}

}  // namespace

http::Response Api::handle(const http::Request& request, const std::string& remote) const {
  Prepared p = prepare(request, remote);
  if (p.answer) return with_cors(std::move(*p.answer), request, *p.snapshot);
  return with_cors(run(p, request, services_), request, *p.snapshot);
}

void Api::serve(http::Exchange exchange) const {
  auto p = std::make_shared<Prepared>(prepare(*exchange.request, exchange.remote_address));
  const std::string name = route_name(p->route);
  if (p->answer) return exchange.respond(with_cors(std::move(*p->answer), *exchange.request, *p->snapshot), name);
  // Asked for as a job, heavy work is only checked here; the job goes on the pool by itself.
  const bool as_job = p->route->work == Work::PoolOrJob && prefers_async(*exchange.request);
  if (p->route->work == Work::Inline || as_job || !pool_)
    return exchange.respond(with_cors(run(*p, *exchange.request, services_), *exchange.request, *p->snapshot), name);

  const auto limit = std::chrono::duration_cast<util::JobControl::Clock::duration>(
      std::chrono::duration<double>(p->snapshot->catalog.server.process_time_limit_s));
  auto request = exchange.request;
  auto respond = exchange.respond;
  const bool queued = pool_->try_submit([this, p, exchange = std::move(exchange), limit, name]() {
    // The clock starts when a worker takes the job: time spent queued is not the job's fault.
    util::JobControl job(exchange.client_gone, util::JobControl::Clock::now() + limit, shutdown_);
    util::JobScope scope(&job);
    http::Response res = [&] {
      try {
        job.check();  // the client may have left while the job was queued
        return run(*p, *exchange.request, services_);
      } catch (const util::Stopped& stopped) {
        return problem_response(stopped_error(stopped.reason(), 0), exchange.request->version(), false);
      } catch (const std::exception& e) {
        // Nothing else would answer the exchange: the pool only logs what escapes a job.
        spdlog::error("{} failed on {}: {}", name, std::string(exchange.request->target()), e.what());
        return problem_response(ApiError(500, "InternalError", "the server failed to handle the request"),
                                exchange.request->version(), exchange.request->keep_alive());
      }
    }();
    exchange.respond(with_cors(std::move(res), *exchange.request, *p->snapshot), name);
  });
  if (!queued) {
    // exchange was moved into the refused job, which the pool dropped: answer through the copy.
    respond(with_cors(problem_response(queue_full_error(), request->version(), request->keep_alive()), *request,
                      *p->snapshot),
            name);
  }
}

}  // namespace onemap::api
