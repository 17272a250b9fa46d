// Process zonal-summary: the figures of each township (or of any polygon layer's features).
#include "analysis/attributes.h"
#include "analysis/zonal_summary.h"
#include "api/errors.h"
#include "api/processes/process_output.h"
#include "api/processes/processes.h"

namespace onemap::api {
namespace {

using nlohmann::json;

constexpr double kSquareMetresPerMu = 10000.0 / 15.0;

json count(const std::optional<std::size_t>& n) { return n ? json(*n) : json(); }

json area(double m2) { return {{"m2", m2}, {"mu", m2 / kSquareMetresPerMu}}; }

json zone_json(const store::Snapshot& snapshot, const store::Layer& zones, const analysis::ZoneFigures& z) {
  std::string name = analysis::feature_name(zones, z.zone);
  json out = {{"id", feature_id_json(zones, z.zone)},
              {"name", name.empty() ? json() : json(name)},
              {"enterprises", count(z.enterprises)},
              {"heavy_metal_enterprises", count(z.heavy_metal_enterprises)},
              {"polluted_plots", count(z.polluted_plots)},
              {"polluted_plots_by_status", z.polluted_plots_by_status}};
  if (z.farmland_m2) {
    json by_category = json::object();
    for (const auto& [category, m2] : z.farmland_m2_by_category) by_category[category] = area(m2);
    out["farmland"] = {{"total", area(*z.farmland_m2)}, {"by_category", by_category}};
  } else {
    out["farmland"] = nullptr;
  }
  if (z.sections_meeting) {
    json missing = json::array();
    const store::Layer& sections = *snapshot.find("water_sections");
    for (std::uint32_t i : z.sections_missing_target) missing.push_back(analysis::feature_name(sections, i));
    out["water_sections"] = {{"meeting_target", *z.sections_meeting}, {"missing_target", *z.sections_missing},
                             {"class_unknown", *z.sections_unknown}, {"missing_target_names", missing}};
  } else {
    out["water_sections"] = nullptr;
  }
  return out;
}

}  // namespace

json describe_zonal_summary(const RequestContext& ctx) {
  const std::string& townships = ctx.snapshot->catalog.rules.township_layer;
  return {
      {"title", "Zonal summary"},
      {"description", "Per township (or per feature of any polygon collection): enterprises and heavy-metal enterprises, polluted "
                      "plots by status, farmland area by category (m² and mu), water-quality sections meeting or missing their "
                      "target class (I < II < III < IV < V < 劣V)."},
      {"keywords", {"summary", "township", "统计"}},
      {"inputs",
       {{"zones", input_description("Zones", "A polygon collection; default: " + (townships.empty() ? std::string("townships") : townships) + ".",
                                    collection_id_schema(*ctx.snapshot), false)}}},
      {"outputs", {{"result", {{"title", "Figures per zone"}, {"schema", {{"type", "object"}, {"contentMediaType", "application/json"}}}}}}},
  };
}

http::Response execute_zonal_summary(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format) {
  if (format == OutputFormat::Csv) throw BadRequest("zonal-summary answers in JSON only");
  const store::Snapshot& snapshot = *ctx.snapshot;
  const store::Layer* zones = inputs.optional_collection(snapshot, "zones");
  if (!zones) {
    const std::string& id = snapshot.catalog.rules.township_layer;
    zones = snapshot.find(id.empty() ? "townships" : id);
    if (!zones) throw BadRequest("input 'zones' is required: there is no township collection");
  }
  if (zones->kind != store::GeometryKind::Polygon) throw BadRequest("input 'zones': collection '" + zones->config.id + "' is not a polygon layer");
  json list = json::array();
  for (const analysis::ZoneFigures& z : analysis::zonal_summary(snapshot, *zones)) list.push_back(zone_json(snapshot, *zones, z));
  return json_response(ctx, {{"zones_collection", zones->config.id}, {"zones", list}});
}

}  // namespace onemap::api
