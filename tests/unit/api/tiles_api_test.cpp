// The tile routes through the Api handler, as the server calls it but without sockets.
#include "api/tiles/tile_response.h"
#include "api_test_support.h"
#include "gunzip.h"
#include "http/cached_body.h"
#include "mvt_decode.h"
#include "store/fingerprint.h"

#include <gtest/gtest.h>

#include <set>

using namespace onemap;
using nlohmann::json;
using onemap::testing::ApiFixture;
using onemap::testing::decode_mvt;

namespace {

const ApiFixture& fixture() {
  static ApiFixture f;
  return f;
}

// The z7 tile holding every site (lon 112.0–112.4, lat 35.0–35.4) and the zones.
constexpr const char* kTile = "7/103/50";

http::Response get_with(const std::string& target, http::beast_http::field field, const std::string& value) {
  http::Request request{http::beast_http::verb::get, target, 11};
  request.set(http::beast_http::field::host, "evil.example");
  request.set(field, value);
  store::SnapshotHolder holder(fixture().snapshot);
  api::Api api(holder);
  api.set_bind_url("http://example.org:8080");
  return api.handle(request);
}

std::string link(const json& doc, const std::string& rel) {
  for (const auto& l : doc["links"])
    if (l["rel"] == rel) return l["href"];
  return "";
}

}  // namespace

std::string version_of(const std::string& layer) {
  return store::version_text(fixture().snapshot->find(layer)->version);
}

TEST(TilesApi, TileIsMvtWithEtagAndCacheControl) {
  auto r = fixture().get(std::string("/tiles/sites/") + kTile + ".mvt?v=" + version_of("sites"));
  ASSERT_EQ(r.result_int(), 200) << r.body().text();
  EXPECT_EQ(r[http::beast_http::field::content_type], "application/vnd.mapbox-vector-tile");
  EXPECT_EQ(r[http::beast_http::field::cache_control], "public, max-age=3600");
  EXPECT_FALSE(r[http::beast_http::field::etag].empty());
  EXPECT_EQ(r[http::beast_http::field::content_encoding], "");  // the HTTP layer gzips, not the handler
  auto tile = decode_mvt(std::string(r.body().text()));
  ASSERT_EQ(tile.size(), 1u);
  const auto& sites = tile.at("sites");
  ASSERT_EQ(sites.size(), 25u);
  std::set<std::int64_t> ids;
  for (const auto& f : sites) ids.insert(*f.id);
  EXPECT_EQ(ids.size(), 25u);
  EXPECT_EQ(*ids.begin(), 1);
  EXPECT_EQ(std::get<std::string>(sites[0].fields.at("name")), "site-0-0");
  EXPECT_EQ(sites[0].field_types.at("flag"), "Integer(Boolean)");
  EXPECT_EQ(std::get<std::string>(sites[0].fields.at("sampled_at")), "2024-01-01");
}

TEST(TilesApi, PbfExtensionAndOgcTileAreTheSameBytes) {
  auto mvt = fixture().get(std::string("/tiles/sites/") + kTile + ".mvt");
  auto pbf = fixture().get(std::string("/tiles/sites/") + kTile + ".pbf");
  // OGC: {tileMatrix}/{tileRow}/{tileCol} = z/y/x.
  auto ogc = fixture().get("/collections/sites/tiles/WebMercatorQuad/7/50/103");
  ASSERT_EQ(ogc.result_int(), 200) << ogc.body().text();
  EXPECT_EQ(mvt.body().text(), pbf.body().text());
  EXPECT_EQ(mvt.body().text(), ogc.body().text());
  EXPECT_EQ(mvt[http::beast_http::field::etag], ogc[http::beast_http::field::etag]);
  EXPECT_EQ(fixture().get("/collections/sites/tiles/WebMercatorQuad/7/50/103?f=mvt").result_int(), 200);
  EXPECT_EQ(fixture().get("/collections/sites/tiles/WebMercatorQuad/7/50/103?f=png").result_int(), 400);
}

