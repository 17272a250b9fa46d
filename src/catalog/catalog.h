#pragma once
// What OneMap publishes: the server configuration and one LayerConfig per published layer,
// parsed from YAML (catalog_loader) or derived from a data source (source_catalog).
#include "catalog/rules.h"
#include "geo/crs.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::catalog {

// A catalog that cannot be used; the message names the file and the field.
class CatalogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A readable title of a property, and of its values where they are codes ("suspected" → 疑似).
struct ValueTitle {
  std::string value;  // the value as the data holds it
  std::string zh;
  std::string en;
};
struct FieldTitle {
  std::string name;  // the property
  std::string zh;
  std::string en;
  std::vector<ValueTitle> values;  // in the order the catalog lists them (legends keep it)
};

struct LayerConfig {
  std::string id;     // URL id: /collections/{id}
  std::string title;  // Chinese title
  std::string title_en;
  std::string description;
  std::string theme;   // 水 / 土 / 企业 / 行政区划 …
  std::string source;  // resolved file path or "PG:..." connection string
  std::string source_layer;
  std::string id_field;                 // empty: the OGR FID
  std::vector<std::string> properties;  // exposed properties; empty: all of the source's
  int min_zoom = 0;
  int max_zoom = 22;
  std::string style;                 // style id (styles/{style}.json); may be empty
  std::string name_field;            // the property search and labels use; empty: "name" if present
  std::string attribution;           // credit for the data; empty: the catalog's
  std::vector<FieldTitle> fields;    // readable titles of properties (popups, schemas, legends)
  std::filesystem::path defined_in;  // the file this came from, for messages
};

struct ServerSettings {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 0;
  unsigned request_timeout_seconds = 30;
  std::string public_url;  // base for links; empty: the bind address (never the Host header)
  // Peers whose X-Forwarded-Proto/-Host are believed (a reverse proxy in front); exact IPs.
  std::vector<std::string> trusted_proxies;
  unsigned worker_threads = 0;        // the pool for processes and exports; 0 = all cores
  std::size_t job_queue_limit = 32;   // jobs waiting for a worker; beyond it, 503
  double process_time_limit_s = 300;  // a process over it is stopped with a JSON error
  // Asynchronous jobs (Prefer: respond-async): where results are written (empty: a fresh
  // directory under the system temp dir, removed at shutdown), how long and how much of them
  // are kept, and how many jobs the job list keeps at most.
  std::string jobs_dir;
  double job_results_ttl_s = 3600;
  std::size_t job_results_mb = 1024;
  std::size_t max_jobs = 1000;
  // Downloads written at once (on the worker pool); beyond it, 503.
  std::size_t max_exports = 2;
  std::size_t tile_cache_mb = 256;                          // in-memory tile cache; 0 disables it
  std::string tile_cache_control = "public, max-age=3600";  // Cache-Control of tile responses
  int tile_buffer = 64;                                     // MVT buffer around each tile, tile units
  // Peers that may read /metrics (exact IPs); others get 403.
  std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};
  std::size_t derived_cache_mb = 256;  // indexes analysis derives per filter (store::DerivedCache), all layers together
  // Limits: an answer refused or cut by one names its setting and value (docs/SECURITY.md).
  unsigned header_timeout_seconds = 10;       // a request's whole header, from its first byte; beyond: 408, closed
  std::size_t max_connections = 1024;         // open at once; beyond: 503 + Retry-After, closed
  std::size_t max_header_kb = 16;             // a request's header; beyond: 431
  std::size_t max_body_kb = 1024;             // a request's body; beyond: 413
  std::size_t max_page_features = 10000;      // items per page: larger `limit`s are clamped to it
  std::size_t max_export_features = 2000000;  // features per download; beyond: 400 before writing
  std::size_t max_result_features = 500000;   // rows of a process result; beyond: 400 before sending
  std::size_t max_response_mb = 2048;         // bytes of a response body as sent; beyond: 400, or a stream cut
};

// An online raster base map under OneMap's own layers (e.g. 天地图 with a key); without one
// the web map draws on OneMap's layers alone and asks nothing of another origin.
struct BaseMap {
  std::vector<std::string> tiles;  // XYZ URL templates ({z}/{x}/{y})
  std::string attribution;
  int tile_size = 256;
  int max_zoom = 18;
  std::vector<std::string> overlay_tiles;  // optional labels drawn above the base (天地图 cva)
};

struct Catalog {
  std::string title = "OneMap";
  std::string description;
  std::string attribution;        // credit for every layer that names none
  std::filesystem::path web_dir;  // the web map's files (web/), served at /map and /web/
  std::optional<BaseMap> basemap;
  // The order the web map groups layers by theme, with English names; themes not listed follow
  // in the order layers name them.
  std::vector<std::pair<std::string, std::string>> themes;
  std::optional<geo::Crs> analysis_crs;  // nullopt: the Gauss-Kruger zone of the data
  std::filesystem::path styles_dir;
  // styles/{id}.json, checked at load: a MapLibre style's `layers` (and an optional `order`),
  // which the server composes into whole styles (src/styles/).
  std::map<std::string, std::string> styles;
  // Map label fonts, in order (the first that has a character draws it); empty: none.
  std::vector<std::filesystem::path> fonts;
  ServerSettings server;
  std::vector<LayerConfig> layers;
  RuleSet rules;  // with the layers, so a reload swaps both at once

  const LayerConfig* find(const std::string& id) const;
};

const FieldTitle* find_field_title(const LayerConfig& layer, std::string_view property);

}  // namespace onemap::catalog
