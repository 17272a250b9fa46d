#pragma once
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

namespace onemap::api {

// The query parameters of a township selection (township, clip), shared by items and downloads.
nlohmann::json township_parameters();

// The OpenAPI paths of downloads: /download/{collectionId}.{format} per collection, with the
// features API's filters. Operations tagged "Downloads"; errors via #/components/responses/Problem.
nlohmann::json downloads_openapi_paths(const std::vector<const store::Layer*>& layers);

}  // namespace onemap::api
