// The real binary on the demo catalog, over real sockets.
#include "demo_server.h"
#include "geo/gdal_handles.h"
#include "gunzip.h"
#include "http_client.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace onemap::testing;
using nlohmann::json;

namespace {

class DemoServer : public DemoServerTest<DemoServer> {};

// Feature count of a layer of the demo GeoPackage, read directly with GDAL.
long long source_count(const std::string& layer) {
  auto ds = onemap::geo::open_vector_source(kDemoGpkg);
  return ds->GetLayerByName(layer.c_str())->GetFeatureCount();
}

}  // namespace

TEST_F(DemoServer, HealthAndEveryDomainLayer) {
  auto health = json::parse(http_get(server_->port(), "/health").body());
  EXPECT_EQ(health["status"], "ok");
  auto doc = json::parse(http_get(server_->port(), "/collections").body());
  std::map<std::string, std::string> titles;
  for (const auto& c : doc["collections"]) titles[c["id"]] = c["title"];
  EXPECT_EQ(titles.size(), 10u);
  EXPECT_EQ(titles["water_sections"], "水质监测断面");
  EXPECT_EQ(titles["townships"], "镇/街道");
}

TEST_F(DemoServer, NumberMatchedEqualsTheSourceCount) {
  for (std::string layer : {"townships", "water_sections", "farmland", "enterprises", "polluted_plots"}) {
    auto doc = json::parse(http_get(server_->port(), "/collections/" + layer + "/items?limit=1").body());
    EXPECT_EQ(doc["numberMatched"].get<long long>(), source_count(layer)) << layer;
  }
}

TEST_F(DemoServer, ChineseNamesSurviveFiltersAndOutput) {
  // 蟒河南官庄断面, percent-encoded as a browser would send it.
  auto r = http_get(
      server_->port(),
      "/collections/water_sections/items?name=%E8%9F%92%E6%B2%B3%E5%8D%97%E5%AE%98%E5%BA%84%E6%96%AD%E9%9D%A2");
  ASSERT_EQ(r.result_int(), 200);
  auto doc = json::parse(r.body());
  ASSERT_EQ(doc["numberMatched"], 1);
  EXPECT_EQ(doc["features"][0]["properties"]["name"], "蟒河南官庄断面");
  EXPECT_EQ(doc["features"][0]["properties"]["river"], "蟒河");
}

TEST_F(DemoServer, GzipWhenAcceptedAndKeepAlive) {
  HttpClient client(server_->port());
  auto plain = client.get("/collections/townships/items?limit=16");
  auto zipped = client.get("/collections/townships/items?limit=16", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(zipped.result_int(), 200);
  EXPECT_EQ(zipped[boost::beast::http::field::content_encoding], "gzip");
  EXPECT_LT(zipped.body().size(), plain.body().size());
  EXPECT_EQ(onemap::testing::gunzip(zipped.body()), plain.body());
}

TEST_F(DemoServer, UserMistakesAreJson4xx) {
  auto r = http_get(server_->port(), "/collections/farmland/items?limit=unlimited");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(r[boost::beast::http::field::content_type], "application/json");
  EXPECT_EQ(http_get(server_->port(), "/collections/nope").result_int(), 404);
  EXPECT_EQ(http_get(server_->port(), "/collections/farmland/items/99999999").result_int(), 404);
}

TEST_F(DemoServer, MetricsCountWhatTheServerAnswered) {
  // Requests of this test only, told apart by an unknown path (404 under route "none") and by
  // the conformance route, which no other test of this binary calls twice.
  auto count = [&](const std::string& series) {
    const std::string text = http_get(server_->port(), "/metrics").body();
    const auto at = text.find(series + " ");
    return at == std::string::npos ? 0.0 : std::stod(text.substr(at + series.size() + 1));
  };
  const std::string conformance = R"(onemap_http_requests_total{route="conformance",status="200"})";
  const double before = count(conformance);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(http_get(server_->port(), "/conformance").result_int(), 200);
  // The count is told once the server has written the response, which may be a moment after
  // the client has read it: wait a little (bounded) for the third.
  for (int i = 0; i < 100 && count(conformance) < before + 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(count(conformance), before + 3);
  EXPECT_GE(count(R"(onemap_http_request_duration_seconds_count{route="conformance"})"), before + 3);
  EXPECT_GE(count(R"(onemap_http_requests_total{route="metrics",status="200"})"), 2);
  EXPECT_EQ(count(R"(onemap_layer_features{layer="townships"})"), static_cast<double>(source_count("townships")));
}
