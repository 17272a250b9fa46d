// The OpenAPI operations of OGC API – Processes: the process list, a description, execution
// (at once or as a job), and the jobs (list, status, dismissal, results).
#include "api/openapi_operations.h"
#include "api/processes/processes.h"

namespace onemap::api::doc {
namespace {

json link_array() { return {{"type", "array"}, {"items", ref("schemas/link")}}; }

json process_summary_schema() {
  json strings = {{"type", "array"}, {"items", {{"type", "string"}}}};
  return {{"type", "object"},
          {"required", {"id", "version"}},
          {"properties",
           {{"id", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"description", {{"type", "string"}}},
            {"version", {{"type", "string"}}},
            {"keywords", strings},
            {"jobControlOptions", strings},
            {"outputTransmission", strings},
            {"links", link_array()}}}};
}

json process_id_parameter() {
  json ids = json::array();
  for (const ProcessDefinition& p : process_definitions()) ids.push_back(p.id);
  return {{"name", "processId"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}, {"enum", ids}}}};
}

json json_body(const std::string& text, const json& schema) { return body(text, schema); }

// A process's result: raw (GeoJSON, JSON or CSV), or {"result": …} with response=document.
json results(const std::string& description) {
  json any = {{"type", "object"}};
  return {{"description", description},
          {"content",
           {{"application/geo+json", {{"schema", any}}},
            {"application/json", {{"schema", any}}},
            {"text/csv", {{"schema", {{"type", "string"}}}}}}}};
}

json job_id() { return path_parameter("jobId", "The job's id (the Location of the 201)."); }

// An anonymous caller's proof that a job is its own, in either form.
json job_token_parameters() {
  const std::string text =
      "An anonymous caller's job token (X-OneMap-Job-Token of the 201; the links given carry it as job_token): "
      "without it an anonymous caller sees no job. A key's jobs need none.";
  json header = {{"name", "X-OneMap-Job-Token"},
                 {"in", "header"},
                 {"required", false},
                 {"schema", {{"type", "string"}}},
                 {"description", text}};
  return json::array({header, query_parameter("job_token", text, {{"type", "string"}})});
}

json job_parameters() {
  json params = json::array({job_id()});
  for (const json& p : job_token_parameters()) params.push_back(p);
  return params;
}

json status() { return ref("schemas/statusInfo"); }

}  // namespace

