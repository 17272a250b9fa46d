// /metrics: what the server did and holds, in Prometheus text format (version 0.0.4), for the
// scrape addresses in server.metrics_allow only (roles arrive with access control).
#include "api/base_url.h"
#include "api/errors.h"
#include "api/fonts/glyph_cache.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "export/export_space.h"
#include "metrics/request_metrics.h"
#include "store/fingerprint.h"
#include "store/reloader.h"
#include "tiles/tile_cache.h"
#include "util/worker_pool.h"

#include <algorithm>

namespace onemap::api {
namespace {

using metrics::sample;

void gauge(std::string& out, std::string_view name, std::string_view help, std::string_view type, double value) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
  sample(out, name, "", value);
}

}  // namespace

http::Response metrics(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {});
  // A scrape address (server.metrics_allow), or an admin key from anywhere.
  // Judged by the client, not a proxy in front (whose own address is often on the list).
  const catalog::ServerSettings& server = ctx.snapshot->catalog.server;
  const std::string client = client_address(ctx.request, ctx.remote_address, server);
  const auto& allowed = server.metrics_allow;
  if (client.empty() || std::find(allowed.begin(), allowed.end(), client) == allowed.end())
    ctx.require_admin("/metrics from an address not in server.metrics_allow");

  std::string out;
  const Services& services = ctx.services;
  services.metrics.write(out);
  gauge(out, "onemap_tile_cache_hits_total", "Tiles served from the cache.", "counter",
        static_cast<double>(services.tiles.hits()));
  gauge(out, "onemap_tile_cache_misses_total", "Tiles not in the cache.", "counter",
        static_cast<double>(services.tiles.misses()));
  gauge(out, "onemap_tile_cache_bytes", "Bytes the tile cache holds.", "gauge",
        static_cast<double>(services.tiles.bytes()));
  gauge(out, "onemap_tile_cache_entries", "Entries the tile cache holds.", "gauge",
        static_cast<double>(services.tiles.entries()));
  gauge(out, "onemap_glyph_cache_bytes", "Bytes of the glyph ranges kept as drawn, with their gzip.", "gauge",
        static_cast<double>(services.glyphs.bytes()));
  if (services.pool) {
    const util::WorkerPool::Stats s = services.pool->stats();
    gauge(out, "onemap_workers_threads", "Threads of the worker pool.", "gauge", static_cast<double>(s.threads));
    gauge(out, "onemap_workers_running", "Jobs running on the worker pool.", "gauge", static_cast<double>(s.running));
    gauge(out, "onemap_workers_queued", "Jobs waiting for a worker.", "gauge", static_cast<double>(s.queued));
    gauge(out, "onemap_worker_jobs_total", "Jobs (processes, downloads, reloads) the pool has finished.", "counter",
          static_cast<double>(s.finished));
    gauge(out, "onemap_worker_job_seconds_total", "Time finished jobs spent on a worker thread.", "counter",
          s.job_seconds);
  }
  gauge(out, "onemap_exports_busy", "Downloads being written now.", "gauge",
        static_cast<double>(services.exports.busy()));
  gauge(out, "onemap_data_version", "Loads of the data: 1 at start, +1 per reload.", "gauge",
        static_cast<double>(ctx.snapshot->version));
  if (services.reloader) {
    gauge(out, "onemap_reloads_total", "Reloads that swapped in new data (SIGHUP, POST /admin/reload).", "counter",
          static_cast<double>(services.reloader->reloads()));
    gauge(out, "onemap_reloads_refused_total", "Reloads refused (the old data kept serving).", "counter",
          static_cast<double>(services.reloader->refused()));
    gauge(out, "onemap_layer_reloads_total", "Reloads of the layers an edit in the database touched.", "counter",
          static_cast<double>(services.reloader->layer_reloads()));
    gauge(out, "onemap_layer_reloads_refused_total", "Reloads of edited layers refused (the old data kept serving).",
          "counter", static_cast<double>(services.reloader->layer_reloads_refused()));
  }
  out +=
      "# HELP onemap_data_info The data being served (every layer's version together).\n"
      "# TYPE onemap_data_info gauge\n";
  sample(out, "onemap_data_info", "fingerprint=\"" + ctx.snapshot->data_fingerprint + "\"", 1);
  out += "# HELP onemap_layer_features Features of each published layer.\n# TYPE onemap_layer_features gauge\n";
  // Every layer: whoever may read /metrics operates the server.
  const store::LayerSet every = store::LayerSet::all(*ctx.snapshot);
  for (const store::Layer* layer : every.layers())
    sample(out, "onemap_layer_features", "layer=\"" + metrics::label_value(layer->config.id) + "\"",
           static_cast<double>(layer->feature_count()));
  // Replicas serving the same data show the same versions (what tile URLs carry as ?v=).
  out += "# HELP onemap_layer_info Each layer's version.\n# TYPE onemap_layer_info gauge\n";
  for (const store::Layer* layer : every.layers())
    sample(out, "onemap_layer_info",
           "layer=\"" + metrics::label_value(layer->config.id) + "\",version=\"" + store::version_text(layer->version) +
               "\"",
           1);
  http::Response res = make_response(ctx, std::move(out), "text/plain; version=0.0.4; charset=utf-8");
  res.set(http::beast_http::field::cache_control, "no-store");
  return res;
}

}  // namespace onemap::api
