// OGC API – Processes Part 1 (core, OGC process description, JSON): the process list, each
// process's description, and execution: synchronous, or (Prefer: respond-async) as a job
// (job_routes.cpp).
#include "api/routes.h"
#include "api/errors.h"
#include "api/processes/process_output.h"
#include "api/processes/processes.h"
#include "api/route_table.h"

namespace onemap::api {
namespace {

using nlohmann::json;

const char* const kExecuteRel = "http://www.opengis.net/def/rel/ogc/1.0/execute";
const char* const kExceptions = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

const ProcessDefinition& find_process(const std::string& id) {
  for (const ProcessDefinition& p : process_definitions())
    if (p.id == id) return p;
  throw NotFound("no process '" + id.substr(0, 100) + "'; GET /processes lists them")
      .with_type(std::string(kExceptions) + "no-such-process");
}

json summary(const RequestContext& ctx, const ProcessDefinition& p, bool full) {
  json d = p.describe(ctx);
  std::string url = ctx.base_url + "/processes/" + p.id;
  json out = {{"id", p.id},
              {"title", d["title"]},
              {"description", d["description"]},
              {"version", "1.0.0"},
              {"keywords", d["keywords"]},
              {"jobControlOptions", {"sync-execute", "async-execute", "dismiss"}},
              {"outputTransmission", {"value"}}};
  out["links"] = json::array({make_link(url, full ? "self" : "http://www.opengis.net/def/rel/ogc/1.0/process-desc",
                                        "application/json", "process description"),
                              make_link(url + "/execution", kExecuteRel, "application/json", "execute (POST)")});
  if (full) {
    out["inputs"] = d["inputs"];
    out["outputs"] = d["outputs"];
    if (d.contains("x-onemap-rules")) out["x-onemap-rules"] = d["x-onemap-rules"];
  }
  return out;
}

OutputFormat output_format(const RequestContext& ctx, const ProcessDefinition& p, const ProcessInputs& inputs) {
  std::optional<std::string> from_input = inputs.string("format");
  const std::string* from_query = ctx.param("f");
  auto parse = [&](const std::string& text, const std::string& where) {
    if (text == "json" || text == "geojson") return OutputFormat::Json;
    if (text == "csv" && p.offers_csv) return OutputFormat::Csv;
    throw BadRequest(where + "=" + text.substr(0, 40) + " is not offered by " + p.id + "; use " +
                     (p.offers_csv ? "geojson or csv" : "json"));
  };
  std::optional<OutputFormat> a, b;
  if (from_input) a = parse(*from_input, "input format");
  if (from_query) b = parse(*from_query, "f");
  if (a && b && *a != *b) throw BadRequest("the query parameter f and the input 'format' disagree");
  return a.value_or(b.value_or(OutputFormat::Json));
}

}  // namespace

json input_description(const std::string& title, const std::string& description, json schema, bool required) {
  return {{"title", title},
          {"description", description},
          {"schema", std::move(schema)},
          {"minOccurs", required ? 1 : 0},
          {"maxOccurs", 1}};
}

json collection_id_schema(const RequestContext& ctx) {
  json ids = json::array();
  for (const store::Layer* layer : ctx.layers()) ids.push_back(layer->config.id);
  return {{"type", "string"}, {"enum", ids}};
}

std::vector<const catalog::Rule*> visible_rules(const RequestContext& ctx) {
  std::vector<const catalog::Rule*> out;
  for (const catalog::Rule& r : ctx.snapshot->catalog.rules.rules)
    if (ctx.visible.sees(r)) out.push_back(&r);
  return out;
}

json rule_list(const RequestContext& ctx) {
  json list = json::array();
  for (const catalog::Rule* r : visible_rules(ctx))
    list.push_back({{"id", r->id},
                    {"title", r->title},
                    {"severity", r->severity_by ? "by target" : catalog::to_string(r->severity)},
                    {"text", r->text},
                    {"summary", r->summary}});
  return list;
}

json format_input() {
  return input_description(
      "Output format", "geojson (default) or csv (UTF-8 with BOM, for Excel); the query parameter f=csv does the same.",
      {{"type", "string"}, {"enum", {"geojson", "csv"}}, {"default", "geojson"}}, false);
}

const std::vector<ProcessDefinition>& process_definitions() {
  static const std::vector<ProcessDefinition> list = {
      {"within-distance",
       describe_within_distance,
       execute_within_distance,
       validate_within_distance,
       {"source", "target", "distance", "distance_by", "source_filter", "target_filter", "format"},
       true},
      {"plot-restrictions",
       describe_plot_restrictions,
       execute_plot_restrictions,
       validate_plot_restrictions,
       {"geometry", "crs", "collection", "feature_id", "planned_use"},
       false},
      {"screening", describe_screening, execute_screening, validate_screening, {"rules", "format"}, true},
      {"zonal-summary", describe_zonal_summary, execute_zonal_summary, validate_zonal_summary, {"zones"}, false},
  };
  return list;
}

json parse_execute_body(std::string_view text) {
  // Nesting is refused while parsing: a body of a million brackets would otherwise reach
  // nlohmann's recursive dump (an input shown in a message) or copy, and overflow the stack.
  const json::parser_callback_t depth_limit = [](int depth, json::parse_event_t event, json&) {
    if (depth >= kMaxBodyDepth &&
        (event == json::parse_event_t::object_start || event == json::parse_event_t::array_start))
      throw BadRequest("the request body nests deeper than " + std::to_string(kMaxBodyDepth) + " levels");
    return true;
  };
  json body;
  try {
    body = json::parse(text.empty() ? std::string_view("{}") : text, depth_limit);
  } catch (const json::exception& e) {  // a syntax error, or a number too large for a double (out_of_range)
    throw BadRequest(std::string("the request body is not valid JSON: ") + e.what());
  }
  if (!body.is_object()) throw BadRequest("the request body must be a JSON object: {\"inputs\": {…}}");
  for (const auto& [key, value] : body.items())
    if (key != "inputs" && key != "outputs" && key != "response" && key != "subscriber")
      throw BadRequest("unknown member '" + key + "' in the execute request; it takes inputs, outputs, response");
  return body;
}

http::Response processes(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  json list = json::array();
  for (const ProcessDefinition& p : process_definitions()) list.push_back(summary(ctx, p, false));
  return json_response(
      ctx,
      {{"processes", list},
       {"links", json::array({make_link(ctx.base_url + "/processes", "self", "application/json", "the processes")})}});
}

http::Response process_description(const RequestContext& ctx, const std::string& id) {
  const ProcessDefinition& p = find_process(id);
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  return json_response(ctx, summary(ctx, p, true));
}

http::Response process_execution(const RequestContext& ctx, const std::string& id) {
  const ProcessDefinition& p = find_process(id);
  reject_unknown_params(ctx.target.params, {"f"});
  json body = parse_execute_body(ctx.request.body());
  std::string response = "raw";
  if (body.contains("response")) response = body["response"].is_string() ? body["response"].get<std::string>() : "";
  if (response != "raw" && response != "document") throw BadRequest("'response' must be \"raw\" or \"document\"");
  auto execution = std::make_shared<Execution>();
  execution->process = &p;
  if (body.contains("inputs")) execution->inputs = std::move(body["inputs"]);
  execution->document = response == "document";
  ProcessInputs inputs(execution->inputs, p.inputs);
  execution->format = output_format(ctx, p, inputs);
  if (!prefers_async(ctx.request)) return run_execution(ctx, *execution);
  // A bad input is a 400 now, not a failed job later.
  p.validate(ctx, inputs);
  return accept_job(ctx, std::move(execution));
}

http::Response run_execution(const RequestContext& ctx, const Execution& execution) {
  ProcessInputs inputs(execution.inputs, execution.process->inputs);
  http::Response result = execution.process->execute(ctx, inputs, execution.format);
  if (!execution.document) return result;
  // A results document: the one output, "result", by value.
  std::string type(result[http::beast_http::field::content_type]);
  // The raw result is wrapped, not parsed again: a streamed result stays streamed.
  if (type.find("json") != std::string::npos) {
    return make_response(ctx, framed("{\"result\":", std::move(result.body()), "}"), "application/json");
  }
  return json_response(ctx, {{"result", {{"value", result.body().read_all()}, {"mediaType", type}}}});
}

}  // namespace onemap::api
