#pragma once
// Pieces of process results: feature ids as the features API writes them, a representative
// point for ledgers, findings as JSON, CSV responses.
#include "analysis/findings.h"
#include "api/request_context.h"
#include "geo/geometry.h"

#include <nlohmann/json.hpp>

#include <string>

namespace onemap::api {

// A number when the layer's ids are numeric (as in /items), else a string.
nlohmann::json feature_id_json(const store::Layer& layer, std::uint32_t index);

// A point on the geometry (the point itself, else GEOS PointOnSurface), for lon/lat columns.
geo::Coord representative_point(const geo::Geometry& lonlat);

// rule, title, severity, relation, distance_m/overlap_m2, text, summary, and the features:
// `source` (when set) as layer/feature_id/name and `other` as target_layer/target_id/target_name,
// or — for plot checks — `other` as layer/feature_id/name.
nlohmann::json finding_json(const analysis::Finding& finding, bool plot_check);

// text/csv (with the UTF-8 BOM Excel needs), offered as a download named `filename`.
http::Response csv_response(const RequestContext& ctx, std::string body, const std::string& filename);

}  // namespace onemap::api
