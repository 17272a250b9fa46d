#include "api/processes/openapi_processes.h"

#include "api/processes/processes.h"

namespace onemap::api {
namespace {

using nlohmann::json;

json problem() { return {{"$ref", "#/components/responses/Problem"}}; }

json link_array() { return {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/link"}}}}; }

json process_summary_schema() {
  json strings = {{"type", "array"}, {"items", {{"type", "string"}}}};
  return {{"type", "object"}, {"required", {"id", "version"}},
          {"properties", {{"id", {{"type", "string"}}}, {"title", {{"type", "string"}}}, {"description", {{"type", "string"}}},
                          {"version", {{"type", "string"}}}, {"keywords", strings}, {"jobControlOptions", strings},
                          {"outputTransmission", strings}, {"links", link_array()}}}};
}

json process_id_parameter() {
  json ids = json::array();
  for (const ProcessDefinition& p : process_definitions()) ids.push_back(p.id);
  return {{"name", "processId"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}, {"enum", ids}}}};
}

}  // namespace

json processes_openapi_paths() {
  json summary = process_summary_schema();
  json description = summary;
  description["properties"]["inputs"] = {{"type", "object"}, {"additionalProperties", true}};
  description["properties"]["outputs"] = {{"type", "object"}, {"additionalProperties", true}};
  json execute = {{"type", "object"},
                  {"properties", {{"inputs", {{"type", "object"}, {"additionalProperties", true}}},
                                  {"outputs", {{"type", "object"}, {"additionalProperties", true}}},
                                  {"response", {{"type", "string"}, {"enum", {"raw", "document"}}, {"default", "raw"}}}}}};
  json f = {{"name", "f"}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}, {"enum", {"json", "geojson", "csv"}}}},
            {"description", "Output format of the result; csv where the process offers it (within-distance, screening)."}};
  json any = {{"type", "object"}};
  json results = {{"description", "The result (raw), or {\"result\": …} with response=document."},
                  {"content", {{"application/geo+json", {{"schema", any}}}, {"application/json", {{"schema", any}}},
                               {"text/csv", {{"schema", {{"type", "string"}}}}}}}};
  auto body = [](const std::string& text, json schema) {
    return json{{"description", text}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
  };
  json paths;
  paths["/processes"] = {{"get", {{"summary", "The processes"}, {"operationId", "getProcesses"}, {"tags", {"Processes"}},
                                  {"responses", {{"200", body("The process list.", {{"type", "object"}, {"required", {"processes", "links"}},
                                                                                   {"properties", {{"processes", {{"type", "array"}, {"items", summary}}}, {"links", link_array()}}}})},
                                                 {"400", problem()}}}}}};
  paths["/processes/{processId}"] = {{"get", {{"summary", "A process: inputs, outputs"}, {"operationId", "getProcessDescription"},
                                              {"tags", {"Processes"}}, {"parameters", {process_id_parameter()}},
                                              {"responses", {{"200", body("The process description.", description)}, {"400", problem()}, {"404", problem()}}}}}};
  paths["/processes/{processId}/execution"] = {
      {"post", {{"summary", "Run a process (synchronously)"}, {"operationId", "execute"}, {"tags", {"Processes"}},
                {"parameters", {process_id_parameter(), f}},
                {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", execute}}}}}}},
                {"responses", {{"200", results}, {"400", problem()}, {"404", problem()}, {"405", problem()}}}}}};
  paths["/jobs/{jobId}"] = {{"get", {{"summary", "Job status (no jobs are kept: execution is synchronous)"}, {"operationId", "getStatus"},
                                     {"tags", {"Processes"}},
                                     {"parameters", {{{"name", "jobId"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}}},
                                     {"responses", {{"200", body("Never: no job exists.", any)}, {"404", problem()}}}}}};
  return paths;
}

}  // namespace onemap::api
