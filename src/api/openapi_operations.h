#pragma once
// Each route's OpenAPI operation (parameters, request body, responses with their media types),
// named by the route's entry in route_table.cpp and written beside its part's handlers; and the
// pieces the parts share. Every $ref points inside the document (openapi_components.cpp), so a
// client or validator never needs the network to read it.
#include "api/route_doc.h"

#include <string>

namespace onemap::api::doc {

using nlohmann::json;

// Shared pieces (openapi_components.cpp).
json components(const store::Snapshot& snapshot);  // the document's `components`
json ref(const std::string& component);            // {"$ref": "#/components/{component}"}
json problem();                                    // the JSON problem response (4xx, 5xx)
// {"description", "content": {media_type: {"schema"}}}, one media type or several sharing a schema.
json body(const std::string& description, const json& schema,
          std::initializer_list<std::string_view> media_types = {"application/json"});
json binary();  // the schema of a file or tile: a binary string
json path_parameter(const std::string& name, const std::string& description, json schema = {{"type", "string"}});
json query_parameter(const std::string& name, const std::string& description, json schema);
// `{property}=value`: one equality filter per field of the collection (items and downloads).
json field_parameters(const store::Layer& layer);
// township= and clip=: the selection of a township, shared by items and downloads.
json township_parameters();
json status_info_schema();  // a job's status (OGC API – Processes statusInfo)

// The service itself (openapi_service.cpp).
json landing(const DocScope&);
json conformance(const DocScope&);
json api(const DocScope&);
json health(const DocScope&);
json metrics(const DocScope&);
json url_token(const DocScope&);
json whoami(const DocScope&);
json admin_reload(const DocScope&);

// What the web map is built from (web/openapi_web.cpp).
json map_page(const DocScope&);
json web_asset(const DocScope&);
json onemap_style(const DocScope&);
json layer_style(const DocScope&);
json search(const DocScope&);

// OGC API – Features (features/openapi_features.cpp); collection, items and item per collection.
json collections(const DocScope&);
json collection(const DocScope&);
json items(const DocScope&);
json item(const DocScope&);

// Downloads (downloads/openapi_downloads.cpp); the file route per collection.
json download_file(const DocScope&);
json download_township(const DocScope&);

// Vector tiles (tiles/openapi_tiles.cpp); the OGC API – Tiles routes per collection.
json xyz_tile(const DocScope&);
json tilejson(const DocScope&);
json collection_tilesets(const DocScope&);
json collection_tileset(const DocScope&);
json collection_tile(const DocScope&);
json font_glyphs(const DocScope&);  // fonts/openapi_fonts.cpp

// OGC API – Processes and jobs (processes/openapi_processes.cpp).
json processes(const DocScope&);
json process_description(const DocScope&);
json process_execution(const DocScope&);
json job_list(const DocScope&);
json job_status(const DocScope&);
json job_dismiss(const DocScope&);
json job_results(const DocScope&);

}  // namespace onemap::api::doc
