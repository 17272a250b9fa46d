#pragma once
// OGC API – Features Part 2 parameters: which CRSs a layer can be served in, `crs` for output
// and `bbox` with `bbox-crs` for selection.
#include "api/request_context.h"
#include "geo/crs.h"
#include "geo/geometry.h"

#include <optional>
#include <vector>

namespace onemap::api {

// CRS84 first (the default), then EPSG:4326, 4490, 3857 and the analysis CRS.
std::vector<geo::Crs> supported_crs(const store::Snapshot& snapshot);

// The `crs` parameter (CRS84 when absent); throws BadRequest for an unsupported one.
geo::Crs output_crs(const RequestContext& ctx);

// The `bbox` parameter as a CRS84 envelope (nullopt when absent), read in the axis order of
// `bbox-crs` and reprojected; throws BadRequest when malformed.
std::optional<geo::Envelope> bbox_param(const RequestContext& ctx);

}  // namespace onemap::api
