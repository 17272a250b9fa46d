#pragma once
// What OneMap publishes: the server configuration and one LayerConfig per published layer,
// parsed from YAML (catalog_loader) or derived from a data source (source_catalog).
#include "auth/key_store.h"
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

// How much one vector tile of a layer may hold (P8): its gzipped bytes and its features. Features
// meeting every condition of `keep` (e.g. category: strict_control) are never left out.
struct TileBudget {
  std::size_t max_bytes = 500 * 1024;  // 0: no byte budget
  std::size_t max_features = 0;        // 0: no cap
  std::vector<Condition> keep;
};

struct LayerConfig {
  std::string id;     // URL id: /collections/{id}
  std::string title;  // Chinese title
  std::string title_en;
  std::string description;
  std::string theme;   // 水 / 土 / 企业 / 行政区划 …
  std::string source;  // resolved file path or "PG:..." connection string
  std::string source_layer;
  // PostGIS: the tables whose committed edits reload this layer (schema.table), when its
  // source_layer is a view or a query over them; empty: source_layer itself.
  std::vector<std::string> edit_tables;
  std::string id_field;                 // empty: the OGR FID
  std::vector<std::string> properties;  // exposed properties; empty: all of the source's
  int min_zoom = 0;
  int max_zoom = 22;
  std::string style;               // style id (styles/{style}.json); may be empty
  std::string name_field;          // the property search and labels use; empty: "name" if present
  std::string attribution;         // credit for the data; empty: the catalog's
  std::vector<FieldTitle> fields;  // readable titles of properties (popups, schemas, legends)
  TileBudget tile_budget;          // what a tile of this layer may hold (store/tile_thinning)
  // Roles that may see the layer; empty (or listing "public"): everyone. Admin sees every layer.
  std::vector<std::string> roles;
  std::filesystem::path defined_in;  // the file this came from, for messages
};

// The roles every catalog knows: anonymous callers are `public`; `admin` sees every layer and
// may use the admin routes.
inline constexpr std::string_view kPublicRole = "public";
inline constexpr std::string_view kAdminRole = "admin";

// Who may see what: the roles layers may name, the API keys that give them, and which web
// origins may read the API from a browser.
struct Access {
  std::vector<std::string> roles = {"public", "planner", "land_bureau", "field", "admin"};
  std::filesystem::path keys_file;  // salted key hashes (catalog/keys_file); need not exist yet
  auth::KeyStore keys;              // read from keys_file at load and at every reload
  // Origins allowed to read the API from a browser. Empty: any ("*") while every layer is
  // public, none once a layer is restricted.
  std::vector<std::string> cors_origins;
  double url_token_ttl_s = 3600;           // life of a signed URL token when the client asks none
  double url_token_max_ttl_s = 7 * 86400;  // the longest a client may ask for
};

// Whether a caller of `role` may see the layer.
bool may_see(const LayerConfig& layer, std::string_view role);

struct ServerSettings {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 0;
  unsigned request_timeout_seconds = 30;
  std::string public_url;  // base for links; empty: the bind address (never the Host header)
  // Peers whose X-Forwarded-Proto/-Host/-For are believed (a reverse proxy in front); exact IPs.
  std::vector<std::string> trusted_proxies;
  unsigned worker_threads = 0;        // the pool for processes and exports; 0 = all cores
  std::size_t job_queue_limit = 32;   // jobs waiting for a worker; beyond it, 503
  double process_time_limit_s = 300;  // a process over it is stopped with a JSON error
  // Asynchronous jobs (Prefer: respond-async): where results are written (a directory of the
  // server's own, onemap-jobs-{pid}-XXXXXX, made in jobs_dir — empty: the system temp dir — and
  // removed at shutdown), how long and how much of them are kept, how many jobs are kept at most
  // and per owner (an API key; anonymous callers: per client address), and whether anonymous
  // callers may run jobs at all.
  std::string jobs_dir;
  double job_results_ttl_s = 3600;
  std::size_t job_results_mb = 1024;
  std::size_t max_jobs = 1000;
  std::size_t max_jobs_per_owner = 50;
  bool anonymous_async = true;
  // Downloads written at once (on the worker pool); beyond it, 503.
  std::size_t max_exports = 2;
  std::size_t tile_cache_mb = 256;                          // in-memory tile cache; 0 disables it
  std::string tile_cache_control = "public, max-age=3600";  // Cache-Control of tile responses
  int tile_buffer = 64;                                     // MVT buffer around each tile, tile units
  // Peers that may read /metrics (exact IPs); others get 403.
  std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};
  std::size_t tile_budget_kb = 500;    // gzipped bytes a layer's tile may hold, for layers that name none
  std::size_t derived_cache_mb = 256;  // indexes analysis derives per filter (store::DerivedCache), all layers together
  // PostGIS layers follow committed edits (live::EditFollower): a trigger's NOTIFY reloads the
  // layers of the table edited, once no further edit came for edit_quiet_ms.
  bool follow_edits = true;
  unsigned edit_quiet_ms = 200;
  // Limits: an answer refused or cut by one names its setting and value (docs/SECURITY.md).
  unsigned header_timeout_seconds = 10;       // a request's whole header, from its first byte; beyond: 408, closed
  std::size_t max_connections = 1024;         // open at once; beyond: 503 + Retry-After, closed
  std::size_t max_header_kb = 16;             // a request's header; beyond: 431
  std::size_t max_body_kb = 1024;             // a request's body; beyond: 413
  std::size_t max_page_features = 10000;      // items per page: larger `limit`s are clamped to it
  std::size_t max_export_features = 2000000;  // features per download; beyond: 400 before writing
  std::size_t max_result_features = 500000;   // rows of a process result; beyond: 400 before sending
  std::size_t max_input_vertices = 5000;      // vertices of a drawn plot; beyond: 400 before GEOS sees it
  std::size_t max_response_mb = 2048;         // bytes of a response body as sent; beyond: 400, or a stream cut
  std::size_t max_unsent_mb = 512;            // bodies built whole, waiting for their readers, server-wide; beyond: 503
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
  Access access;
  std::vector<LayerConfig> layers;
  RuleSet rules;  // with the layers, so a reload swaps both at once

  const LayerConfig* find(const std::string& id) const;
  bool has_restricted_layers() const;  // some layer is hidden from the public
};

const FieldTitle* find_field_title(const LayerConfig& layer, std::string_view property);

}  // namespace onemap::catalog
