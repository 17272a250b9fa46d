#pragma once
// The HTTP edge of OneMap: finds the named route for a request, runs its handler on the current
// data snapshot (on the I/O thread for cheap routes, on the worker pool for heavy ones), and
// maps domain errors to JSON problem responses, in one place.
#include "api/services.h"
#include "http/types.h"
#include "store/snapshot.h"
#include "util/job_control.h"

#include <memory>
#include <string>

namespace onemap::api {

// The services' classes are declared by api/services.h.
class Api {
 public:
  // The tile cache and the job table are sized from the initial snapshot's server settings.
  // Without a pool, heavy routes and jobs run on the calling thread (tests and tools).
  explicit Api(const store::SnapshotHolder& data, util::WorkerPool* pool = nullptr);
  ~Api();

  // Hot reload for POST /admin/reload; the Api takes each new snapshot's cache budget. Call
  // before serving.
  void set_reloader(store::Reloader* reloader);

  // The base URL of links when no public_url is configured: the address the server is bound to.
  void set_bind_url(std::string url) { bind_url_ = std::move(url); }

  // The server's handler: answers cheap routes at once, queues heavy ones on the pool.
  void serve(http::Exchange exchange) const;
  // Answers on the calling thread, whatever the route (tests, tools).
  // `remote`: the caller's address, local unless said (it decides who may read /metrics).
  http::Response handle(const http::Request& request, const std::string& remote = "127.0.0.1") const;

  // Requests counted per named route; the server tells it of each response it writes.
  metrics::RequestMetrics& metrics() const { return *metrics_; }

  // The asynchronous jobs (Prefer: respond-async), on the same pool.
  jobs::JobRegistry& jobs() const { return *jobs_; }

  // What every request is lent: the caches, jobs, exports and counters above, the pool.
  const Services& services() const { return services_; }

  // The server is stopping: every job stops (StopReason::Shutdown) at its next checkpoint or
  // GEOS interrupt check, requests on the pool and asynchronous jobs alike, running or queued,
  // and any started later. Never blocks.
  void shutdown();

  struct Prepared;  // a request matched to its route (router.cpp)

 private:
  Prepared prepare(const http::Request& request, const std::string& remote) const;
  http::Response canonical_redirect(const http::Request& request, const std::string& remote, const std::string& path,
                                    const catalog::ServerSettings& server) const;

  const store::SnapshotHolder& data_;
  util::WorkerPool* pool_;
  std::unique_ptr<tiles::TileCache> tile_cache_;
  std::unique_ptr<GlyphCache> glyph_cache_;
  std::unique_ptr<jobs::JobRegistry> jobs_;
  std::unique_ptr<AssetCache> assets_;  // the web map's files, with their gzip
  // Where downloads are written, and how many at once; its directory goes with the Api.
  std::unique_ptr<exports::ExportSpace> exports_;
  std::unique_ptr<metrics::RequestMetrics> metrics_;
  Services services_;  // the above, lent to every request
  std::string bind_url_ = "http://localhost";
  // Shared by the JobControl of every request run on the pool; stopped by shutdown().
  std::shared_ptr<util::StopFlag> shutdown_ = std::make_shared<util::StopFlag>();
};

}  // namespace onemap::api
