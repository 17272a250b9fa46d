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

// P9b item 2: /metrics/, /metrics// and /metrics/? were served as /metrics, past a proxy's rule
// for "= /metrics"; every spelling with an empty segment is now sent to the one spelling.
TEST(MetricsApi, AnyOtherSpellingOfThePathIsRedirectedToTheOne) {
  testing::ApiFixture f;
  store::SnapshotHolder holder(f.snapshot);
  api::Api api(holder);
  api.set_bind_url("http://example.org");
  for (const char* target : {"/metrics/", "/metrics//", "/metrics/?", "//metrics", "/metrics/?x=1"}) {
    auto r = api.handle(http::Request{http::beast_http::verb::get, target, 11}, "127.0.0.1");
    EXPECT_EQ(r.result_int(), 308) << target << ": " << r.body().read_all();
    const std::string location(r[http::beast_http::field::location]);
    EXPECT_TRUE(location.starts_with("http://example.org/metrics")) << target << " → " << location;
    EXPECT_EQ(r.body().read_all().find("onemap_"), std::string::npos) << target;
  }
  EXPECT_EQ(std::string(api.handle(http::Request{http::beast_http::verb::get, "/collections//sites/items/?limit=1",
                                                 11})[http::beast_http::field::location]),
            "http://example.org/collections/sites/items?limit=1");
  EXPECT_EQ(api.handle(http::Request{http::beast_http::verb::get, "/", 11}).result_int(), 200);
  EXPECT_EQ(api.handle(http::Request{http::beast_http::verb::get, "/nothing//here", 11}).result_int(), 404);
}

// Behind a proxy, metrics_allow judges the client the proxy names, not the proxy's own address.
TEST(MetricsApi, BehindAProxyTheClientIsJudgedNotTheProxy) {
  testing::ApiFixture f([](catalog::Catalog& c) { c.server.trusted_proxies = {"127.0.0.1"}; });
  store::SnapshotHolder holder(f.snapshot);
  api::Api api(holder);
  auto from_proxy = [&](const std::string& forwarded_for, const std::string& peer = "127.0.0.1") {
    http::Request request{http::beast_http::verb::get, "/metrics", 11};
    if (!forwarded_for.empty()) request.set("X-Forwarded-For", forwarded_for);
    return api.handle(request, peer).result_int();
  };
  EXPECT_EQ(from_proxy("203.0.113.9"), 401u) << "a client elsewhere, through the trusted proxy on loopback";
  EXPECT_EQ(from_proxy("127.0.0.1, 203.0.113.9"), 401u) << "the entry the client forged is not believed";
  EXPECT_EQ(from_proxy("127.0.0.1"), 200u) << "a scrape on the proxy's own machine";
  EXPECT_EQ(from_proxy(""), 401u) << "a trusted proxy that names no client";
  // A proxy we were not told of: a forwarded request's peer is not its client.
  testing::ApiFixture plain;
  store::SnapshotHolder plain_holder(plain.snapshot);
  api::Api plain_api(plain_holder);
  http::Request forwarded{http::beast_http::verb::get, "/metrics", 11};
  forwarded.set("X-Forwarded-For", "203.0.113.9");
  EXPECT_EQ(plain_api.handle(forwarded, "127.0.0.1").result_int(), 401);
  EXPECT_EQ(plain_api.handle(http::Request{http::beast_http::verb::get, "/metrics", 11}, "127.0.0.1").result_int(),
            200);
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
