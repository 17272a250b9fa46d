// The web map's server side: the page and its files, composed styles, search by name, field
// titles in the schema, and the data fingerprint clients cache by.
#include "api_test_support.h"
#include "gunzip.h"
#include "store/fingerprint.h"
#include "styles/style_composer.h"

#include <gtest/gtest.h>

#include <set>

namespace onemap {
namespace {

using nlohmann::json;
using testing::ApiFixture;
using field = http::beast_http::field;

const ApiFixture& fixture() {
  static ApiFixture f;
  return f;
}

constexpr const char* kBrowserAccept =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

std::vector<std::string> layer_ids(const json& style) {
  std::vector<std::string> ids;
  for (const json& l : style["layers"]) ids.push_back(l["id"]);
  return ids;
}

TEST(WebMapApi, MapPageIsHtmlWithEtagAndGzip) {
  auto page = fixture().get("/map");
  ASSERT_EQ(page.result_int(), 200) << page.body().read_all();
  EXPECT_EQ(page[field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(page[field::cache_control], "no-cache");
  const std::string html = page.body().read_all();
  EXPECT_NE(html.find("<title>一张图</title>"), std::string::npos);
  const std::string etag(page[field::etag]);
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(fixture().get("/map", {{field::if_none_match, etag}}).result_int(), 304);

  auto gz = fixture().get("/map", {{field::accept_encoding, "gzip, deflate, br"}});
  ASSERT_EQ(gz.result_int(), 200);
  EXPECT_EQ(gz[field::content_encoding], "gzip");
  EXPECT_EQ(gz[field::etag], "W/" + etag);
  EXPECT_EQ(testing::gunzip(gz.body().read_all()), html);
  // The gzip variant's weak ETag still revalidates.
  EXPECT_EQ(fixture().get("/map", {{field::accept_encoding, "gzip"}, {field::if_none_match, "W/" + etag}}).result_int(),
            304);
}

TEST(WebMapApi, AssetsHaveTheirMediaTypeAndNeverLeaveTheWebFolder) {
  auto js = fixture().get("/web/src/app.js");
  ASSERT_EQ(js.result_int(), 200);
  EXPECT_EQ(js[field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body().read_all(), "export const answer = 42;\n");
  for (const char* target : {"/web/.env", "/web/../secret.txt", "/web/%2e%2e/secret.txt",
                             "/web/src%2F..%2F..%2Fsecret.txt", "/web/src/missing.js", "/web/src"}) {
    auto r = fixture().get(target);
    EXPECT_EQ(r.result_int(), 404) << target;
    EXPECT_EQ(r[field::content_type], "application/json") << target;
    EXPECT_EQ(r.body().read_all().find("outside web"), std::string::npos) << target;
  }
}

TEST(WebMapApi, BrowsersGetTheMapAtTheRootAndJsonClientsTheLandingPage) {
  EXPECT_EQ(fixture().get("/", {{field::accept, kBrowserAccept}})[field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(fixture().get("/?f=html")[field::content_type], "text/html; charset=utf-8");
  for (const char* accept : {"", "application/json", "*/*", "application/json, text/html;q=0.5", "text/html;q=0"}) {
    auto r = fixture().get("/", {{field::accept, accept}});
    EXPECT_EQ(r[field::content_type], "application/json") << accept;
  }
  EXPECT_EQ(fixture().get("/?f=json", {{field::accept, kBrowserAccept}})[field::content_type], "application/json");
}

TEST(WebMapApi, OnemapStyleHasEveryLayerItsSourcesGlyphsAndMetadata) {
  auto r = fixture().get("/styles/onemap.json");
  ASSERT_EQ(r.result_int(), 200) << r.body().read_all();
  const json style = ApiFixture::body(r);
  // Each source's TileJSON names its layer's version: an edit to one layer changes only its URL.
  const std::string v = store::version_text(fixture().snapshot->find("sites")->version);
  EXPECT_NE(v, store::version_text(fixture().snapshot->find("zones")->version));
  EXPECT_EQ(style["version"], 8);
  EXPECT_EQ(style["glyphs"], "http://example.org:8080/fonts/{fontstack}/{range}.pbf");
  EXPECT_EQ(style["sources"]["sites"]["url"], "http://example.org:8080/tiles/sites.json?v=" + v);
  EXPECT_EQ(style["sources"]["zones"]["type"], "vector");
  EXPECT_FALSE(style["sources"].contains("basemap"));  // none configured: nothing from another origin
  // Background, then areas (zones, order 50) under points (sites, the default 300), labels last.
  EXPECT_EQ(layer_ids(style),
            (std::vector<std::string>{"background", "zones/fill", "sites/circle", "zones/label", "sites/label"}));
  for (const json& l : style["layers"]) {
    if (l["id"] == "background") continue;
    const std::string collection = l["metadata"]["onemap:collection"];
    EXPECT_EQ(l["source"], collection);
    EXPECT_EQ(l["source-layer"], collection);
    if (l["type"] == "symbol") {
      EXPECT_EQ(l["layout"]["text-font"], json::array({"OneMap Sans"}));
    }
  }
  // The style file's own paint is kept.
  EXPECT_EQ(style["layers"][1]["paint"]["fill-color"][0], "match");
  const json& meta = style["metadata"];
  ASSERT_EQ(meta["onemap:collections"].size(), 2u);
  EXPECT_EQ(meta["onemap:collections"][0]["id"], "sites");
  EXPECT_EQ(meta["onemap:collections"][0]["geometry_type"], "point");
  EXPECT_EQ(meta["onemap:collections"][0]["theme"], "水");
  EXPECT_EQ(meta["onemap:collections"][0]["title_en"], "Sites");
  EXPECT_EQ(meta["onemap:collections"][1]["geometry_type"], "polygon");
  EXPECT_EQ(meta["onemap:collections"][0]["version"], v);
  EXPECT_EQ(meta["onemap:data_version"], fixture().snapshot->data_fingerprint);
  // No themes configured: in the order layers name them.
  EXPECT_EQ(meta["onemap:themes"],
            json::parse(R"([{"name": "水", "title_en": "水"}, {"name": "土", "title_en": "土"}])"));
  // The bounds of all data: the sites' grid spans the zones.
  const std::vector<double> bounds = meta["onemap:bounds"];
  EXPECT_NEAR(bounds[0], 112.0, 1e-9);
  EXPECT_NEAR(bounds[1], 35.0, 1e-9);
  EXPECT_NEAR(bounds[2], 112.4, 1e-9);
  EXPECT_NEAR(bounds[3], 35.4, 1e-9);
  EXPECT_NEAR(style["center"][0].get<double>(), 112.2, 1e-9);
}

TEST(WebMapApi, OneLayerStyleAndItsErrors) {
  const json sites = ApiFixture::body(fixture().get("/styles/sites.json"));
  EXPECT_EQ(layer_ids(sites), (std::vector<std::string>{"background", "sites/circle", "sites/label"}));
  EXPECT_EQ(sites["sources"].size(), 1u);
  EXPECT_EQ(fixture().get("/styles/nowhere.json").result_int(), 404);
  EXPECT_EQ(fixture().get("/styles/sites").result_int(), 404);
  EXPECT_EQ(fixture().get("/styles/sites.json?f=xml").result_int(), 400);
}

TEST(WebMapApi, AConfiguredBaseMapLiesUnderEveryLayer) {
  store::Snapshot with_basemap;
  with_basemap.catalog = fixture().snapshot->catalog;
  with_basemap.catalog.basemap = catalog::BaseMap{
      {"https://t0.example/{z}/{x}/{y}.png"}, "© 天地图", 256, 18, {"https://t0.example/cva/{z}/{x}/{y}.png"}};
  std::vector<const store::Layer*> layers;
  for (const auto& l : fixture().snapshot->layers) layers.push_back(l.get());
  const json style = styles::compose_style(with_basemap, layers, "https://map.example");
  EXPECT_EQ(layer_ids(style), (std::vector<std::string>{"background", "basemap", "basemap-labels", "zones/fill",
                                                        "sites/circle", "zones/label", "sites/label"}));
  EXPECT_EQ(style["sources"]["basemap"]["type"], "raster");
  EXPECT_EQ(style["sources"]["basemap"]["tiles"][0], "https://t0.example/{z}/{x}/{y}.png");
  EXPECT_EQ(style["sources"]["basemap"]["attribution"], "© 天地图");
  EXPECT_EQ(style["sources"]["sites"]["url"],
            "https://map.example/tiles/sites.json?v=" + store::version_text(layers[0]->version));
  with_basemap.catalog.themes = {{"土", "Soil"}, {"空", "Empty"}};
  EXPECT_EQ(styles::compose_style(with_basemap, layers, "")["metadata"]["onemap:themes"],
            json::parse(R"([{"name": "土", "title_en": "Soil"}, {"name": "空", "title_en": "Empty"},
                            {"name": "水", "title_en": "水"}])"));
}

TEST(WebMapApi, SearchRanksExactThenPrefixThenSubstring) {
  auto r = fixture().get("/search?q=site-2-3");
  ASSERT_EQ(r.result_int(), 200) << r.body().read_all();
  json doc = ApiFixture::body(r);
  ASSERT_EQ(doc["numberReturned"], 1);
  const json& hit = doc["results"][0];
  EXPECT_EQ(hit["collection"], "sites");
  EXPECT_EQ(hit["name"], "site-2-3");
  EXPECT_EQ(hit["match"], "exact");
  // Row 2, column 3: lon 112.3, lat 35.2.
  EXPECT_NEAR(hit["point"][0].get<double>(), 112.3, 1e-9);
  EXPECT_NEAR(hit["point"][1].get<double>(), 35.2, 1e-9);

  doc = ApiFixture::body(fixture().get("/search?q=SITE-1&limit=3"));
  ASSERT_EQ(doc["numberReturned"], 3);  // five match; the limit holds
  for (const json& h : doc["results"]) EXPECT_EQ(h["name"].get<std::string>().rfind("site-1-", 0), 0u);

  // Chinese, inside a name; the polygon's bbox comes with it.
  doc = ApiFixture::body(fixture().get("/search?q=%E4%BF%9D%E6%8A%A4"));  // 保护
  ASSERT_EQ(doc["numberReturned"], 1);
  EXPECT_EQ(doc["results"][0]["name"], "一级保护区");
  EXPECT_EQ(doc["results"][0]["match"], "contains");
  EXPECT_EQ(doc["results"][0]["bbox"], json::array({112.0, 35.0, 112.1, 35.1}));

  // The exact name ranks before longer names that start with it.
  doc = ApiFixture::body(fixture().get("/search?q=bowtie"));
  EXPECT_EQ(doc["results"][0]["match"], "exact");

  EXPECT_EQ(ApiFixture::body(fixture().get("/search?q=nothing-like-it"))["numberReturned"], 0);
  for (const char* bad : {"/search", "/search?q=", "/search?q=%20", "/search?q=a&limit=0", "/search?q=a&limit=101",
                          "/search?q=a&limit=x", "/search?q=a&colour=red"})
    EXPECT_EQ(fixture().get(bad).result_int(), 400) << bad;
}

TEST(WebMapApi, CollectionSchemaCarriesTheCatalogsTitles) {
  const json c = ApiFixture::body(fixture().get("/collections/sites"));
  EXPECT_EQ(c["x-onemap-title-en"], "Sites");
  EXPECT_EQ(c["x-onemap-theme"], "水");
  EXPECT_EQ(c["x-onemap-name-field"], "name");
  EXPECT_EQ(c["properties"]["name"]["title"], "名称");
  EXPECT_EQ(c["properties"]["name"]["x-onemap-title-en"], "Name");
  EXPECT_EQ(c["properties"]["flag"]["x-onemap-values"]["true"], (json{{"zh", "是"}, {"en", "yes"}}));
  EXPECT_FALSE(c["properties"]["count"].contains("title"));  // no title given: none made up
}

TEST(WebMapApi, FingerprintFollowsTheDataNotTheLoad) {
  const store::Snapshot& s = *fixture().snapshot;
  EXPECT_EQ(s.data_fingerprint.size(), 16u);
  EXPECT_EQ(store::data_fingerprint(s.layers), s.data_fingerprint);  // the same data, the same version
  // Any change of a value, an id or a coordinate changes it.
  std::set<std::string> seen{s.data_fingerprint};
  // A copy of the data with the first layer's features edited: `edit` may change feature i's
  // id, values and geometry, or return false to leave it out.
  auto changed = [&](auto&& edit) {
    std::vector<std::shared_ptr<store::Layer>> copy;
    for (const auto& layer : s.layers) {
      auto l = std::make_unique<store::Layer>();
      l->config = layer->config;
      l->fields = layer->fields;
      for (std::uint32_t i = 0; i < layer->feature_count(); ++i) {
        std::string id = layer->feature_id(i);
        std::vector<store::Value> values = layer->values(i);
        geo::Geometry g = geo::copy_geometry(layer->lonlat_geometry(i));
        if (copy.empty() && !edit(i, id, values, g)) continue;
        l->add_feature(id, values, g);
      }
      l->finish();
      l->version = store::layer_fingerprint(*l, s.catalog.server.tile_buffer);
      copy.push_back(std::move(l));
    }
    return seen.insert(store::data_fingerprint(copy)).second;
  };
  EXPECT_FALSE(changed([](std::uint32_t, std::string&, std::vector<store::Value>&, geo::Geometry&) { return true; }))
      << "an unedited copy has the snapshot's fingerprint";
  const std::uint32_t last = s.layers[0]->feature_count() - 1;
  using Values = std::vector<store::Value>;
  EXPECT_TRUE(changed([](std::uint32_t i, std::string&, Values& values, geo::Geometry&) {
    if (i == 3) values[0] = std::string("renamed");
    return true;
  }));
  EXPECT_TRUE(changed([](std::uint32_t i, std::string& id, Values&, geo::Geometry&) {
    if (i == 3) id = "999";
    return true;
  }));
  EXPECT_TRUE(changed([](std::uint32_t i, std::string&, Values&, geo::Geometry& g) {
    if (i == 3) g.coords[0].x += 1e-9;
    return true;
  }));
  EXPECT_TRUE(changed([&](std::uint32_t i, std::string&, Values&, geo::Geometry&) { return i != last; }));
}

}  // namespace
}  // namespace onemap
