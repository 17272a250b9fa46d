#include "api_test_support.h"

#include <gtest/gtest.h>

#include <set>

using namespace onemap;
using nlohmann::json;
using onemap::testing::ApiFixture;

namespace {
const ApiFixture& fixture() {
  static ApiFixture f;
  return f;
}
std::set<std::string> names(const json& fc) {
  std::set<std::string> out;
  for (const auto& f : fc["features"]) out.insert(f["properties"]["name"].get<std::string>());
  return out;
}
std::string link(const json& doc, const std::string& rel) {
  for (const auto& l : doc["links"])
    if (l["rel"] == rel) return l["href"];
  return "";
}
}  // namespace

TEST(FeaturesApi, LandingPageLinksTheRequiredResources) {
  auto r = fixture().get("/");
  ASSERT_EQ(r.result_int(), 200);
  json doc = ApiFixture::body(r);
  EXPECT_EQ(doc["title"], "测试");
  EXPECT_EQ(link(doc, "service-desc"), "http://example.org:8080/api");
  EXPECT_EQ(link(doc, "conformance"), "http://example.org:8080/conformance");
  EXPECT_EQ(link(doc, "data"), "http://example.org:8080/collections");
}

TEST(FeaturesApi, ConformanceDeclaresCoreGeoJsonOasAndCrs) {
  json doc = ApiFixture::body(fixture().get("/conformance"));
  std::set<std::string> classes(doc["conformsTo"].begin(), doc["conformsTo"].end());
  EXPECT_TRUE(classes.count("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"));
  EXPECT_TRUE(classes.count("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"));
  EXPECT_FALSE(classes.count("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html"));
}

TEST(FeaturesApi, CollectionsDescribeExtentAndCrs) {
  json doc = ApiFixture::body(fixture().get("/collections"));
  ASSERT_EQ(doc["collections"].size(), 2u);
  const json& sites = doc["collections"][0];
  EXPECT_EQ(sites["id"], "sites");
  EXPECT_EQ(sites["title"], "站点");
  auto bbox = sites["extent"]["spatial"]["bbox"][0];
  EXPECT_NEAR(bbox[0].get<double>(), 112.0, 1e-9);
  EXPECT_NEAR(bbox[3].get<double>(), 35.4, 1e-9);
  std::set<std::string> crs(sites["crs"].begin(), sites["crs"].end());
  for (const char* uri : {"http://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/4326",
                          "http://www.opengis.net/def/crs/EPSG/0/4490", "http://www.opengis.net/def/crs/EPSG/0/3857",
                          "http://www.opengis.net/def/crs/EPSG/0/4547"})
    EXPECT_TRUE(crs.count(uri)) << uri;
  EXPECT_EQ(ApiFixture::body(fixture().get("/collections/zones"))["id"], "zones");
}

TEST(FeaturesApi, ItemsPageThroughNextAndPrevLinks) {
  auto r = fixture().get("/collections/sites/items?limit=10&offset=10");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[http::beast_http::field::content_type], "application/geo+json");
  EXPECT_EQ(r["Content-Crs"], "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
  json doc = ApiFixture::body(r);
  EXPECT_EQ(doc["numberMatched"], 25);
  EXPECT_EQ(doc["numberReturned"], 10);
  EXPECT_EQ(doc["features"][0]["id"], 11);
  EXPECT_EQ(link(doc, "next"), "http://example.org:8080/collections/sites/items?limit=10&offset=20");
  EXPECT_EQ(link(doc, "prev"), "http://example.org:8080/collections/sites/items?limit=10&offset=0");
  json last = ApiFixture::body(fixture().get("/collections/sites/items?limit=10&offset=20"));
  EXPECT_EQ(last["numberReturned"], 5);
  EXPECT_EQ(link(last, "next"), "");
}

TEST(FeaturesApi, DefaultLimitIsTenAndLargeLimitsAreClamped) {
  EXPECT_EQ(ApiFixture::body(fixture().get("/collections/sites/items"))["numberReturned"], 10);
  EXPECT_EQ(ApiFixture::body(fixture().get("/collections/sites/items?limit=99999999999999999999"))["numberReturned"],
            25);
}

TEST(FeaturesApi, BboxSelectsIntersectingFeatures) {
  // Columns 1..2 (112.1, 112.2), rows 0..1 (35.0, 35.1): four sites, edges inclusive.
  json doc = ApiFixture::body(fixture().get("/collections/sites/items?bbox=112.1,35.0,112.2,35.1"));
  EXPECT_EQ(names(doc), (std::set<std::string>{"site-0-1", "site-0-2", "site-1-1", "site-1-2"}));
  // A box inside the repaired bow-tie's empty triangle touches its envelope but not its area.
  doc = ApiFixture::body(fixture().get("/collections/zones/items?bbox=112.34,35.31,112.36,35.32"));
  EXPECT_EQ(doc["numberMatched"], 0);
  doc = ApiFixture::body(fixture().get("/collections/zones/items?bbox=112.05,35.05,112.06,35.06"));
  EXPECT_EQ(names(doc), (std::set<std::string>{"一级保护区"}));
}

