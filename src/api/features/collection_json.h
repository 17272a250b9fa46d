#pragma once
#include "api/request_context.h"

#include <nlohmann/json.hpp>

namespace onemap::api {

// The collection description of /collections and /collections/{id}.
nlohmann::json collection_json(const RequestContext& ctx, const store::Layer& layer);

}  // namespace onemap::api
