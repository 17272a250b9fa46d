#pragma once
#include <nlohmann/json.hpp>

namespace onemap::api {

// The OpenAPI paths of OGC API – Processes (/processes, /processes/{processId},
// /processes/{processId}/execution, /jobs, /jobs/{jobId}, /jobs/{jobId}/results): schemas
// inline but a job's status (#/components/schemas/statusInfo, status_info_schema), errors via
// #/components/responses/Problem.
nlohmann::json processes_openapi_paths();
nlohmann::json status_info_schema();

}  // namespace onemap::api
