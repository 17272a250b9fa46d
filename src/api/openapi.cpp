// The OpenAPI 3.0 document of /api, written from the route table alone: a path per route (its
// pattern's spelling; per collection the caller sees where the route says so), the operation
// its entry describes, who may call it, and the route's name (`x-onemap-route`, as in the log).
#include "api/openapi.h"

#include "api/errors.h"
#include "api/openapi_operations.h"
#include "api/routes.h"
#include "util/text.h"

namespace onemap::api {
namespace {

using nlohmann::json;

constexpr std::string_view kCollectionId = "{collectionId}";

// Who may call, as OpenAPI's security requirements ({} = anonymous) and the roles by name.
void add_callers(json& op, Callers callers, const catalog::Access& access) {
  const json api_key = {{"apiKey", json::array()}}, bearer = {{"bearer", json::array()}},
             url_token = {{"urlToken", json::array()}}, anonymous = json::object();
  json roles = json::array();
  for (const std::string& role : access.roles)
    if (callers == Callers::Anyone || (callers == Callers::Key && role != catalog::kPublicRole) ||
        role == catalog::kAdminRole)
      roles.push_back(role);
  switch (callers) {
    case Callers::Anyone:
      op["security"] = {anonymous, api_key, bearer, url_token};
      break;
    case Callers::Key:
      op["security"] = {api_key, bearer};
      break;
    case Callers::Admin:
      op["security"] = {api_key, bearer, url_token};
      break;
    case Callers::AdminOrScraper:
      op["security"] = {anonymous, api_key, bearer, url_token};
      op["x-onemap-addresses"] = "server.metrics_allow: any caller from these addresses, whatever its role";
      break;
  }
  op["x-onemap-roles"] = roles;
}

json operation(const Route& route, const DocScope& scope) {
  const RouteDoc& doc = route.doc;
  json op = doc.operation(scope);
  std::string id(doc.operation_id), summary(doc.summary);
  if (scope.collection) {
    id += "_" + scope.collection->config.id;
    summary = scope.collection->config.title + ": " + summary;
  }
  op["operationId"] = id;
  op["summary"] = summary;
  op["tags"] = {doc.tag};
  op["x-onemap-route"] = route.name;
  add_callers(op, doc.callers, scope.snapshot.catalog.access);
  return op;
}

json paths(const DocScope& scope) {
  json paths = json::object();
  for (const Route& route : route_table()) {
    if (!route.doc.operation) continue;  // it shares the operation of the next route of its path
    const std::string method = util::to_lower(std::string(to_string(route.method)));
    const std::string path = openapi_path(route);
    if (route.doc.described == Described::Once) {
      paths[path][method] = operation(route, scope);
      continue;
    }
    const std::size_t at = path.find(kCollectionId);
    for (const store::Layer* layer : scope.layers) {
      const std::string one = path.substr(0, at) + layer->config.id + path.substr(at + kCollectionId.size());
      paths[one][method] = operation(route, {scope.snapshot, scope.layers, layer});
    }
  }
  return paths;
}

}  // namespace

std::string openapi_path(const Route& route) {
  std::string path;
  for (std::string_view segment : route.pattern) {
    path.push_back('/');
    // "{path*}" captures the rest of the path; OpenAPI names it "{path}".
    if (segment.ends_with("*}"))
      path.append(segment.substr(0, segment.size() - 2)).push_back('}');
    else
      path.append(segment);
  }
  return path.empty() ? "/" : path;
}

nlohmann::json openapi_json(const store::Snapshot& snapshot, const std::vector<const store::Layer*>& layers,
                            const std::string& base_url) {
  const DocScope scope{snapshot, layers};
  return {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", snapshot.catalog.title},
        {"version", "1.0.0"},
        {"description",
         "OneMap: OGC API – Features (Part 1 and Part 2) for the city's environmental layers, OGC API – Tiles, "
         "and OGC API – Processes for its analyses."}}},
      {"servers", {{{"url", base_url}}}},
      {"tags",
       {{{"name", "Capabilities"}},
        {{"name", "Data"}},
        {{"name", "Processes"}},
        {{"name", "Tiles"}},
        {{"name", "Downloads"}},
        {{"name", "Map"}, {"description", "What the web map is built from: its page, styles, search."}},
        {{"name", "Access"}, {"description", "Who the caller is, URL tokens, and the operators' routes."}}}},
      {"paths", paths(scope)},
      {"components", doc::components(snapshot)},
  };
}

http::Response openapi_document(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  return json_response(ctx, openapi_json(*ctx.snapshot, ctx.layers(), ctx.base_url),
                       "application/vnd.oai.openapi+json;version=3.0");
}

}  // namespace onemap::api
