// /api is written from the route table: every route has an operation in it, and every path it
// names is answered by the route its operation names (x-onemap-route), as the router matches.
#include "api/openapi.h"
#include "api/query_params.h"
#include "api/route_table.h"
#include "api_test_support.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>
#include <string>

namespace onemap {
namespace {

using nlohmann::json;
using testing::ApiFixture;

const ApiFixture& fixture() {
  static ApiFixture f;
  return f;
}

// The documented path as a client would send it: each "{name}" replaced by a value.
std::string sample_target(const std::string& path) {
  std::string target;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      target.push_back(path[i]);
      continue;
    }
    i = path.find('}', i);
    target += "v1";
  }
  return target;
}

http::beast_http::verb verb_of(std::string method) {
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return http::beast_http::string_to_verb(method);
}

json api_document() {
  const http::Response r = fixture().get("/api");
  EXPECT_EQ(r.result_int(), 200);
  return ApiFixture::body(r);
}

TEST(OpenApiRoutes, EveryDocumentedPathIsServedByTheRouteItNames) {
  const json doc = api_document();
  std::size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      const std::string target = sample_target(path);
      const http::Request request{verb_of(method), target, 11};
      const api::RouteMatch match = api::match_route(api::parse_target(target), request);
      ASSERT_NE(match.route, nullptr) << method << " " << path << ": no route serves " << target;
      EXPECT_EQ(match.route->name, operation.value("x-onemap-route", "")) << method << " " << path;
      ++operations;
    }
  }
  EXPECT_GT(operations, api::route_table().size());  // per-collection routes are there once per collection
}

TEST(OpenApiRoutes, EveryRouteHasItsOperation) {
  const json doc = api_document();
  std::map<std::string, std::size_t> operations;  // route name → operations naming it
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, operation] : item.items()) ++operations[operation.value("x-onemap-route", "")];
  const std::vector<api::Route>& table = api::route_table();
  const std::size_t collections = fixture().snapshot->layers.size();
  ASSERT_GE(collections, 2u);
  for (std::size_t i = 0; i < table.size(); ++i) {
    const api::Route& route = table[i];
    if (!route.doc.operation) {
      // Only a route that takes some requests of a path may leave its description to the next
      // route of that path and method.
      bool described_after = false;
      for (std::size_t j = i + 1; j < table.size(); ++j)
        described_after = described_after || (table[j].method == route.method && table[j].pattern == route.pattern &&
                                              table[j].doc.operation);
      EXPECT_TRUE(route.takes && described_after) << route.name << " has no operation in /api";
      EXPECT_EQ(operations.count(std::string(route.name)), 0u) << route.name;
      continue;
    }
    const bool per_collection = route.doc.described == api::Described::PerCollection;
    EXPECT_EQ(operations[std::string(route.name)], per_collection ? collections : 1u) << route.name;
    EXPECT_FALSE(route.doc.summary.empty()) << route.name;
    EXPECT_FALSE(route.doc.operation_id.empty()) << route.name;
  }
}

TEST(OpenApiRoutes, PathsAreSpelledFromTheirPatterns) {
  std::map<std::string, std::string> paths;
  for (const api::Route& route : api::route_table()) paths[std::string(route.name)] = api::openapi_path(route);
  EXPECT_EQ(paths["landing"], "/");
  EXPECT_EQ(paths["tiles.xyz"], "/tiles/{layers}/{z}/{x}/{y}.mvt");
  EXPECT_EQ(paths["web.asset"], "/web/{path}");
  EXPECT_EQ(paths["downloads.file"], "/download/{collectionId}.{format}");
  const json doc = api_document();
  EXPECT_TRUE(doc["paths"].contains("/download/sites.{format}"));
  EXPECT_TRUE(doc["paths"].contains("/collections/zones/items/{featureId}"));
  EXPECT_FALSE(doc["paths"].contains("/collections/{collectionId}/items"));
}

TEST(OpenApiRoutes, OperationsSayWhoMayCallThem) {
  const json paths = api_document()["paths"];
  const json& reload = paths["/admin/reload"]["post"];
  EXPECT_EQ(reload["x-onemap-roles"], json::array({"admin"}));
  for (const json& requirement : reload["security"]) EXPECT_FALSE(requirement.empty()) << "anonymous may not reload";
  const json& token = paths["/auth/token"]["post"];
  const std::set<std::string> token_roles = token["x-onemap-roles"].get<std::set<std::string>>();
  EXPECT_FALSE(token_roles.count("public"));
  EXPECT_TRUE(token_roles.count("admin"));
  EXPECT_FALSE(token["security"].dump().find("urlToken") != std::string::npos) << "a token cannot make another";
  const json& items = paths["/collections/sites/items"]["get"];
  EXPECT_TRUE(items["x-onemap-roles"].get<std::set<std::string>>().count("public"));
  EXPECT_TRUE(paths["/metrics"]["get"].contains("x-onemap-addresses"));
}

}  // namespace
}  // namespace onemap
