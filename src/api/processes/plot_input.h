#pragma once
// The plot of a plot-restrictions request: a drawn geometry in a given CRS, or a feature of a
// collection, and the use it is planned for.
#include "analysis/plot_restrictions.h"
#include "api/processes/process_inputs.h"
#include "geo/crs.h"

namespace onemap::api {

struct PlotInput {
  analysis::Plot plot;
  geo::Geometry lonlat;  // CRS84, for the response
  geo::Crs crs;          // the CRS the geometry was given in
};

// Inputs `geometry` (+ `crs`, CRS84 by default; x = east whatever the CRS's axis order) or
// `collection` + `feature_id`, and `planned_use`. Throws BadRequest: unknown CRS or feature,
// not a polygon, invalid geometry (with GEOS's reason), outside the data's area.
PlotInput read_plot(const RequestContext& ctx, const ProcessInputs& inputs);

}  // namespace onemap::api
