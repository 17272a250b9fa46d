#pragma once
// OGC API – Processes: the processes OneMap offers. Each is a description (inputs and outputs
// with their JSON schemas) and a synchronous execute function; processes_routes.cpp serves
// /processes, /processes/{id} and POST /processes/{id}/execution from this table.
#include "api/processes/process_inputs.h"
#include "api/request_context.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace onemap::api {

enum class OutputFormat { Json, Csv };

struct ProcessDefinition {
  std::string id;
  nlohmann::json (*describe)(const RequestContext& ctx);  // title, description, inputs, outputs
  http::Response (*execute)(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
  std::set<std::string> inputs;  // every input name it takes
  bool offers_csv = false;
};

const std::vector<ProcessDefinition>& process_definitions();

nlohmann::json describe_within_distance(const RequestContext& ctx);
http::Response execute_within_distance(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
nlohmann::json describe_plot_restrictions(const RequestContext& ctx);
http::Response execute_plot_restrictions(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
nlohmann::json describe_screening(const RequestContext& ctx);
http::Response execute_screening(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);
nlohmann::json describe_zonal_summary(const RequestContext& ctx);
http::Response execute_zonal_summary(const RequestContext& ctx, const ProcessInputs& inputs, OutputFormat format);

// Shared pieces of the descriptions.
nlohmann::json input_description(const std::string& title, const std::string& description, nlohmann::json schema,
                                 bool required);
nlohmann::json collection_id_schema(const store::Snapshot& snapshot);
nlohmann::json format_input();

}  // namespace onemap::api
