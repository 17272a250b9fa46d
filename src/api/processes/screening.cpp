// Process screening: every rule across the whole city, every feature in breach, as GeoJSON or
// as the environment bureau's CSV ledger.
#include "analysis/screening.h"
#include "api/errors.h"
#include "api/processes/process_output.h"
#include "api/processes/processes.h"
#include "encode/csv_writer.h"
#include "encode/geojson_writer.h"
#include "geo/geos_ops.h"
#include "util/parallel.h"

namespace onemap::api {
namespace {

using nlohmann::json;

// The rules asked for, among those the caller may see (a hidden layer's rule is unknown to them).
std::vector<const catalog::Rule*> chosen_rules(const RequestContext& ctx, const ProcessInputs& inputs) {
  const std::vector<const catalog::Rule*> visible = visible_rules(ctx);
  const json* ids = inputs.get("rules");
  if (!ids) return visible;
  std::vector<const catalog::Rule*> out;
  if (!ids->is_array() || ids->empty())
    throw BadRequest("input 'rules' must be a non-empty list of rule ids, like [\"R1\", \"R9\"]");
  for (const json& id : *ids) {
    const auto found = std::find_if(visible.begin(), visible.end(), [&](const catalog::Rule* r) {
      return id.is_string() && r->id == id.get<std::string>();
    });
    const catalog::Rule* rule = found == visible.end() ? nullptr : *found;
    if (!rule) {
      std::string list;
      for (const catalog::Rule* r : visible) list += (list.empty() ? "" : ", ") + r->id;
      throw BadRequest("input 'rules': unknown rule " + id.dump().substr(0, 60) + " (rules: " + list + ")");
    }
    out.push_back(rule);
  }
  return out;
}

std::string cell(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string csv(const std::vector<analysis::Finding>& findings) {
  static const std::vector<std::string> columns = {"rule",       "title",       "severity",   "layer",
                                                   "feature_id", "name",        "relation",   "target_layer",
                                                   "target_id",  "target_name", "distance_m", "overlap_m2"};
  std::vector<std::string> header = columns;
  for (const char* c : {"lon", "lat", "text"}) header.push_back(c);
  std::string out;
  encode::append_csv_row(out, header);
  for (const analysis::Finding& f : findings) {
    json j = finding_json(f, false);
    std::vector<std::string> row;
    for (const std::string& c : columns) row.push_back(cell(j[c]));
    geo::Coord at = geo::point_on_surface(f.source.layer->lonlat_geometry(f.source.index));
    row.push_back(cell(json(at.x)));
    row.push_back(cell(json(at.y)));
    row.push_back(f.rule->text);
    encode::append_csv_row(out, row);
  }
  return out;
}

// Written in blocks of features on every core the sweep has, each block's text its own, then
// joined in order: tens of thousands of findings take longer to write than to find.
std::string geojson(const std::vector<analysis::Finding>& findings) {
  constexpr std::size_t kBlock = 512;
  const std::size_t blocks = (findings.size() + kBlock - 1) / kBlock;
  std::vector<std::string> parts(blocks);
  util::parallel_sweep(blocks, util::sweep_threads(blocks), [&](unsigned) {
    return [&, properties = FindingText(false)](std::size_t b) mutable {
      std::string& out = parts[b];
      const std::size_t end = std::min(findings.size(), (b + 1) * kBlock);
      for (std::size_t n = b * kBlock; n < end; ++n) {
        const analysis::Finding& f = findings[n];
        if (n) out.push_back(',');
        out += "{\"type\":\"Feature\",\"id\":" + std::to_string(n + 1) + ",\"geometry\":";
        encode::append_geojson_geometry(out, f.source.layer->lonlat_geometry(f.source.index));
        out += ",\"properties\":";
        properties.append(out, f);
        out += "}";
      }
    };
  });
  std::string out = "{\"type\":\"FeatureCollection\",\"numberMatched\":" + std::to_string(findings.size()) +
                    ",\"numberReturned\":" + std::to_string(findings.size()) + ",\"features\":[";
  std::size_t size = out.size() + 2;
  for (const std::string& part : parts) size += part.size();
  out.reserve(size);
  for (const std::string& part : parts) out += part;
  return out + "]}";
}

}  // namespace

json describe_screening(const RequestContext& ctx) {
  json ids = json::array();
  for (const catalog::Rule* r : visible_rules(ctx)) ids.push_back(r->id);
  return {
      {"title", "Citywide screening"},
      {"description",
       "Every rule of the plans against every feature of the city: each feature in breach with the rule, its "
       "severity, the target it is in breach with and the distance or overlap. GeoJSON (geometry: the feature "
       "in breach) or a CSV ledger (台账)."},
      {"keywords", {"screening", "排查", "台账"}},
      {"x-onemap-rules", rule_list(ctx)},
      {"inputs",
       {{"rules", input_description("Rules", "Rule ids to run; default: all.",
                                    {{"type", "array"}, {"items", {{"type", "string"}, {"enum", ids}}}}, false)},
        {"format", format_input()}}},
      {"outputs",
       {{"result",
         {{"title", "Violations"},
          {"schema",
           {{"oneOf", json::array({{{"type", "object"}, {"contentMediaType", "application/geo+json"}},
                                   {{"type", "string"}, {"contentMediaType", "text/csv"}}})}}}}}}},
  };
}

void validate_screening(const RequestContext& ctx, const ProcessInputs& inputs) { chosen_rules(ctx, inputs); }

http::Response execute_screening(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format) {
  std::vector<analysis::Finding> findings = analysis::screen(ctx.visible, chosen_rules(ctx, inputs));
  require_within_result_limit(ctx, "screening", findings.size(),
                              "run fewer rules at once (input 'rules', e.g. [\"R1\"])");
  if (format == OutputFormat::Csv)
    return csv_response(ctx, std::string(encode::kUtf8Bom) + csv(findings), "screening.csv");
  return make_response(ctx, geojson(findings), "application/geo+json");
}

}  // namespace onemap::api