TEST(TilesApi, CompositeTileHasOneLayerPerSourceLayer) {
  auto r = fixture().get(std::string("/tiles/zones,sites/") + kTile + ".mvt");
  ASSERT_EQ(r.result_int(), 200) << r.body().text();
  auto tile = decode_mvt(std::string(r.body().text()));
  ASSERT_EQ(tile.size(), 2u);
  EXPECT_EQ(tile.at("sites").size(), 25u);
  EXPECT_EQ(tile.at("zones").size(), 2u);  // the square and the repaired bow-tie
  EXPECT_EQ(tile.at("zones")[0].id, 1);
}

TEST(TilesApi, EmptyTilesAreNoContent) {
  for (std::string target : {"/tiles/sites/7/0/0.mvt", "/tiles/sites,zones/12/0/4095.pbf",
                             "/collections/zones/tiles/WebMercatorQuad/3/0/0"}) {
    auto r = fixture().get(target);
    EXPECT_EQ(r.result_int(), 204) << target;
    EXPECT_TRUE(r.body().text().empty()) << target;
    EXPECT_EQ(r[http::beast_http::field::etag], "") << target;
  }
}

TEST(TilesApi, BadAddressesAreBadRequests) {
  for (std::string target :
       {"/tiles/sites/25/0/0.mvt", "/tiles/sites/3/8/0.mvt", "/tiles/sites/3/0/8.mvt", "/tiles/sites/3/-1/0.mvt",
        "/tiles/sites/x/0/0.mvt", "/tiles/sites/3/0/1e1.mvt", "/tiles/sites/3/0/0.png", "/tiles/sites/3/0/0",
        "/tiles/sites,,zones/3/0/0.mvt", "/tiles/sites,sites/3/0/0.mvt", "/tiles/sites/99999999999999999999/0/0.mvt",
        "/collections/sites/tiles/WebMercatorQuad/3/8/0", "/collections/sites/tiles/WebMercatorQuad/a/0/0"}) {
    auto r = fixture().get(target);
    EXPECT_EQ(r.result_int(), 400) << target;
    EXPECT_EQ(r[http::beast_http::field::content_type], "application/json") << target;
    EXPECT_EQ(ApiFixture::body(r)["status"], 400) << target;
  }
}

TEST(TilesApi, UnknownLayersAndTileMatrixSetsAreNotFound) {
  for (std::string target : {"/tiles/nope/3/0/0.mvt", "/tiles/sites,nope/3/0/0.mvt", "/tiles/nope.json", "/tiles/sites",
                             "/collections/nope/tiles", "/collections/sites/tiles/WorldCRS84Quad",
                             "/collections/sites/tiles/WorldCRS84Quad/3/0/0"}) {
    auto r = fixture().get(target);
    EXPECT_EQ(r.result_int(), 404) << target;
    EXPECT_EQ(ApiFixture::body(r)["status"], 404) << target;
  }
}

TEST(TilesApi, IfNoneMatchGivesNotModified) {
  const std::string target = std::string("/tiles/sites/") + kTile + ".mvt?v=" + version_of("sites");
  const std::string etag = std::string(fixture().get(target)[http::beast_http::field::etag]);
  for (std::string header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    auto r = get_with(target, http::beast_http::field::if_none_match, header);
    EXPECT_EQ(r.result_int(), 304) << header;
    EXPECT_TRUE(r.body().text().empty());
    EXPECT_EQ(r[http::beast_http::field::etag], etag);
    EXPECT_EQ(r[http::beast_http::field::cache_control], "public, max-age=3600");
  }
  EXPECT_EQ(get_with(target, http::beast_http::field::if_none_match, "\"other\"").result_int(), 200);
}

TEST(TilesApi, BrowsersGetTheCachedGzipWithoutCompressingAgain) {
  store::SnapshotHolder holder(fixture().snapshot);
  api::Api api(holder);
  http::Request request{http::beast_http::verb::get, std::string("/tiles/sites,zones/") + kTile + ".mvt", 11};
  const http::Response plain = api.handle(request);
  request.set(http::beast_http::field::accept_encoding, "gzip, deflate, br");
  const http::Response first = api.handle(request), second = api.handle(request);
  ASSERT_EQ(first.result_int(), 200);
  EXPECT_EQ(first[http::beast_http::field::content_encoding], "gzip");
  EXPECT_EQ(first[http::beast_http::field::vary], "Accept-Encoding");
  EXPECT_EQ(plain[http::beast_http::field::vary], "Accept-Encoding");
  EXPECT_EQ(first[http::beast_http::field::etag], "W/" + std::string(plain[http::beast_http::field::etag]));
  EXPECT_EQ(onemap::testing::gunzip(std::string(first.body().text())), plain.body().text());
  // A hit hands out the cached bytes themselves: the same buffer, not a fresh compression.
  EXPECT_EQ(second.body().kind(), http::Payload::Kind::Shared);
  EXPECT_EQ(second.body().text().data(), first.body().text().data());
}

