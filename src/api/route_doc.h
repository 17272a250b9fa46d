#pragma once
// What the OpenAPI document (/api) says of a route beyond its path and method, which the route
// itself gives (route_table.h): each entry of the route table carries one, and /api is written
// from the table alone (openapi.cpp).
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace onemap::api {

// Who may call a route (the document's `security` and `x-onemap-callers`).
enum class Callers {
  Anyone,          // every role, the public too; a role sees its own layers
  Key,             // an API key sent as a header (X-API-Key or Bearer); a URL token will not do
  Admin,           // the admin role, by its key or a URL token of that key
  AdminOrScraper,  // the admin role, or any caller from an address in server.metrics_allow
};

// What an operation is described for: the caller's visible layers and, for a route described
// once per collection, that collection.
struct DocScope {
  const store::Snapshot& snapshot;
  const std::vector<const store::Layer*>& layers;
  const store::Layer* collection = nullptr;
};

// Whether a route's path is described once, or once for each collection the caller sees, with
// "{collectionId}" replaced by its id, as OGC API clients expect.
enum class Described { Once, PerCollection };

struct RouteDoc {
  std::string_view operation_id;  // per collection: "{operation_id}_{collection id}"
  std::string_view summary;       // per collection: "{collection title}: {summary}"
  std::string_view tag;           // one of the document's tags (openapi.cpp)
  // The rest of the operation: description, parameters (the path's too), request body and the
  // responses with their media types. Null: the route has no operation of its own (see Route).
  nlohmann::json (*operation)(const DocScope& scope) = nullptr;
  Callers callers = Callers::Anyone;
  Described described = Described::Once;
};

}  // namespace onemap::api
