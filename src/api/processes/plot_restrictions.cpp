// Process plot-restrictions: one plot, checked against every rule before it is zoned or supplied.
#include "analysis/plot_restrictions.h"
#include "analysis/attributes.h"
#include "api/errors.h"
#include "api/processes/plot_input.h"
#include "api/processes/process_output.h"
#include "api/processes/processes.h"

namespace onemap::api {

using nlohmann::json;

json describe_plot_restrictions(const RequestContext& ctx) {
  json titles = json::array();
  for (const catalog::Rule* r : visible_rules(ctx)) titles.push_back(r->id + " " + r->title);
  json geometry = {
      {"type", "object"},
      {"required", {"type", "coordinates"}},
      {"properties",
       {{"type", {{"type", "string"}, {"enum", {"Polygon", "MultiPolygon"}}}}, {"coordinates", {{"type", "array"}}}}},
      {"contentMediaType", "application/geo+json"}};
  return {
      {"title", "Plot restrictions"},
      {"description",
       "Every restriction the plans' rules put on one plot: drinking-water protection zones, contaminated and "
       "risk-unknown plots on or next to it, priority or strict-control farmland, the built-up area, heavy-metal "
       "enterprises, tailings ponds near rivers; each with its rule, severity, the feature it comes from and the "
       "distance or overlap. Also the township the plot lies in. Rules: " +
           titles.dump()},
      {"keywords", {"plot", "restrictions", "land supply", "用地"}},
      {"x-onemap-rules", rule_list(ctx)},
      {"inputs",
       {{"geometry",
         input_description(
             "Plot geometry",
             "GeoJSON Polygon or MultiPolygon, x = east (longitude or easting). Or give collection + feature_id.",
             geometry, false)},
        {"crs",
         input_description("CRS of the geometry",
                           "URI or EPSG code, e.g. EPSG:4547 (CGCS2000 Gauss-Kruger 114E), EPSG:4490; default CRS84.",
                           {{"type", "string"}, {"default", geo::kCrs84.uri()}}, false)},
        {"collection",
         input_description("Collection of the plot", "Check an existing polygon feature instead of a drawn geometry.",
                           collection_id_schema(ctx), false)},
        {"feature_id",
         input_description("Feature id", "With collection.",
                           {{"oneOf", json::array({json{{"type", "string"}}, json{{"type", "integer"}}})}}, false)},
        {"planned_use",
         input_description("Planned use", "The use the plot is planned for; default: the feature's own planned_use.",
                           {{"type", "string"}, {"enum", ctx.snapshot->catalog.rules.planned_uses}}, false)}}},
      {"outputs",
       {{"result",
         {{"title", "Township and restrictions"},
          {"schema", {{"type", "object"}, {"contentMediaType", "application/json"}}}}}}},
  };
}

void validate_plot_restrictions(const RequestContext& ctx, const ProcessInputs& inputs) { read_plot(ctx, inputs); }

http::Response execute_plot_restrictions(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format) {
  if (format == OutputFormat::Csv) throw BadRequest("plot-restrictions answers in JSON only");
  PlotInput input = read_plot(ctx, inputs);
  analysis::PlotReport report = analysis::check_plot(ctx.visible, input.plot);

  json plot = {{"area_m2", report.area_m2}, {"planned_use", report.planned_use ? json(*report.planned_use) : json()}};
  if (input.plot.feature) {
    plot["collection"] = input.plot.feature.layer->config.id;
    plot["feature_id"] = feature_id_json(*input.plot.feature.layer, input.plot.feature.index);
  } else {
    plot["crs"] = input.crs.uri();
  }
  json township;
  if (report.township) {
    std::string name = analysis::feature_name(*report.township.layer, report.township.index);
    township = {{"layer", report.township.layer->config.id},
                {"id", feature_id_json(*report.township.layer, report.township.index)},
                {"name", name.empty() ? json() : json(name)},
                {"overlap_m2", report.township_overlap_m2}};
  }
  json restrictions = json::array();
  json counts = {{"prohibited", 0}, {"restricted", 0}, {"notice", 0}};
  for (const analysis::Finding& f : report.restrictions) {
    restrictions.push_back(finding_json(f, true));
    counts[catalog::to_string(f.severity)] = counts[catalog::to_string(f.severity)].get<int>() + 1;
  }
  json in_scope = json::array(), not_applicable = json::array();
  for (const catalog::Rule* r : visible_rules(ctx)) {
    bool applies =
        std::find(report.rules_in_scope.begin(), report.rules_in_scope.end(), r) != report.rules_in_scope.end();
    (applies ? in_scope : not_applicable).push_back(r->id);
  }
  json body = {{"plot", plot},     {"township", township},      {"restrictions", restrictions},
               {"counts", counts}, {"rules_checked", in_scope}, {"rules_not_applicable", not_applicable}};
  return json_response(ctx, body);
}

}  // namespace onemap::api
