// The inputs of an execute request, read and checked as POST /processes/{id}/execution does
// before any work starts (api/processes/process_inputs and each process's validate, the check
// an asynchronous job gets before it is accepted). The first byte picks the process
// (within-distance, plot-restrictions, screening, zonal-summary); the rest is the request body,
// {"inputs": {…}}, read as the route reads it (api::parse_execute_body).
#include "api/errors.h"
#include "api/processes/processes.h"
#include "fuzz_city.h"

using namespace onemap;

ONEMAP_FUZZ_LOAD_CITY_FIRST

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& processes = api::process_definitions();
  const api::ProcessDefinition& process = processes[data[0] % processes.size()];
  try {
    fuzz::with_context("/processes/" + process.id + "/execution", [&](const api::RequestContext& ctx) {
      nlohmann::json body = api::parse_execute_body(fuzz::as_text(data + 1, size - 1));
      nlohmann::json inputs = body.is_object() && body.contains("inputs") ? body["inputs"] : nlohmann::json::object();
      api::ProcessInputs checked(inputs, process.inputs);
      process.validate(ctx, checked);
    });
  } catch (const api::ApiError& e) {
    if (e.status() != 400) fuzz::fail("status " + std::to_string(e.status()) + ": " + e.what());
  }
  return 0;
}
