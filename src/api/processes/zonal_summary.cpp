// Process zonal-summary: the figures of each township (or of any polygon layer's features).
#include "analysis/zonal_summary.h"
#include "analysis/attributes.h"
#include "api/errors.h"
#include "api/processes/process_output.h"
#include "api/processes/processes.h"

namespace onemap::api {
namespace {

using nlohmann::json;

constexpr double kSquareMetresPerMu = 10000.0 / 15.0;

json area(double m2) { return {{"m2", m2}, {"mu", m2 / kSquareMetresPerMu}}; }

// One figure of one zone; null when its layer is not loaded.
json figure_json(const store::Snapshot& snapshot, const catalog::SummaryFigure& figure,
                 const analysis::FigureValue& value) {
  struct Visitor {
    const store::Snapshot& snapshot;
    const catalog::SummaryFigure& figure;
    json operator()(std::monostate) const { return nullptr; }
    json operator()(std::size_t n) const { return n; }
    json operator()(const analysis::GroupedCount& c) const { return c.by; }
    json operator()(const analysis::AreaFigure& a) const {
      json out = {{"total", area(a.m2)}};
      if (figure.by.empty()) return out;
      json by = json::object();
      for (const auto& [group, m2] : a.by) by[group] = area(m2);
      out["by_" + figure.by] = by;
      return out;
    }
    json operator()(const analysis::ClassTargetFigure& c) const {
      json missing = json::array();
      const store::Layer& layer = *snapshot.find(figure.of.layer);
      for (std::uint32_t i : c.missing_items) missing.push_back(analysis::feature_name(layer, i));
      return {{"meeting_target", c.meeting},
              {"missing_target", c.missing},
              {"class_unknown", c.unknown},
              {"missing_target_names", missing}};
    }
  };
  return std::visit(Visitor{snapshot, figure}, value);
}

// A figure over a layer the caller cannot see is left out: for them it does not exist.
json zone_json(const RequestContext& ctx, const store::Layer& zones, const analysis::ZoneFigures& z) {
  std::string name = analysis::feature_name(zones, z.zone);
  json out = {{"id", feature_id_json(zones, z.zone)}, {"name", name.empty() ? json() : json(name)}};
  const store::Snapshot& snapshot = *ctx.snapshot;
  const auto& figures = snapshot.catalog.rules.zonal_summary;
  for (std::size_t f = 0; f < figures.size(); ++f)
    if (ctx.find_layer(figures[f].of.layer) || !snapshot.find(figures[f].of.layer))
      out[figures[f].key] = figure_json(snapshot, figures[f], z.figures[f]);
  return out;
}

std::string value_text(const catalog::ConditionValue& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const double* d = std::get_if<double>(&v)) return json(*d).dump();
  return std::get<std::string>(v);
}

// What a figure holds, for the process description: "number of enterprises where heavy_metal = true".
std::string figure_description(const catalog::SummaryFigure& f) {
  std::string where;
  for (const catalog::Condition& c : f.of.where) {
    where += (where.empty() ? " where " : " and ") + c.property + " = ";
    for (std::size_t i = 0; i < c.values.size(); ++i) where += (i ? " or " : "") + value_text(c.values[i]);
  }
  switch (f.kind) {
    case catalog::FigureKind::Count:
      return "number of " + f.of.layer + " features" + where;
    case catalog::FigureKind::CountBy:
      return "number of " + f.of.layer + " features" + where + " by " + f.by;
    case catalog::FigureKind::Area:
      return "area of " + f.of.layer + where + " (m² and mu)" + (f.by.empty() ? "" : ", total and by_" + f.by);
    case catalog::FigureKind::ClassTarget: {
      std::string order;
      for (const std::string& c : f.classes) order += (order.empty() ? "" : " < ") + c;
      return f.of.layer + where + " meeting or missing their " + f.target_property + " by " + f.class_property + " (" +
             order + ")";
    }
  }
  return "";
}

// The zones: the input 'zones', else the township layer; a polygon layer.
const store::Layer& zones_input(const RequestContext& ctx, const ProcessInputs& inputs) {
  const store::Layer* zones = inputs.optional_collection(ctx, "zones");
  if (!zones) {
    const std::string& id = ctx.snapshot->catalog.rules.township_layer;
    zones = ctx.find_layer(id.empty() ? "townships" : id);
    if (!zones) throw BadRequest("input 'zones' is required: there is no township collection");
  }
  if (zones->kind != store::GeometryKind::Polygon)
    throw BadRequest("input 'zones': collection '" + zones->config.id + "' is not a polygon layer");
  return *zones;
}

}  // namespace

void validate_zonal_summary(const RequestContext& ctx, const ProcessInputs& inputs) { zones_input(ctx, inputs); }

json describe_zonal_summary(const RequestContext& ctx) {
  const std::string& townships = ctx.snapshot->catalog.rules.township_layer;
  std::string description =
      "Figures per township (or per feature of any polygon collection), as rules.yaml configures them:";
  json properties = {{"id", {{"description", "the zone's feature id"}}},
                     {"name", {{"description", "the zone's name"}}}};
  for (const catalog::SummaryFigure& f : ctx.snapshot->catalog.rules.zonal_summary) {
    if (!ctx.find_layer(f.of.layer) && ctx.snapshot->find(f.of.layer)) continue;  // hidden from this caller
    description += " " + f.key + " (" + f.title + "): " + figure_description(f) + ";";
    properties[f.key] = {{"title", f.title},
                         {"description", figure_description(f) + "; null when the data has no " + f.of.layer}};
  }
  description.back() = '.';
  return {
      {"title", "Zonal summary"},
      {"description", description},
      {"keywords", {"summary", "township", "统计"}},
      {"inputs",
       {{"zones", input_description("Zones",
                                    "A polygon collection; default: " +
                                        (townships.empty() ? std::string("townships") : townships) + ".",
                                    collection_id_schema(ctx), false)}}},
      {"outputs",
       {{"result",
         {{"title", "Figures per zone"},
          {"schema",
           {{"type", "object"},
            {"contentMediaType", "application/json"},
            {"properties",
             {{"zones_collection", {{"type", "string"}}},
              {"zones", {{"type", "array"}, {"items", {{"type", "object"}, {"properties", properties}}}}}}}}}}}}},
  };
}

http::Response execute_zonal_summary(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format) {
  if (format == OutputFormat::Csv) throw BadRequest("zonal-summary answers in JSON only");
  const store::Snapshot& snapshot = *ctx.snapshot;
  const store::Layer* zones = &zones_input(ctx, inputs);
  json list = json::array();
  for (const analysis::ZoneFigures& z :
       analysis::zonal_summary(ctx.visible, *zones, snapshot.catalog.rules.zonal_summary))
    list.push_back(zone_json(ctx, *zones, z));
  return json_response(ctx, {{"zones_collection", zones->config.id}, {"zones", list}});
}

}  // namespace onemap::api
