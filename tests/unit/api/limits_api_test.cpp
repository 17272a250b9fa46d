// The limits the API keeps, each configurable and named in its answer: features per page
// (clamped, and declared in the OpenAPI document), per download, per process result and vertices
// of a drawn plot (a JSON problem naming the setting and its value, before anything is written).
#include "api_test_support.h"

#include "api/router.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace onemap;
using nlohmann::json;
using onemap::testing::ApiFixture;

namespace {

// 25 sites, 2 zones; limits below the sites' count.
const ApiFixture& fixture() {
  static ApiFixture f([](catalog::Catalog& c) {
    c.server.max_page_features = 4;
    c.server.max_export_features = 10;
    c.server.max_result_features = 5;
    c.server.max_input_vertices = 100;
  });
  return f;
}

http::Response post(const std::string& target, const json& body) {
  store::SnapshotHolder holder(fixture().snapshot);
  api::Api api(holder);
  http::Request request{http::beast_http::verb::post, target, 11};
  request.set(http::beast_http::field::content_type, "application/json");
  request.body() = body.dump();
  request.prepare_payload();
  return api.handle(request);
}

void expect_limit(const http::Response& r, const std::string& setting, std::uint64_t value) {
  ASSERT_EQ(r.result_int(), 400) << r.body().read_all();
  EXPECT_EQ(r[http::beast_http::field::content_type], "application/json");
  const json problem = ApiFixture::body(r);
  EXPECT_EQ(problem["code"], "LimitExceeded");
  EXPECT_EQ(problem["limit"], setting);
  EXPECT_EQ(problem["limit_value"], value);
  const std::string description = problem["description"];
  EXPECT_NE(description.find(setting), std::string::npos) << description;
  EXPECT_NE(description.find(std::to_string(value)), std::string::npos) << description;
}

}  // namespace

TEST(LimitsApi, PagesAreClampedToMaxPageFeaturesAndTheApiDocumentSaysSo) {
  const json page = ApiFixture::body(fixture().get("/collections/sites/items?limit=1000000000"));
  EXPECT_EQ(page["numberReturned"], 4);
  EXPECT_EQ(page["numberMatched"], 25);
  bool next = false;
  for (const json& link : page["links"])
    if (link["rel"] == "next") next = link["href"].get<std::string>().find("offset=4") != std::string::npos;
  EXPECT_TRUE(next) << page["links"].dump();
  const json api = ApiFixture::body(fixture().get("/api"));
  const json& schema = api["components"]["parameters"]["limit"]["schema"];
  EXPECT_EQ(schema["maximum"], 4);
  EXPECT_EQ(schema["default"], 4);  // the default (10) is clamped too
}

TEST(LimitsApi, AnExportOverMaxExportFeaturesIsRefusedBeforeWriting) {
  const http::Response r = fixture().get("/download/sites.gpkg");
  expect_limit(r, "server.max_export_features", 10);
  const std::string description = ApiFixture::body(r)["description"];
  EXPECT_NE(description.find("25 features"), std::string::npos) << description;
  EXPECT_NE(description.find("bbox="), std::string::npos) << description;
  EXPECT_NE(description.find("township="), std::string::npos) << description;
  expect_limit(fixture().get("/collections/sites/items?f=csv"), "server.max_export_features", 10);

  // A selection within the limit is written: the first two rows of sites, 10 features.
  const http::Response within = fixture().get("/download/sites.geojson?bbox=111.95,34.95,112.45,35.15");
  EXPECT_EQ(within.result_int(), 200) << within.body().read_all().substr(0, 300);
}

