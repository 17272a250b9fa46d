#pragma once
// The OpenAPI 3.0 document (/api), written from the route table (route_table.h).
#include "api/route_table.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace onemap::api {

// The route's path as OpenAPI spells it: its pattern's segments ("/tiles/{layers}.json").
std::string openapi_path(const Route& route);

// The document for a caller who sees `layers`; links start with `base_url`.
nlohmann::json openapi_json(const store::Snapshot& snapshot, const std::vector<const store::Layer*>& layers,
                            const std::string& base_url);

}  // namespace onemap::api
