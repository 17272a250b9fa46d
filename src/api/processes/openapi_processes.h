#pragma once
#include <nlohmann/json.hpp>

namespace onemap::api {

// The OpenAPI paths of OGC API – Processes (/processes, /processes/{processId},
// /processes/{processId}/execution, /jobs/{jobId}), self-contained: schemas inline, errors via
// #/components/responses/Problem.
nlohmann::json processes_openapi_paths();

}  // namespace onemap::api
