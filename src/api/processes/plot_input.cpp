#include "api/processes/plot_input.h"

#include "api/errors.h"
#include "geo/geo_error.h"
#include "geo/geojson_polygonal.h"
#include "geo/geos_ops.h"
#include "geo/reprojector.h"

#include <algorithm>
#include <optional>

namespace onemap::api {
namespace {

bool is_geographic(const geo::Crs& crs) { return crs.is_crs84() || crs.epsg == 4326 || crs.epsg == 4490; }

// Plots arrive in a handful of CRSs (CRS84, CGCS2000 and its Gauss-Kruger zones, Web Mercator);
// only those keep a per-thread transformation, so requests naming one odd CRS after another
// cannot grow that cache without bound.
bool usual(const geo::Crs& crs) {
  return is_geographic(crs) || crs.epsg == 3857 || (crs.epsg >= 4491 && crs.epsg <= 4554);
}

// GEOS's reason, such as "Self-intersection[112.51 35.1]", when the geometry is not valid;
// `where` says in which CRS it was checked ("" for the one it was given in).
void require_valid(const geo::Geometry& g, const std::string& where = "") {
  if (std::optional<std::string> reason = geo::invalidity_reason(g))
    throw BadRequest("input 'geometry' is not a valid polygon" + where + ": " + *reason);
}

// The drawn plot as GeoJSON, its faults said as the input's.
geo::Geometry read_geometry(const ProcessInputs& inputs, std::size_t max_vertices) {
  try {
    return geo::read_geojson_polygonal(*inputs.get("geometry"), max_vertices);
  } catch (const geo::GeoJsonError& e) {
    throw BadRequest(std::string("input 'geometry': ") + e.what());
  } catch (const geo::TooManyVertices& e) {
    throw LimitExceeded("input 'geometry' has more than " + std::to_string(e.max()) +
                            " vertices (server.max_input_vertices); simplify it, or give a plot of the data as "
                            "'collection' + 'feature_id'",
                        "server.max_input_vertices", e.max());
  }
}

geo::Crs read_crs(const ProcessInputs& inputs) {
  std::optional<std::string> text = inputs.string("crs");
  if (!text) return geo::kCrs84;
  auto crs = geo::parse_crs(*text);
  if (!crs)
    throw BadRequest("input 'crs': '" + text->substr(0, 100) +
                     "' is not a CRS URI or EPSG code (e.g. EPSG:4547, http://www.opengis.net/def/crs/EPSG/0/4490)");
  return *crs;
}

PlotInput drawn_plot(const RequestContext& ctx, const ProcessInputs& inputs) {
  const store::Snapshot& snapshot = *ctx.snapshot;
  PlotInput out;
  out.crs = read_crs(inputs);
  geo::Geometry g = read_geometry(inputs, snapshot.catalog.server.max_input_vertices);
  if (is_geographic(out.crs) && std::any_of(g.coords.begin(), g.coords.end(),
                                            [](geo::Coord c) { return std::abs(c.x) > 180 || std::abs(c.y) > 90; }))
    throw BadRequest(
        "input 'geometry': coordinates lie outside longitude −180…180, latitude −90…90; projected coordinates need a "
        "'crs' such as EPSG:4547");
  require_valid(g);
  out.lonlat = g;
  try {
    std::optional<geo::Reprojector> unusual;
    if (!usual(out.crs)) unusual.emplace(out.crs.gis_order(), geo::kCrs84.gis_order());
    (unusual ? *unusual : geo::Reprojector::for_this_thread(out.crs.gis_order(), geo::kCrs84.gis_order()))
        .transform(out.lonlat);
    out.plot.metric = out.lonlat;
    geo::Reprojector::for_this_thread(geo::kCrs84.gis_order(), snapshot.analysis_crs.gis_order())
        .transform(out.plot.metric);
  } catch (const geo::GeoError& e) {
    throw BadRequest("input 'geometry' cannot be read in " + out.crs.uri() + ": " + e.what());
  }
  // Reprojection can fold a polygon valid where it was drawn (far outside the area its CRS is
  // meant for, or nearly self-touching) onto itself; the rules' overlays need it valid.
  require_valid(out.plot.metric, " in the analysis CRS (" + snapshot.analysis_crs.uri() + ")");
  // A plot in the wrong CRS or axis order lands far away and would pass every check: say so.
  geo::Envelope data;
  for (const store::Layer* layer : ctx.layers()) data.expand(layer->extent);
  if (!data.empty() && !data.intersects(out.lonlat.envelope()))
    throw BadRequest("input 'geometry' lies outside the area of the data (" + std::to_string(data.min_x) + "," +
                     std::to_string(data.min_y) + " – " + std::to_string(data.max_x) + "," +
                     std::to_string(data.max_y) + " in CRS84); check 'crs' and the axis order (x = east)");
  return out;
}

PlotInput feature_plot(const RequestContext& ctx, const ProcessInputs& inputs) {
  const store::Layer& layer = inputs.collection(ctx, "collection");
  const nlohmann::json* id_value = inputs.get("feature_id");
  if (!id_value || !(id_value->is_string() || id_value->is_number_integer()))
    throw BadRequest("input 'feature_id' (a string or integer) is required with 'collection'");
  std::string id = id_value->is_string() ? id_value->get<std::string>() : std::to_string(id_value->get<std::int64_t>());
  const std::optional<std::uint32_t> found = layer.find_feature(id);
  if (!found)
    throw BadRequest("input 'feature_id': collection '" + layer.config.id + "' has no feature '" + id.substr(0, 100) +
                     "'");
  const std::uint32_t i = *found;
  if (!geo::is_polygonal(layer.metric_geometry(i).type) || layer.metric_geometry(i).empty())
    throw BadRequest("input 'feature_id': feature '" + id + "' of '" + layer.config.id +
                     "' is not a polygon, and a plot must be one");
  PlotInput out;
  out.plot.metric = geo::copy_geometry(layer.metric_geometry(i));
  out.plot.feature = {&layer, i};
  out.lonlat = geo::copy_geometry(layer.lonlat_geometry(i));
  return out;
}

}  // namespace

PlotInput read_plot(const RequestContext& ctx, const ProcessInputs& inputs) {
  const store::Snapshot& snapshot = *ctx.snapshot;
  bool drawn = inputs.get("geometry") != nullptr;
  bool from_feature = inputs.get("collection") || inputs.get("feature_id");
  if (drawn == from_feature)
    throw BadRequest("give the plot as 'geometry' (GeoJSON) or as 'collection' + 'feature_id', one of the two");
  if (from_feature && inputs.get("crs")) throw BadRequest("input 'crs' applies to 'geometry' only");
  PlotInput out = drawn ? drawn_plot(ctx, inputs) : feature_plot(ctx, inputs);
  if (std::optional<std::string> use = inputs.string("planned_use")) {
    const catalog::RuleSet& rules = snapshot.catalog.rules;
    if (!rules.is_planned_use(*use)) {
      std::string list;
      for (const std::string& u : rules.planned_uses) list += (list.empty() ? "" : ", ") + u;
      throw BadRequest("input 'planned_use': '" + use->substr(0, 60) + "' is not a planned use (one of: " + list + ")");
    }
    out.plot.planned_use = *use;
  }
  return out;
}

}  // namespace onemap::api
