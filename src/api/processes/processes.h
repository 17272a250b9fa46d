#pragma once
// OGC API – Processes: the processes OneMap offers. Each is a description (inputs and outputs
// with their JSON schemas), an execute function (run at once, or later as a job) and a check of
// its inputs; processes_routes.cpp serves
// /processes, /processes/{id} and POST /processes/{id}/execution from this table.
#include "api/processes/process_inputs.h"
#include "api/request_context.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace onemap::api {

enum class OutputFormat { Json, Csv };

struct ProcessDefinition {
  std::string id;
  nlohmann::json (*describe)(const RequestContext& ctx);  // title, description, inputs, outputs
  http::Response (*execute)(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
  // Reads the inputs as execute would, throwing what it would throw (a BadRequest), without
  // doing the work: an asynchronous job is checked before it is accepted.
  void (*validate)(const RequestContext& ctx, const ProcessInputs& inputs);
  std::set<std::string> inputs;  // every input name it takes
  bool offers_csv = false;
};

const std::vector<ProcessDefinition>& process_definitions();

nlohmann::json describe_within_distance(const RequestContext& ctx);
http::Response execute_within_distance(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
void validate_within_distance(const RequestContext& ctx, const ProcessInputs& inputs);
nlohmann::json describe_plot_restrictions(const RequestContext& ctx);
http::Response execute_plot_restrictions(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
void validate_plot_restrictions(const RequestContext& ctx, const ProcessInputs& inputs);
nlohmann::json describe_screening(const RequestContext& ctx);
http::Response execute_screening(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
void validate_screening(const RequestContext& ctx, const ProcessInputs& inputs);
nlohmann::json describe_zonal_summary(const RequestContext& ctx);
http::Response execute_zonal_summary(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
void validate_zonal_summary(const RequestContext& ctx, const ProcessInputs& inputs);

// Shared pieces of the descriptions.
nlohmann::json input_description(const std::string& title, const std::string& description, nlohmann::json schema,
                                 bool required);
// The ids of the collections the caller may see, as a JSON schema enum.
nlohmann::json collection_id_schema(const RequestContext& ctx);
nlohmann::json format_input();
// The rules a process applies, for clients to title them: [{id, title, severity, text, summary}].
// The rules the caller may see (their layers visible): a hidden layer's rules do not exist for them.
std::vector<const catalog::Rule*> visible_rules(const RequestContext& ctx);
nlohmann::json rule_list(const RequestContext& ctx);

// A checked execute request ({"inputs": …, "response": …}), kept by a job until it runs.
struct Execution {
  const ProcessDefinition* process = nullptr;
  nlohmann::json inputs = nlohmann::json::object();
  bool document = false;  // "response": "document": the result wrapped in a results document
  OutputFormat format = OutputFormat::Json;
};

// The body of an execute request as JSON: an object of inputs, outputs, response and subscriber
// (empty: {}), nested at most kMaxBodyDepth levels. Throws BadRequest.
inline constexpr int kMaxBodyDepth = 32;
nlohmann::json parse_execute_body(std::string_view text);

// Runs it: the response the synchronous call answers (routes.cpp).
http::Response run_execution(const RequestContext& ctx, const Execution& execution);
// Queues it as a job on the Api's registry (ctx.services.jobs): 201 with the status document (job_routes.cpp).
http::Response accept_job(const RequestContext& ctx, std::shared_ptr<const Execution> execution);

}  // namespace onemap::api