TEST(FeaturesApi, BboxInGaussKrugerAndLatLonOrder) {
  // The same four sites, with bbox-crs EPSG:4326 (lat first).
  json doc = ApiFixture::body(fixture().get(
      "/collections/sites/items?bbox=34.99,112.09,35.11,112.21&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326"));
  EXPECT_EQ(doc["numberMatched"], 4);
}

TEST(FeaturesApi, PropertyFiltersAreTyped) {
  json doc = ApiFixture::body(fixture().get("/collections/sites/items?name=site-2-3"));
  EXPECT_EQ(doc["numberMatched"], 1);
  EXPECT_EQ(doc["features"][0]["properties"]["count"], 13);
  doc = ApiFixture::body(fixture().get("/collections/sites/items?flag=true&limit=100"));
  EXPECT_EQ(doc["numberMatched"], 13);
  doc = ApiFixture::body(fixture().get("/collections/zones/items?name=%E4%B8%80%E7%BA%A7%E4%BF%9D%E6%8A%A4%E5%8C%BA"));
  EXPECT_EQ(doc["numberMatched"], 1);
  auto r = fixture().get("/collections/sites/items?count=abc");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_NE(ApiFixture::body(r)["description"].get<std::string>().find("integer"), std::string::npos);
}

TEST(FeaturesApi, CrsParameterReprojectsInAuthorityAxisOrder) {
  auto r = fixture().get("/collections/sites/items/1?crs=http://www.opengis.net/def/crs/EPSG/0/4326");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r["Content-Crs"], "<http://www.opengis.net/def/crs/EPSG/0/4326>");
  json coords = ApiFixture::body(r)["geometry"]["coordinates"];
  EXPECT_NEAR(coords[0].get<double>(), 35.0, 1e-9);
  EXPECT_NEAR(coords[1].get<double>(), 112.0, 1e-9);
  coords = ApiFixture::body(fixture().get("/collections/sites/items/1?crs=EPSG:4547"))["geometry"]["coordinates"];
  EXPECT_GT(coords[0].get<double>(), 3.8e6);   // northing first
  EXPECT_LT(coords[1].get<double>(), 500000);  // west of 114E
}

TEST(FeaturesApi, SingleFeatureAndNotFound) {
  json f = ApiFixture::body(fixture().get("/collections/sites/items/25"));
  EXPECT_EQ(f["properties"]["name"], "site-4-4");
  EXPECT_EQ(fixture().get("/collections/sites/items/26").result_int(), 404);
  EXPECT_EQ(fixture().get("/collections/nope/items").result_int(), 404);
  EXPECT_EQ(fixture().get("/nothing/here").result_int(), 404);
}

TEST(FeaturesApi, BadInputGives400WithAJsonReason) {
  for (const char* target : {"/collections/sites/items?limit=unlimited", "/collections/sites/items?limit=0",
                             "/collections/sites/items?limit=1e9", "/collections/sites/items?offset=-1",
                             "/collections/sites/items?bbox=1,2,3", "/collections/sites/items?bbox=3,2,1,4",
                             "/collections/sites/items?bbox=a,b,c,d", "/collections/sites/items?bbox=0,0,200,10",
                             "/collections/sites/items?colour=red", "/collections/sites/items?crs=EPSG:2000",
                             "/collections/sites/items?limit=1&limit=2", "/collections/sites/items?f=xml",
                             "/collections/sites/items?name=%zz", "/collections?bbox=1,2,3,4"}) {
    auto r = fixture().get(target);
    EXPECT_EQ(r.result_int(), 400) << target;
    EXPECT_EQ(r[http::beast_http::field::content_type], "application/json") << target;
    EXPECT_FALSE(ApiFixture::body(r)["description"].get<std::string>().empty()) << target;
  }
}

TEST(FeaturesApi, OpenApiIsSelfContained) {
  auto r = fixture().get("/api");
  ASSERT_EQ(r.result_int(), 200);
  json doc = ApiFixture::body(r);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_TRUE(doc["paths"].contains("/collections/sites/items"));
  EXPECT_EQ(doc["components"]["parameters"]["limit"]["schema"]["maximum"], 10000);
  // Every $ref must resolve inside the document.
  std::function<void(const json&)> check = [&](const json& node) {
    if (node.is_object()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == "$ref") {
          std::string ref = it.value();
          ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
          EXPECT_NO_THROW(doc.at(json::json_pointer(ref.substr(1)))) << ref;
        } else {
          check(it.value());
        }
      }
    } else if (node.is_array()) {
      for (const auto& v : node) check(v);
    }
  };
  check(doc);
}

