#pragma once
// What the Api lends every request: its caches, its jobs, its export space and its counters,
// which live as long as the Api. Two are optional by design: without a pool heavy work runs on
// the calling thread (tests, tools), and without a reloader the server serves the data it was
// handed and cannot reload it.
namespace onemap::tiles {
class TileCache;
}
namespace onemap::util {
class WorkerPool;
}
namespace onemap::jobs {
class JobRegistry;
}
namespace onemap::exports {
class ExportSpace;
}
namespace onemap::metrics {
class RequestMetrics;
}
namespace onemap::store {
class Reloader;
}

namespace onemap::api {

class AssetCache;
class GlyphCache;

struct Services {
  tiles::TileCache& tiles;                 // tiles as served, shared by all requests (tile_cache_mb 0: keeps none)
  GlyphCache& glyphs;                      // glyph ranges as drawn
  AssetCache& assets;                      // the web map's files, kept with their gzip
  jobs::JobRegistry& jobs;                 // asynchronous jobs
  exports::ExportSpace& exports;           // where downloads are written, and how many at once
  const metrics::RequestMetrics& metrics;  // requests counted per route
  const util::WorkerPool* pool = nullptr;  // the pool heavy routes run on; none: the calling thread
  store::Reloader* reloader = nullptr;     // hot reload (POST /admin/reload); none: cannot reload
};

}  // namespace onemap::api
