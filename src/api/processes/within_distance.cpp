// Process within-distance: source features within a distance of a target feature ("which
// heavy-metal enterprises lie within 10 km of farmland?"), nearest target and distance each.
#include "analysis/within_distance.h"
#include "analysis/attributes.h"
#include "api/errors.h"
#include "api/processes/process_output.h"
#include "api/processes/processes.h"
#include "encode/csv_writer.h"
#include "encode/geojson_writer.h"
#include "encode/json_text.h"
#include "geo/geos_ops.h"

namespace onemap::api {
namespace {

using nlohmann::json;

// What the streamed rows read after the handler has returned: the snapshot keeps the layers.
struct Result {
  std::shared_ptr<const store::Snapshot> snapshot;
  const store::Layer* source;
  const store::Layer* target;
  std::vector<analysis::DistanceMatch> matches;
};

http::Payload geojson(std::shared_ptr<const Result> r) {
  const std::string count = std::to_string(r->matches.size());
  return row_stream(
      "{\"type\":\"FeatureCollection\",\"numberMatched\":" + count + ",\"numberReturned\":" + count + ",\"features\":[",
      r->matches.size(),
      [r](std::string& out, std::size_t n) {
        const analysis::DistanceMatch& m = r->matches[n];
        std::string extra = "\"distance_m\":";
        encode::append_json_number(extra, m.distance);
        extra += ",\"nearest_target_id\":" + feature_id_json(*r->target, m.target).dump();
        if (n) out.push_back(',');
        encode::append_geojson_feature(out, *r->source, m.source, r->source->lonlat_geometry(m.source), extra);
      },
      "]}");
}

http::Payload csv(std::shared_ptr<const Result> r) {
  std::vector<std::string> header = {"id"};
  for (const store::Field& f : r->source->fields) header.push_back(f.name);
  for (const char* column : {"distance_m", "nearest_target_id", "lon", "lat"}) header.push_back(column);
  std::string head(encode::kUtf8Bom);
  encode::append_csv_row(head, header);
  return row_stream(
      std::move(head), r->matches.size(),
      [r](std::string& out, std::size_t n) {
        const store::Layer& source = *r->source;
        const store::Layer& target = *r->target;
        const analysis::DistanceMatch& m = r->matches[n];
        encode::append_csv_field(out, source.feature_id(m.source));
        for (std::size_t f = 0; f < source.fields.size(); ++f)
          encode::append_csv_value(out += ',', source.value(m.source, f));
        geo::Coord at = geo::point_on_surface(source.lonlat_geometry(m.source));
        encode::append_csv_value(out += ',', m.distance);
        encode::append_csv_field(out += ',', target.feature_id(m.target));
        encode::append_csv_value(out += ',', at.x);
        encode::append_csv_value(out += ',', at.y);
        out += "\r\n";
      },
      "");
}

// The inputs read and checked.
struct Query {
  const store::Layer& source;
  analysis::ReachSpec reach;
  std::vector<catalog::Condition> source_filter;
};

Query read_query(const RequestContext& ctx, const ProcessInputs& inputs) {
  const store::Layer& source = inputs.collection(ctx, "source");
  const store::Layer& target = inputs.collection(ctx, "target");
  std::optional<double> distance = inputs.distance("distance");
  std::optional<catalog::DistanceSpec> by = inputs.distance_by("distance_by", target);
  if (distance.has_value() == by.has_value())
    throw BadRequest("give one of the inputs 'distance' (metres) and 'distance_by'");
  analysis::ReachSpec reach{target, inputs.filter("target_filter", target), by.value_or(catalog::DistanceSpec{})};
  if (distance) reach.distance.fixed = distance;
  return {source, std::move(reach), inputs.filter("source_filter", source)};
}

}  // namespace

void validate_within_distance(const RequestContext& ctx, const ProcessInputs& inputs) { read_query(ctx, inputs); }

json describe_within_distance(const RequestContext& ctx) {
  json collection = collection_id_schema(ctx);
  json scalar = {
      {"oneOf", json::array({json{{"type", "string"}}, json{{"type", "number"}}, json{{"type", "boolean"}}})}};
  json values = {{"oneOf", json::array({scalar, json{{"type", "array"}, {"items", scalar}}})}};
  json filter = {{"type", "object"},
                 {"additionalProperties", values},
                 {"description", "property → value, or → list of values (any of them)"}};
  json distance_by = {
      {"type", "object"},
      {"required", {"property", "values"}},
      {"properties",
       {{"property", {{"type", "string"}}},
        {"values",
         {{"type", "object"},
          {"additionalProperties", {{"type", "number"}, {"minimum", 0}, {"maximum", kMaxRequestDistance}}}}},
        {"default", {{"type", "number"}, {"minimum", 0}, {"maximum", kMaxRequestDistance}}}}}};
  return {
      {"title", "Features within a distance"},
      {"description",
       "Source features lying within a distance (in metres, exact, in the analysis CRS) of a target feature, each with "
       "its nearest such target and the distance to it, nearest first; as GeoJSON or as a CSV ledger (台账)."},
      {"keywords", {"distance", "screening", "台账"}},
      {"inputs",
       {{"source", input_description("Source collection", "The features to list, e.g. enterprises.", collection, true)},
        {"target",
         input_description("Target collection", "The features to measure to, e.g. farmland.", collection, true)},
        {"distance", input_description("Distance (m)", "Give this or distance_by.",
                                       {{"type", "number"}, {"minimum", 0}, {"maximum", kMaxRequestDistance}}, false)},
        {"distance_by", input_description("Distance by a target property",
                                          "Metres per value of a target property, e.g. terrain.", distance_by, false)},
        {"source_filter",
         input_description("Source filter", "Only source features with these property values.", filter, false)},
        {"target_filter",
         input_description("Target filter", "Only target features with these property values.", filter, false)},
        {"format", format_input()}}},
      {"outputs",
       {{"result",
         {{"title", "Matching source features"},
          {"schema",
           {{"oneOf", json::array({{{"type", "object"}, {"contentMediaType", "application/geo+json"}},
                                   {{"type", "string"}, {"contentMediaType", "text/csv"}}})}}}}}}},
  };
}

http::Response execute_within_distance(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format) {
  Query q = read_query(ctx, inputs);
  const store::Layer& source = q.source;
  const store::Layer& target = q.reach.layer;
  const analysis::ReachSpec& reach = q.reach;
  const std::vector<catalog::Condition>& source_filter = q.source_filter;

  std::vector<std::uint32_t> sources;
  for (std::uint32_t i = 0; i < source.feature_count(); ++i)
    if (analysis::matches(source, i, source_filter)) sources.push_back(i);
  auto result = std::make_shared<Result>(
      Result{ctx.snapshot, &source, &target, analysis::nearest_targets(source, sources, reach, &source == &target)});
  require_within_result_limit(ctx, "within-distance", result->matches.size(),
                              "narrow it with source_filter, target_filter or a shorter distance");

  if (format == OutputFormat::Csv)
    return csv_response(ctx, csv(result), "within-distance-" + source.config.id + ".csv");
  return make_response(ctx, geojson(result), "application/geo+json");
}

}  // namespace onemap::api
