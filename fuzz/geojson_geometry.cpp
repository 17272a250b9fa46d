// GeoJSON geometries clients send as a plot to check (geo/geojson_polygonal): a Polygon,
// MultiPolygon or a Feature holding one, read strictly; then as plot-restrictions reads it
// (api/processes/plot_input: the CRS, the validity check with GEOS, reprojection, the data's
// area) and checks it against the rules (analysis::check_plot). The first byte picks the CRS
// the geometry is given in, the rest is the JSON.
#include "analysis/plot_restrictions.h"
#include "api/errors.h"
#include "api/processes/plot_input.h"
#include "fuzz_city.h"
#include "geo/geojson_polygonal.h"

#include <nlohmann/json.hpp>

using namespace onemap;

ONEMAP_FUZZ_LOAD_CITY_FIRST

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kCrs[] = {nullptr, "EPSG:4547", "http://www.opengis.net/def/crs/EPSG/0/4490", "EPSG:3857",
                                     "EPSG:4326"};
  const char* crs = kCrs[data[0] % std::size(kCrs)];
  nlohmann::json geometry = nlohmann::json::parse(fuzz::as_text(data + 1, size - 1), nullptr, false);
  if (geometry.is_discarded()) return 0;
  try {
    geo::read_geojson_polygonal(geometry, catalog::ServerSettings{}.max_input_vertices);
  } catch (const geo::GeoJsonError&) {
    return 0;
  } catch (const geo::TooManyVertices&) {
    return 0;
  }
  nlohmann::json inputs = {{"geometry", std::move(geometry)}, {"planned_use", "residential"}};
  if (crs) inputs["crs"] = crs;
  try {
    fuzz::with_context("/processes/plot-restrictions/execution", [&](const api::RequestContext& ctx) {
      api::PlotInput plot = api::read_plot(ctx, api::ProcessInputs(inputs, {}));
      analysis::check_plot(ctx.visible, plot.plot);
    });
  } catch (const api::ApiError& e) {
    if (e.status() != 400) fuzz::fail("status " + std::to_string(e.status()) + ": " + e.what());
  }
  return 0;
}