// A cache may keep a tile under its URL only while the URL's version is the data's: a replica
// not yet reloaded must not let a proxy store old data under the new version, and a URL without
// a version must be revalidated.
TEST(TilesApi, CacheControlFollowsTheVersionAsked) {
  const std::string tile = std::string("/tiles/sites,zones/") + kTile + ".mvt";
  const json doc = ApiFixture::body(fixture().get("/tiles/sites,zones.json"));
  const std::string url = doc["tiles"][0];
  const std::string v = url.substr(url.find("?v=") + 3);
  EXPECT_NE(v, version_of("sites"));  // two layers: both versions together
  EXPECT_EQ(v, store::version_text(
                   store::layers_version({fixture().snapshot->find("sites"), fixture().snapshot->find("zones")})));
  auto cache_control = [&](const std::string& target) {
    auto r = fixture().get(target);
    EXPECT_EQ(r.result_int(), 200) << target;
    return std::string(r[http::beast_http::field::cache_control]);
  };
  EXPECT_EQ(fixture().get("/tiles/sites,zones.json")[http::beast_http::field::cache_control], "no-cache");
  EXPECT_EQ(fixture().get("/styles/onemap.json")[http::beast_http::field::cache_control], "no-cache");
  EXPECT_EQ(cache_control(tile + "?v=" + v), "public, max-age=3600");
  EXPECT_EQ(cache_control(tile), "no-cache");
  EXPECT_EQ(cache_control(tile + "?v=" + version_of("sites")), "no-store");
  EXPECT_EQ(cache_control(tile + "?v=0123456789abcdef"), "no-store");
}

TEST(TilesApi, EtagMatchingFollowsRfc9110) {
  EXPECT_TRUE(http::etag_matches("\"a\"", "\"a\""));
  EXPECT_TRUE(http::etag_matches(" W/\"a\" ", "\"a\""));
  EXPECT_TRUE(http::etag_matches("\"b\",\"a\"", "\"a\""));
  EXPECT_FALSE(http::etag_matches("\"b\"", "\"a\""));
  EXPECT_FALSE(http::etag_matches("", "\"a\""));
  EXPECT_FALSE(http::etag_matches("a", "\"a\""));
}

TEST(TilesApi, TileJsonDescribesLayersZoomsAndBounds) {
  auto r = fixture().get("/tiles/sites.json");
  ASSERT_EQ(r.result_int(), 200) << r.body().text();
  json doc = ApiFixture::body(r);
  EXPECT_EQ(doc["tilejson"], "3.0.0");
  // The layer's version rides on every tile URL, so no cache keeps tiles of older data.
  const std::string v = "?v=" + version_of("sites");
  EXPECT_EQ(doc["tiles"][0], "http://example.org:8080/tiles/sites/{z}/{x}/{y}.mvt" + v);
  EXPECT_EQ(doc["minzoom"], 0);
  EXPECT_EQ(doc["maxzoom"], 22);
  EXPECT_EQ(doc["name"], "站点");
  EXPECT_EQ(doc["attribution"], "© Site survey");  // the layer's own credit
  EXPECT_NEAR(doc["bounds"][0].get<double>(), 112.0, 1e-9);
  EXPECT_NEAR(doc["bounds"][3].get<double>(), 35.4, 1e-9);
  EXPECT_NEAR(doc["center"][0].get<double>(), 112.2, 1e-9);
  EXPECT_GE(doc["center"][2].get<int>(), 8);
  ASSERT_EQ(doc["vector_layers"].size(), 1u);
  const json& layer = doc["vector_layers"][0];
  EXPECT_EQ(layer["id"], "sites");
  EXPECT_EQ(layer["minzoom"], 0);
  EXPECT_EQ(layer["maxzoom"], 22);
  EXPECT_EQ(layer["fields"]["name"], "String");
  EXPECT_EQ(layer["fields"]["count"], "Number");
  EXPECT_EQ(layer["fields"]["flag"], "Boolean");
  EXPECT_EQ(layer["fields"]["sampled_at"], "String");
  EXPECT_TRUE(layer.contains("description"));

  json both = ApiFixture::body(fixture().get("/tiles/sites,zones.json"));
  EXPECT_EQ(both["tiles"][0], "http://example.org:8080/tiles/sites,zones/{z}/{x}/{y}.mvt?v=" +
                                  store::version_text(store::layers_version(
                                      {fixture().snapshot->find("sites"), fixture().snapshot->find("zones")})));
  EXPECT_EQ(both["attribution"], "© Site survey; © 测试数据");  // zones name none: the catalog's
  ASSERT_EQ(both["vector_layers"].size(), 2u);
  EXPECT_EQ(both["vector_layers"][1]["id"], "zones");
}