TEST(FeaturesApi, MethodsOtherThanGetAre405) {
  http::Request request{http::beast_http::verb::post, "/collections", 11};
  store::SnapshotHolder holder(fixture().snapshot);
  auto r = api::Api(holder).handle(request);
  EXPECT_EQ(r.result_int(), 405);
  EXPECT_EQ(r[http::beast_http::field::allow], "GET, HEAD");
}

namespace {
// 3,000 small squares in a 60 × 50 grid (layer "plots"), and one township (id 1) over the west
// half of the grid, whose edge cuts the squares of one column.
const ApiFixture& many_plots() {
  static onemap::testing::TempDir dir;
  static ApiFixture f([](catalog::Catalog& c) {
    std::vector<onemap::testing::FixtureFeature> plots;
    for (int i = 0; i < 3000; ++i) {
      const std::string x0 = std::to_string(112.0 + (i % 60) * 0.005), x1 = std::to_string(112.004 + (i % 60) * 0.005);
      const std::string y0 = std::to_string(35.0 + (i / 60) * 0.005), y1 = std::to_string(35.004 + (i / 60) * 0.005);
      plots.push_back({"POLYGON ((" + x0 + " " + y0 + ", " + x1 + " " + y0 + ", " + x1 + " " + y1 + ", " + x0 + " " +
                           y1 + ", " + x0 + " " + y0 + "))",
                       "plot-" + std::to_string(i), i, i % 2 == 0, i / 3.0, "2024-01-01"});
    }
    onemap::testing::write_gpkg_layer(dir / "many.gpkg", "plots", 4490, plots);
    onemap::testing::write_gpkg_layer(
        dir / "many.gpkg", "townships", 4490,
        {{"POLYGON ((111.9 34.9, 112.1502 34.9, 112.1502 35.4, 111.9 35.4, 111.9 34.9))", "west"}});
    for (std::string id : {"plots", "townships"}) {
      catalog::LayerConfig layer;
      layer.id = layer.source_layer = layer.title = id;
      layer.source = (dir / "many.gpkg").string();
      layer.defined_in = "test";
      c.layers.push_back(layer);
    }
  });
  return f;
}
}  // namespace

// A large page is streamed, made a piece at a time as the connection takes it: 900 slow readers
// of items?limit=10000 once held a whole page each (1.07 GB). Its bytes are the small pages'
// (still written whole, with a Content-Length) put together, clipped and reprojected alike.
TEST(FeaturesApi, ALargePageIsStreamedAPieceAtATime) {
  constexpr std::size_t kPiece = 80 * 1024;  // a piece is about 64 KB: never much more
  for (const std::string query : {"", "township=1&clip=true&crs=EPSG:4547"}) {
    SCOPED_TRACE(query);
    const std::string base = "/collections/plots/items?" + query + (query.empty() ? "" : "&");
    http::Response r = many_plots().get(base + "limit=3000");
    ASSERT_EQ(r.result_int(), 200);
    EXPECT_EQ(r[http::beast_http::field::content_type], "application/geo+json");
    EXPECT_EQ(r["Content-Crs"], query.empty() ? "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"
                                              : "<http://www.opengis.net/def/crs/EPSG/0/4547>");
    ASSERT_EQ(r.body().kind(), http::Payload::Kind::Stream);
    std::string all;
    std::size_t pieces = 0;
    for (bool more = true; more; ++pieces) {
      std::string piece;
      more = r.body().source()(piece);
      EXPECT_LE(piece.size(), kPiece);
      all += piece;
    }
    EXPECT_GT(pieces, 5u);
    const json page = json::parse(all);

    json features = json::array();
    std::size_t matched = 0;
    for (std::size_t offset = 0; offset == 0 || offset < matched; offset += 100) {
      const http::Response small = many_plots().get(base + "limit=100&offset=" + std::to_string(offset));
      EXPECT_EQ(small.body().kind(), http::Payload::Kind::Text);
      const json doc = ApiFixture::body(small);
      matched = doc["numberMatched"];
      for (const json& f : doc["features"]) features.push_back(f);
    }
    EXPECT_EQ(page["numberMatched"], matched);
    EXPECT_EQ(page["numberReturned"], matched);
    EXPECT_EQ(page["features"], features);
    EXPECT_NE(link(page, "self").find("limit=3000"), std::string::npos);
    EXPECT_EQ(link(page, "next"), "");
  }
}
