#include "api/processes/openapi_processes.h"

#include "api/processes/processes.h"

namespace onemap::api {
namespace {

using nlohmann::json;

json problem() { return {{"$ref", "#/components/responses/Problem"}}; }

json link_array() { return {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/link"}}}}; }

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

json processes_openapi_paths() {
  json summary = process_summary_schema();
  json description = summary;
  description["properties"]["inputs"] = {{"type", "object"}, {"additionalProperties", true}};
  description["properties"]["outputs"] = {{"type", "object"}, {"additionalProperties", true}};
  json execute = {{"type", "object"},
                  {"properties",
                   {{"inputs", {{"type", "object"}, {"additionalProperties", true}}},
                    {"outputs", {{"type", "object"}, {"additionalProperties", true}}},
                    {"response", {{"type", "string"}, {"enum", {"raw", "document"}}, {"default", "raw"}}}}}};
  json f = {
      {"name", "f"},
      {"in", "query"},
      {"required", false},
      {"schema", {{"type", "string"}, {"enum", {"json", "geojson", "csv"}}}},
      {"description", "Output format of the result; csv where the process offers it (within-distance, screening)."}};
  json any = {{"type", "object"}};
  json results = {{"description", "The result (raw), or {\"result\": …} with response=document."},
                  {"content",
                   {{"application/geo+json", {{"schema", any}}},
                    {"application/json", {{"schema", any}}},
                    {"text/csv", {{"schema", {{"type", "string"}}}}}}}};
  auto body = [](const std::string& text, json schema) {
    return json{{"description", text}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
  };
  json paths;
  paths["/processes"] = {
      {"get",
       {{"summary", "The processes"},
        {"operationId", "getProcesses"},
        {"tags", {"Processes"}},
        {"responses",
         {{"200",
           body("The process list.",
                {{"type", "object"},
                 {"required", {"processes", "links"}},
                 {"properties", {{"processes", {{"type", "array"}, {"items", summary}}}, {"links", link_array()}}}})},
          {"400", problem()}}}}}};
  paths["/processes/{processId}"] = {
      {"get",
       {{"summary", "A process: inputs, outputs"},
        {"operationId", "getProcessDescription"},
        {"tags", {"Processes"}},
        {"parameters", {process_id_parameter()}},
        {"responses",
         {{"200", body("The process description.", description)}, {"400", problem()}, {"404", problem()}}}}}};
  json prefer = {
      {"name", "Prefer"},
      {"in", "header"},
      {"required", false},
      {"schema", {{"type", "string"}, {"enum", {"respond-async"}}}},
      {"description", "respond-async: run as a job; the answer is 201 with the job's status and its Location."}};
  json accepted = body("The job was accepted (Prefer: respond-async); Location names it.",
                       {{"$ref", "#/components/schemas/statusInfo"}});
  accepted["headers"] = {
      {"Location",
       {{"description", "The job's status URL (for an anonymous caller, with its job_token)."},
        {"schema", {{"type", "string"}}}}},
      {"X-OneMap-Job-Token",
       {{"description",
         "Anonymous callers only: the job's token, which only this caller learns; present it to see, fetch or "
         "dismiss the job."},
        {"schema", {{"type", "string"}}}}}};
  paths["/processes/{processId}/execution"] = {
      {"post",
       {{"summary", "Run a process: at once, or as a job (Prefer: respond-async)"},
        {"description",
         "A job is seen only by the API key that submitted it (and admin), or, submitted anonymously, by whoever "
         "presents the job token of the 201. 403: server.anonymous_async is false and the caller sent no key; "
         "429 (Retry-After): the caller keeps server.max_jobs_per_owner jobs already (anonymous callers: per "
         "client address); 503 (Retry-After): the queue or server.max_jobs is full."},
        {"operationId", "execute"},
        {"tags", {"Processes"}},
        {"parameters", {process_id_parameter(), f, prefer}},
        {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", execute}}}}}}},
        {"responses",
         {{"200", results},
          {"201", accepted},
          {"400", problem()},
          {"403", problem()},
          {"404", problem()},
          {"405", problem()},
          {"429", problem()},
          {"503", problem()}}}}}};
  json job_id = {{"name", "jobId"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
  // An anonymous caller's proof that a job is its own, in either form.
  const std::string token_text =
      "An anonymous caller's job token (X-OneMap-Job-Token of the 201; the links given carry it as job_token): "
      "without it an anonymous caller sees no job. A key's jobs need none.";
  json token_header = {{"name", "X-OneMap-Job-Token"},
                       {"in", "header"},
                       {"required", false},
                       {"schema", {{"type", "string"}}},
                       {"description", token_text}};
  json token_param = {{"name", "job_token"},
                      {"in", "query"},
                      {"required", false},
                      {"schema", {{"type", "string"}}},
                      {"description", token_text}};
  json status = {{"$ref", "#/components/schemas/statusInfo"}};
  json count = {{"type", "integer"}, {"minimum", 0}};
  paths["/jobs"] = {{"get",
                     {{"summary", "The caller's jobs (admin: everyone's), newest first"},
                      {"operationId", "getJobs"},
                      {"tags", {"Processes"}},
                      {"parameters",
                       {{{"name", "limit"},
                         {"in", "query"},
                         {"required", false},
                         {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 10}}}},
                        {{"name", "offset"}, {"in", "query"}, {"required", false}, {"schema", count}},
                        token_header,
                        token_param}},
                      {"responses",
                       {{"200", body("A page of the job list, with next/prev links.",
                                     {{"type", "object"},
                                      {"required", {"jobs", "links"}},
                                      {"properties",
                                       {{"jobs", {{"type", "array"}, {"items", status}}},
                                        {"numberMatched", count},
                                        {"numberReturned", count},
                                        {"links", link_array()}}}})},
                        {"400", problem()}}}}}};
  paths["/jobs/{jobId}"] = {
      {"get",
       {{"summary", "A job's status and progress"},
        {"operationId", "getStatus"},
        {"tags", {"Processes"}},
        {"parameters", {job_id, token_header, token_param}},
        {"responses", {{"200", body("The job's status.", status)}, {"404", problem()}}}}},
      {"delete",
       {{"summary", "Dismiss a job: a queued job never runs, a running one stops; its results are removed"},
        {"operationId", "dismiss"},
        {"tags", {"Processes"}},
        {"parameters", {job_id, token_header, token_param}},
        {"responses", {{"200", body("The job's status: dismissed.", status)}, {"404", problem()}}}}}};
  json job_results = results;
  job_results["description"] = "The job's result: the very bytes the synchronous execution answers (strong ETag).";
  paths["/jobs/{jobId}/results"] = {
      {"get",
       {{"summary", "A successful job's result"},
        {"operationId", "getResult"},
        {"tags", {"Processes"}},
        {"parameters",
         {job_id,
          token_header,
          token_param,
          {{"name", "If-None-Match"}, {"in", "header"}, {"required", false}, {"schema", {{"type", "string"}}}}}},
        {"responses",
         {{"200", job_results},
          {"304", {{"description", "The result is unchanged since the ETag given."}}},
          {"404", problem()},
          {"500", problem()},
          {"503", problem()}}}}}};
  return paths;
}

}  // namespace onemap::api