TEST(LimitsApi, AProcessResultOverMaxResultFeaturesIsRefusedBeforeItsAnswer) {
  const json all = {{"inputs", {{"source", "sites"}, {"target", "zones"}, {"distance", 100000}}}};
  expect_limit(post("/processes/within-distance/execution", all), "server.max_result_features", 5);
  json csv = all;
  csv["inputs"]["format"] = "csv";
  expect_limit(post("/processes/within-distance/execution", csv), "server.max_result_features", 5);
  const std::string description = ApiFixture::body(post("/processes/within-distance/execution", all))["description"];
  EXPECT_NE(description.find("source_filter"), std::string::npos) << description;

  json near = all;
  near["inputs"]["source_filter"] = {{"name", {"site-0-0", "site-0-1"}}};
  const http::Response ok = post("/processes/within-distance/execution", near);
  ASSERT_EQ(ok.result_int(), 200) << ok.body().read_all().substr(0, 300);
  EXPECT_EQ(json::parse(ok.body().read_all())["numberReturned"], 2);
}

TEST(LimitsApi, DeeplyNestedJsonIsRefusedWhileParsing) {
  for (const int depth : {100, 100000}) {
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    store::SnapshotHolder holder(fixture().snapshot);
    api::Api api(holder);
    http::Request request{http::beast_http::verb::post, "/processes/within-distance/execution", 11};
    request.set(http::beast_http::field::content_type, "application/json");
    request.body() = R"({"inputs": {"source": )" + nested + "}}";
    request.prepare_payload();
    const http::Response r = api.handle(request);
    ASSERT_EQ(r.result_int(), 400) << depth;
    EXPECT_NE(ApiFixture::body(r)["description"].get<std::string>().find("nests deeper than 32 levels"),
              std::string::npos);
  }
  // What a GeoJSON plot needs passes.
  const json plot = {{"type", "MultiPolygon"}, {"coordinates", {{{{112.0, 35.0}, {112.1, 35.0}, {112.0, 35.1}}}}}};
  const http::Response r = post("/processes/within-distance/execution",
                                {{"inputs", {{"source", "sites"}, {"target", "zones"}, {"distance", 1}}},
                                 {"outputs", {{"result", {{"note", plot}}}}}});
  EXPECT_NE(r.result_int(), 500);
  EXPECT_EQ(ApiFixture::body(r).value("description", "").find("deeper"), std::string::npos);
}

TEST(LimitsApi, AFontstackIsANameNeverAPath) {
  for (const std::string target :
       {"/fonts/..%2F..%2Fetc/0-255.pbf", "/fonts/a%5Cb/0-255.pbf", "/fonts/a%00b/0-255.pbf"}) {
    const http::Response r = fixture().get(target);
    EXPECT_EQ(r.result_int(), 400) << target;
    EXPECT_EQ(r[http::beast_http::field::content_type], "application/json") << target;
  }
}

namespace {

// A plot drawn as a circle of `vertices` vertices inside the zones (plus the closing position).
json circle_plot(std::size_t vertices) {
  json ring = json::array();
  for (std::size_t k = 0; k < vertices; ++k) {
    const double angle = 2 * 3.141592653589793 * static_cast<double>(k) / static_cast<double>(vertices);
    ring.push_back({112.05 + 0.02 * std::cos(angle), 35.05 + 0.02 * std::sin(angle)});
  }
  ring.push_back(ring[0]);
  return {{"inputs", {{"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}}}};
}

}  // namespace

// A drawn plot's vertices are counted as it is read, before GEOS sees it: its validity check and
// overlays grow with the square of the vertices.
TEST(LimitsApi, APlotOverMaxInputVerticesIsRefusedNamingTheSetting) {
  expect_limit(post("/processes/plot-restrictions/execution", circle_plot(100)), "server.max_input_vertices", 100);
  json multi = circle_plot(60);  // counted over every ring of every polygon
  json& polygon = multi["inputs"]["geometry"]["coordinates"];
  multi["inputs"]["geometry"] = {{"type", "MultiPolygon"}, {"coordinates", {polygon, polygon}}};
  expect_limit(post("/processes/plot-restrictions/execution", multi), "server.max_input_vertices", 100);

  const http::Response within = post("/processes/plot-restrictions/execution", circle_plot(99));  // 100 positions
  EXPECT_EQ(within.result_int(), 200) << within.body().read_all().substr(0, 300);
}