json status_info_schema() {
  json time = {{"type", "string"}, {"format", "date-time"}};
  return {{"type", "object"},
          {"required", {"jobID", "type", "status"}},
          {"properties",
           {{"jobID", {{"type", "string"}}},
            {"processID", {{"type", "string"}}},
            {"type", {{"type", "string"}, {"enum", {"process"}}}},
            {"status", {{"type", "string"}, {"enum", {"accepted", "running", "successful", "failed", "dismissed"}}}},
            {"message", {{"type", "string"}}},
            {"created", time},
            {"started", time},
            {"finished", time},
            {"updated", time},
            {"progress", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
            {"dataVersion", {{"type", "integer"}, {"description", "the data version the job computes on"}}},
            {"exception", {{"type", "object"}, {"description", "a failed job's error: type, title, status, detail"}}},
            {"links", link_array()}}}};
}

json processes(const DocScope&) {
  json list = {{"type", "object"},
               {"required", {"processes", "links"}},
               {"properties",
                {{"processes", {{"type", "array"}, {"items", process_summary_schema()}}}, {"links", link_array()}}}};
  return {{"responses", {{"200", json_body("The process list.", list)}, {"400", problem()}}}};
}

json process_description(const DocScope&) {
  json description = process_summary_schema();
  description["properties"]["inputs"] = {{"type", "object"}, {"additionalProperties", true}};
  description["properties"]["outputs"] = {{"type", "object"}, {"additionalProperties", true}};
  return {{"parameters", {process_id_parameter()}},
          {"responses",
           {{"200", json_body("The process description.", description)}, {"400", problem()}, {"404", problem()}}}};
}

json process_execution(const DocScope&) {
  json execute = {{"type", "object"},
                  {"properties",
                   {{"inputs", {{"type", "object"}, {"additionalProperties", true}}},
                    {"outputs", {{"type", "object"}, {"additionalProperties", true}}},
                    {"response", {{"type", "string"}, {"enum", {"raw", "document"}}, {"default", "raw"}}}}}};
  json f =
      query_parameter("f", "Output format of the result; csv where the process offers it (within-distance, screening).",
                      {{"type", "string"}, {"enum", {"json", "geojson", "csv"}}});
  json prefer = {
      {"name", "Prefer"},
      {"in", "header"},
      {"required", false},
      {"schema", {{"type", "string"}, {"enum", {"respond-async"}}}},
      {"description", "respond-async: run as a job; the answer is 201 with the job's status and its Location."}};
  json accepted = json_body("The job was accepted (Prefer: respond-async); Location names it.", status());
  accepted["headers"] = {
      {"Location",
       {{"description", "The job's status URL (for an anonymous caller, with its job_token)."},
        {"schema", {{"type", "string"}}}}},
      {"X-OneMap-Job-Token",
       {{"description",
         "Anonymous callers only: the job's token, which only this caller learns; present it to see, fetch or "
         "dismiss the job."},
        {"schema", {{"type", "string"}}}}}};
  return {{"description",
           "A job is seen only by the API key that submitted it (and admin), or, submitted anonymously, by whoever "
           "presents the job token of the 201. 403: server.anonymous_async is false and the caller sent no key; "
           "429 (Retry-After): the caller keeps server.max_jobs_per_owner jobs already (anonymous callers: per "
           "client address); 503 (Retry-After): the queue or server.max_jobs is full."},
          {"parameters", {process_id_parameter(), f, prefer}},
          {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", execute}}}}}}},
          {"responses",
           {{"200", results("The result (raw), or {\"result\": …} with response=document.")},
            {"201", accepted},
            {"400", problem()},
            {"403", problem()},
            {"404", problem()},
            {"405", problem()},
            {"429", problem()},
            {"503", problem()}}}};
}

json job_list(const DocScope&) {
  json count = {{"type", "integer"}, {"minimum", 0}};
  json params = json::array({query_parameter("limit", "Jobs per page.",
                                             {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 10}}),
                             query_parameter("offset", "Jobs to skip (paging).", count)});
  for (const json& p : job_token_parameters()) params.push_back(p);
  json page = {{"type", "object"},
               {"required", {"jobs", "links"}},
               {"properties",
                {{"jobs", {{"type", "array"}, {"items", status()}}},
                 {"numberMatched", count},
                 {"numberReturned", count},
                 {"links", link_array()}}}};
  return {
      {"parameters", params},
      {"responses", {{"200", json_body("A page of the job list, with next/prev links.", page)}, {"400", problem()}}}};
}

json job_status(const DocScope&) {
  return {{"parameters", job_parameters()},
          {"responses", {{"200", json_body("The job's status.", status())}, {"404", problem()}}}};
}

json job_dismiss(const DocScope&) {
  return {{"parameters", job_parameters()},
          {"responses", {{"200", json_body("The job's status: dismissed.", status())}, {"404", problem()}}}};
}

json job_results(const DocScope&) {
  json params = job_parameters();
  params.push_back(
      {{"name", "If-None-Match"}, {"in", "header"}, {"required", false}, {"schema", {{"type", "string"}}}});
  return {{"parameters", params},
          {"responses",
           {{"200", results("The job's result: the very bytes the synchronous execution answers (strong ETag).")},
            {"304", {{"description", "The result is unchanged since the ETag given."}}},
            {"404", problem()},
            {"500", problem()},
            {"503", problem()}}}};
}

}  // namespace onemap::api::doc