TEST(TilesApi, OgcTilesetsListAndTileset) {
  json list = ApiFixture::body(fixture().get("/collections/sites/tiles"));
  ASSERT_EQ(list["tilesets"].size(), 1u);
  const json& ts = list["tilesets"][0];
  EXPECT_EQ(ts["dataType"], "vector");
  EXPECT_EQ(ts["tileMatrixSetURI"], "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
  EXPECT_EQ(ts["crs"], "http://www.opengis.net/def/crs/EPSG/0/3857");
  EXPECT_EQ(link(ts, "self"), "http://example.org:8080/collections/sites/tiles/WebMercatorQuad");

  auto r = fixture().get("/collections/sites/tiles/WebMercatorQuad");
  ASSERT_EQ(r.result_int(), 200);
  json tileset = ApiFixture::body(r);
  EXPECT_EQ(tileset["tileMatrixSetURI"], "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
  EXPECT_EQ(link(tileset, "item"),
            "http://example.org:8080/collections/sites/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
  EXPECT_EQ(link(tileset, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"),
            "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
  for (const auto& l : tileset["links"])
    if (l["rel"] == "item") {
      EXPECT_EQ(l["templated"], true);
    }
  EXPECT_EQ(tileset["layers"][0]["geometryDimension"], 0);
  const json& z7 = tileset["tileMatrixSetLimits"][7];
  EXPECT_EQ(z7["tileMatrix"], "7");
  EXPECT_EQ(z7["minTileCol"], 103);
  EXPECT_EQ(z7["maxTileRow"], 50);
}

TEST(TilesApi, CollectionsLinkTheirTilesAndConformanceListsTiles) {
  json c = ApiFixture::body(fixture().get("/collections/zones"));
  EXPECT_EQ(link(c, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"),
            "http://example.org:8080/collections/zones/tiles");
  json conf = ApiFixture::body(fixture().get("/conformance"));
  std::set<std::string> classes(conf["conformsTo"].begin(), conf["conformsTo"].end());
  for (const char* cls : {"core", "tileset", "tilesets-list", "geodata-tilesets", "mvt"})
    EXPECT_TRUE(classes.count(std::string("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/") + cls)) << cls;
}

TEST(TilesApi, ApiDocumentDescribesTheTileRoutes) {
  json doc = ApiFixture::body(fixture().get("/api"));
  const json& paths = doc["paths"];
  ASSERT_TRUE(paths.contains("/tiles/{layers}/{z}/{x}/{y}.mvt"));
  EXPECT_TRUE(paths["/tiles/{layers}/{z}/{x}/{y}.mvt"]["get"]["responses"].contains("204"));
  EXPECT_TRUE(paths.contains("/tiles/{layers}.json"));
  EXPECT_TRUE(paths.contains("/collections/sites/tiles"));
  EXPECT_TRUE(paths.contains("/collections/zones/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}"));
  std::set<std::string> operations;
  for (const auto& [path, item] : paths.items())
    if (item.contains("get")) operations.insert(item["get"]["operationId"].get<std::string>());
  EXPECT_TRUE(operations.count("getTile_sites"));
}
