#pragma once
// Route handlers: pure functions from a request context to a response.
#include "api/request_context.h"

namespace onemap::api {

http::Response landing_page(const RequestContext& ctx);
http::Response conformance(const RequestContext& ctx);
http::Response health(const RequestContext& ctx);
// Prometheus text (metrics_routes.cpp), for the addresses in server.metrics_allow only.
http::Response metrics(const RequestContext& ctx);
http::Response openapi_document(const RequestContext& ctx);
// Access control (access_routes.cpp): a signed URL token for the caller's key; hot reload (admin).
http::Response url_token(const RequestContext& ctx);
// Who the request is taken to come from: {role, key_id, via}.
http::Response whoami(const RequestContext& ctx);
http::Response admin_reload(const RequestContext& ctx);

http::Response collections(const RequestContext& ctx);
http::Response collection(const RequestContext& ctx, const std::string& id);
http::Response items(const RequestContext& ctx, const std::string& id);
http::Response item(const RequestContext& ctx, const std::string& id, const std::string& feature_id);

// Downloads (downloads/routes.cpp): items in a file format (f= or Accept; asks_for_download
// tells the route table which requests those are), and /download/{id}.{ext}.
bool asks_for_download(const http::Request& request, const ParsedTarget& target);
http::Response download_items(const RequestContext& ctx, const std::string& id);
http::Response download_file(const RequestContext& ctx, const std::string& file_name);
// A township's offline package (downloads/township_package.cpp): data.gpkg with styles,
// basemap.mbtiles and a QGIS project in one zip, kept until the data changes.
http::Response download_township(const RequestContext& ctx, const std::string& name_or_id);

// Vector tiles: XYZ for one layer or a comma-separated list, TileJSON, and OGC API – Tiles.
http::Response xyz_tile(const RequestContext& ctx, const std::string& layers, const std::string& z,
                        const std::string& x, const std::string& y_and_extension);
http::Response tilejson_document(const RequestContext& ctx, const std::string& layers_and_extension);
http::Response collection_tilesets(const RequestContext& ctx, const std::string& id);
http::Response collection_tileset(const RequestContext& ctx, const std::string& id, const std::string& tile_matrix_set);
http::Response collection_tile(const RequestContext& ctx, const std::string& id, const std::string& tile_matrix_set,
                               const std::string& tile_matrix, const std::string& tile_row,
                               const std::string& tile_col);

// The web map (web/routes.cpp): the page, and its files under /web/ (one argument per segment).
http::Response map_page(const RequestContext& ctx);
http::Response web_asset(const RequestContext& ctx, const std::vector<std::string>& segments);
// MapLibre styles (styles/routes.cpp): every layer together, or one ("{id}.json").
http::Response onemap_style(const RequestContext& ctx);
http::Response layer_style(const RequestContext& ctx, const std::string& id_and_extension);
// Features by name across the layers (search/routes.cpp).
http::Response search(const RequestContext& ctx);
// Map label glyphs for MapLibre (fonts/routes.cpp): 256 code points of the configured fonts.
http::Response font_glyphs(const RequestContext& ctx, const std::string& fontstack,
                           const std::string& range_and_extension);

// OGC API – Processes (processes_routes.cpp).
http::Response processes(const RequestContext& ctx);
http::Response process_description(const RequestContext& ctx, const std::string& id);
http::Response process_execution(const RequestContext& ctx, const std::string& id);
// Asynchronous jobs (job_routes.cpp): the job list, a job's status, dismissal, its results.
http::Response job_list(const RequestContext& ctx);
http::Response job_status(const RequestContext& ctx, const std::string& id);
http::Response job_dismiss(const RequestContext& ctx, const std::string& id);
http::Response job_results(const RequestContext& ctx, const std::string& id);

}  // namespace onemap::api
