// /metrics through the Api: who may read it, and what it says of the data and the caches.
#include "api_test_support.h"
#include "metrics/request_metrics.h"
#include "store/fingerprint.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>

namespace onemap {
namespace {

TEST(MetricsApi, ServedToConfiguredAddressesOnly) {
  std::string admin_key, planner_key;
  testing::ApiFixture f([&](catalog::Catalog& c) {
    admin_key = c.access.keys.add("admin", "");
    planner_key = c.access.keys.add("planner", "");
  });
  store::SnapshotHolder holder(f.snapshot);
  api::Api api(holder);
  http::Request request{http::beast_http::verb::get, "/metrics", 11};
  auto local = api.handle(request, "127.0.0.1");
  ASSERT_EQ(local.result_int(), 200) << local.body().read_all();
  EXPECT_EQ(local[http::beast_http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  auto remote = api.handle(request, "10.1.2.3");
  EXPECT_EQ(remote.result_int(), 401);  // from elsewhere, an admin key is needed
  EXPECT_NE(remote.body().read_all().find("metrics_allow"), std::string::npos);
  request.set("X-API-Key", planner_key);
  EXPECT_EQ(api.handle(request, "10.1.2.3").result_int(), 403);
  request.set("X-API-Key", admin_key);
  EXPECT_EQ(api.handle(request, "10.1.2.3").result_int(), 200);
  EXPECT_EQ(api.handle(http::Request{http::beast_http::verb::get, "/metrics?x=1", 11}).result_int(), 400);
}

TEST(MetricsApi, SaysWhatTheServerHoldsAndDid) {
  testing::ApiFixture f;
  store::SnapshotHolder holder(f.snapshot);
  api::Api api(holder);
  const std::string tile = "/tiles/sites/7/103/50.mvt";
  api.handle(http::Request{http::beast_http::verb::get, tile, 11});  // a miss, then kept
  api.handle(http::Request{http::beast_http::verb::get, tile, 11});  // a hit
  api.metrics().record("tiles.xyz", 200, 321, 0.002);                // as the server tells it
  const std::string text = api.handle(http::Request{http::beast_http::verb::get, "/metrics", 11}).body().read_all();
  for (const std::string& line : std::vector<std::string>{
           "onemap_layer_features{layer=\"sites\"} 25", "onemap_layer_features{layer=\"zones\"} 2",
           "onemap_tile_cache_hits_total 1", "onemap_tile_cache_misses_total 1", "onemap_data_version 1",
           "onemap_data_info{fingerprint=\"" + f.snapshot->data_fingerprint + "\"} 1",
           "onemap_layer_info{layer=\"sites\",version=\"" + store::version_text(f.snapshot->find("sites")->version) +
               "\"} 1",
           "onemap_http_requests_total{route=\"tiles.xyz\",status=\"200\"} 1",
           "onemap_http_response_bytes_total{route=\"tiles.xyz\"} 321"})
    EXPECT_NE(text.find(line + "\n"), std::string::npos) << line << "\n" << text;
}

}  // namespace
}  // namespace onemap
