// Roles per layer (issue P7): every route, for a restricted layer, called as anonymous, with a
// wrong role, with an expired URL token and with the right role (by key and by URL token); the
// layer is found only with the right role. On the small domain city, with polluted_plots
// visible to land_bureau only.
#include "domain_fixture.h"

#include "api/router.h"
#include "store/fingerprint.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <set>

namespace onemap::testing {
namespace {

constexpr const char* kProxy = "10.0.0.5";

using nlohmann::json;
constexpr const char* kHidden = "polluted_plots";

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class AccessCity {
 public:
  AccessCity() {
    std::filesystem::path gpkg = dir_ / "city.gpkg";
    write_city(gpkg);
    catalog::Catalog catalog = city_catalog(gpkg);
    catalog.server.trusted_proxies = {kProxy};  // a reverse proxy in front (none of the other callers)
    for (catalog::LayerConfig& layer : catalog.layers)
      if (layer.id == kHidden) layer.roles = {"land_bureau"};
    land_key = catalog.access.keys.add("land_bureau", "2026-11-30T00:00:00Z");
    planner_key = catalog.access.keys.add("planner", "2026-11-30T00:00:00Z");
    admin_key = catalog.access.keys.add("admin", "2026-11-30T00:00:00Z");
    const auth::ApiKey& land = catalog.access.keys.keys().front();
    expired_token = catalog.access.keys.url_token(land, now() - 10);
    valid_token = catalog.access.keys.url_token(land, now() + 600);
    holder_ = std::make_unique<store::SnapshotHolder>(store::load_snapshot(std::move(catalog)));
    api_ = std::make_unique<api::Api>(*holder_);
    api_->set_bind_url("http://example.org");
  }

  // The request as one kind of caller sends it: a key header, a URL token, or nothing.
  struct Caller {
    std::string name;
    std::string key;    // X-API-Key
    std::string token;  // ?token=
  };

  const store::Layer& layer(const std::string& id) const { return *holder_->get()->find(id); }

  http::Response call(const Caller& who, http::beast_http::verb verb, std::string target, const std::string& body = {},
                      const std::vector<std::pair<std::string, std::string>>& headers = {},
                      const std::string& remote = "127.0.0.1") const {
    if (!who.token.empty()) target += (target.find('?') == std::string::npos ? "?" : "&") + ("token=" + who.token);
    http::Request request{verb, target, 11};
    request.set(http::beast_http::field::host, "example.org");
    if (!who.key.empty()) request.set("X-API-Key", who.key);
    if (!body.empty()) {
      request.set(http::beast_http::field::content_type, "application/json");
      request.body() = body;
      request.prepare_payload();
    }
    for (const auto& [name, value] : headers) request.set(name, value);
    return api_->handle(request, remote);
  }

  const catalog::RuleSet& rule_set() const { return holder_->get()->catalog.rules; }
  std::shared_ptr<const store::Snapshot> snapshot() const { return holder_->get(); }

  http::Response call_with_header(const std::string& name, const std::string& value, const std::string& target) const {
    http::Request request{http::beast_http::verb::get, target, 11};
    request.set(http::beast_http::field::host, "example.org");
    request.set(name, value);
    return api_->handle(request);
  }

  std::string land_key, planner_key, admin_key, expired_token, valid_token;

 private:
  TempDir dir_;
  std::unique_ptr<store::SnapshotHolder> holder_;
  std::unique_ptr<api::Api> api_;
};

const AccessCity& city() {
  static AccessCity c;
  return c;
}

// What a route shows a caller of the hidden layer: found (2xx and the layer named in the body),
// or not (404 for the layer's own resources, a 2xx that never names it, or 401).
struct Probe {
  std::string what;
  http::beast_http::verb verb;
  std::string target;
  std::string body;
};

std::vector<Probe> probes() {
  using http::beast_http::verb;
  const std::string plot_feature = json{{"inputs", {{"collection", kHidden}, {"feature_id", 1}}}}.dump();
  const std::string drawn = json{{"inputs",
                                  {{"geometry", rect_geojson(3000, 6000, 3500, 6500)},
                                   {"crs", "http://www.opengis.net/def/crs/EPSG/0/4547"},
                                   {"planned_use", "residential"}}}}
                                .dump();
  const std::string within = json{{"inputs", {{"source", kHidden}, {"target", "farmland"}, {"distance", 5000}}}}.dump();
  return {
      {"collections", verb::get, "/collections", ""},
      {"collection", verb::get, "/collections/polluted_plots", ""},
      {"items", verb::get, "/collections/polluted_plots/items", ""},
      {"item", verb::get, "/collections/polluted_plots/items/1", ""},
      {"items as GeoPackage", verb::get, "/collections/polluted_plots/items?f=gpkg", ""},
      {"download", verb::get, "/download/polluted_plots.csv", ""},
      {"tilesets", verb::get, "/collections/polluted_plots/tiles", ""},
      {"OGC tile", verb::get, "/collections/polluted_plots/tiles/WebMercatorQuad/12/1620/3329", ""},
      {"TileJSON", verb::get, "/tiles/polluted_plots.json", ""},
      {"XYZ tile", verb::get, "/tiles/polluted_plots/12/3329/1620.mvt", ""},
      {"composite tile", verb::get, "/tiles/farmland,polluted_plots/12/3329/1620.mvt", ""},
      {"composite TileJSON", verb::get, "/tiles/farmland,polluted_plots.json", ""},
      {"style of all", verb::get, "/styles/onemap.json", ""},
      {"style of the layer", verb::get, "/styles/polluted_plots.json", ""},
      {"search", verb::get, "/search?q=%E5%8D%8E%E5%AE%87", ""},  // 华宇: a plot's name
      {"OpenAPI", verb::get, "/api", ""},
      {"screening", verb::post, "/processes/screening/execution", "{}"},
      {"plot check of a drawn plot", verb::post, "/processes/plot-restrictions/execution", drawn},
      {"plot check of a plot of the layer", verb::post, "/processes/plot-restrictions/execution", plot_feature},
      {"within-distance from the layer", verb::post, "/processes/within-distance/execution", within},
      {"zonal summary", verb::post, "/processes/zonal-summary/execution", "{}"},
  };
}

bool finds_hidden_layer(const http::Response& r) {
  if (r.result_int() >= 300) return false;
  const std::string body = r.body().read_all();
  // Binary answers (tiles, files) name their layer in the bytes too (MVT layer names, GPKG tables).
  // Files without the layer's name (CSV) hold its features: a plot's name (not the search's query).
  return body.find(kHidden) != std::string::npos || body.find("华宇金铅") != std::string::npos;
}

TEST(Access, RestrictedLayerIsFoundOnEveryRouteOnlyWithTheRightRole) {
  const AccessCity& c = city();
  const std::vector<AccessCity::Caller> callers = {{"anonymous", "", ""},
                                                   {"planner (wrong role)", c.planner_key, ""},
                                                   {"expired URL token", "", c.expired_token},
                                                   {"land_bureau by key", c.land_key, ""},
                                                   {"land_bureau by URL token", "", c.valid_token}};
  for (const Probe& p : probes()) {
    for (const AccessCity::Caller& who : callers) {
      const bool right_role = who.name.starts_with("land_bureau");
      http::Response r = c.call(who, p.verb, p.target, p.body);
      EXPECT_EQ(finds_hidden_layer(r), right_role)
          << p.what << " as " << who.name << ": " << r.result_int() << " " << r.body().read_all().substr(0, 300);
      if (who.name == "expired URL token") {
        EXPECT_EQ(r.result_int(), 401) << p.what;
      }
      if (who.name == "anonymous" && p.target.starts_with("/collections/polluted_plots")) {
        EXPECT_EQ(r.result_int(), 404) << p.what << " must hide the layer as if it did not exist";
      }
    }
  }
}

TEST(Access, AnswersDifferOnlyInTheHiddenLayer) {
  const AccessCity& c = city();
  const json anonymous = json::parse(c.call({}, http::beast_http::verb::get, "/collections").body().read_all());
  const json land =
      json::parse(c.call({"", c.land_key, ""}, http::beast_http::verb::get, "/collections").body().read_all());
  EXPECT_EQ(land["collections"].size(), anonymous["collections"].size() + 1);
  const json health = json::parse(c.call({}, http::beast_http::verb::get, "/health").body().read_all());
  const json health_land =
      json::parse(c.call({"", c.land_key, ""}, http::beast_http::verb::get, "/health").body().read_all());
  EXPECT_EQ(health_land["layers"].get<int>(), health["layers"].get<int>() + 1);
}

// P9b item 8: the fingerprints a caller is shown cover the layers they see, so a hidden layer's
// edits (and their undoing) never show; the load counter only to a caller who sees every layer.
TEST(Access, FingerprintsShownCoverOnlyTheCallersLayers) {
  const AccessCity& c = city();
  const store::Snapshot& s = *c.snapshot();
  std::vector<const store::Layer*> public_layers;
  for (const auto& layer : s.layers)
    if (layer->config.id != kHidden) public_layers.push_back(layer.get());
  const std::string public_print = store::version_text(store::layers_version(public_layers));
  ASSERT_NE(public_print, s.data_fingerprint);
  auto shown = [&](const AccessCity::Caller& who) {
    const json health = json::parse(c.call(who, http::beast_http::verb::get, "/health").body().read_all());
    const json style = json::parse(c.call(who, http::beast_http::verb::get, "/styles/onemap.json").body().read_all());
    EXPECT_EQ(health["data_fingerprint"], style["metadata"]["onemap:data_version"]) << who.name;
    return health;
  };
  const json anonymous = shown({}), land = shown({"land_bureau", c.land_key, ""});
  EXPECT_EQ(anonymous["data_fingerprint"], public_print);
  EXPECT_TRUE(anonymous["data_version"].is_null());
  EXPECT_EQ(land["data_fingerprint"], s.data_fingerprint);
  EXPECT_EQ(land["data_version"], s.version);
}

TEST(Access, RulesOfAHiddenLayerAreNotListed) {
  const AccessCity& c = city();
  auto rules = [&](const AccessCity::Caller& who) {
    const json d = json::parse(c.call(who, http::beast_http::verb::get, "/processes/screening").body().read_all());
    std::set<std::string> ids;
    for (const json& r : d["x-onemap-rules"]) ids.insert(r["id"].get<std::string>());
    return ids;
  };
  const std::set<std::string> anonymous = rules({}), land = rules({"", c.land_key, ""});
  // Rules whose source or target is polluted_plots (rules.yaml): R5–R9 among them.
  std::set<std::string> with_plots;
  for (const catalog::Rule& r : c.rule_set().rules)
    if (r.source.layer == kHidden || (r.target && r.target->layer == kHidden)) with_plots.insert(r.id);
  ASSERT_FALSE(with_plots.empty());
  EXPECT_EQ(land.size(), anonymous.size() + with_plots.size());
  for (const std::string& id : with_plots) {
    EXPECT_FALSE(anonymous.contains(id)) << id;
    EXPECT_TRUE(land.contains(id)) << id;
  }
  // Asking for one by name: as unknown as a rule that does not exist.
  EXPECT_EQ(c.call({}, http::beast_http::verb::post, "/processes/screening/execution",
                   json{{"inputs", {{"rules", {*with_plots.begin()}}}}}.dump())
                .result_int(),
            400);
}

TEST(Access, TilesOfRestrictedLayersArePrivateAndPublicOnesStayPublic) {
  const AccessCity& c = city();
  const AccessCity::Caller land{"", c.land_key, ""};
  auto versioned = [&](const std::string& layer) {
    return "/tiles/" + layer + "/12/3329/1620.mvt?v=" + store::version_text(c.layer(layer).version);
  };
  http::Response restricted = c.call(land, http::beast_http::verb::get, versioned("polluted_plots"));
  ASSERT_LT(restricted.result_int(), 300);
  EXPECT_EQ(restricted[http::beast_http::field::cache_control], "private, max-age=3600");
  http::Response open = c.call(land, http::beast_http::verb::get, versioned("farmland"));
  EXPECT_EQ(open[http::beast_http::field::cache_control], "public, max-age=3600");
  // Without a version, either may change under its URL: revalidate, and never in a shared cache.
  EXPECT_EQ(c.call(land, http::beast_http::verb::get,
                   "/tiles/polluted_plots/12/3329/1620.mvt")[http::beast_http::field::cache_control],
            "private, no-cache");
}

// A reverse proxy keying its tile cache by role (nginx: auth_request on /auth/whoami, the role in
// the key) may keep a restricted tile for that role: it is told so by X-Accel-Expires, which
// only a trusted proxy gets, and only when the role it keys by is the caller's.
TEST(Access, ARoleKeyedTrustedProxyMayKeepRestrictedTiles) {
  const AccessCity& c = city();
  const AccessCity::Caller land{"", c.land_key, ""};
  http::Response me = c.call(land, http::beast_http::verb::get, "/auth/whoami");
  EXPECT_EQ(me["X-OneMap-Role"], "land_bureau");
  EXPECT_EQ(c.call({}, http::beast_http::verb::get, "/auth/whoami")["X-OneMap-Role"], "public");

  const std::string tile =
      "/tiles/polluted_plots/12/3329/1620.mvt?v=" + store::version_text(c.layer("polluted_plots").version);
  auto accel = [&](const std::vector<std::pair<std::string, std::string>>& headers, const std::string& remote,
                   const std::string& target) {
    http::Response r = c.call(land, http::beast_http::verb::get, target, {}, headers, remote);
    EXPECT_LT(r.result_int(), 300) << target;
    EXPECT_EQ(r[http::beast_http::field::cache_control],
              target == tile ? "private, max-age=3600" : "private, no-cache");
    return std::string(r["X-Accel-Expires"]);
  };
  EXPECT_EQ(accel({{"X-OneMap-Cache-Role", "land_bureau"}}, kProxy, tile), "3600");
  EXPECT_EQ(accel({{"X-OneMap-Cache-Role", "land_bureau"}}, "10.9.9.9", tile), "") << "not a trusted proxy";
  EXPECT_EQ(accel({{"X-OneMap-Cache-Role", "public"}}, kProxy, tile), "") << "keyed by another role than the caller's";
  EXPECT_EQ(accel({}, kProxy, tile), "") << "a proxy that does not key by role";
  EXPECT_EQ(accel({{"X-OneMap-Cache-Role", "land_bureau"}}, kProxy, tile.substr(0, tile.find('?'))), "")
      << "no version: nothing to keep";
  // A public layer's tile asked with credentials: the proxy may keep it under the role too.
  http::Response open = c.call(land, http::beast_http::verb::get,
                               "/tiles/farmland/12/3329/1620.mvt?v=" + store::version_text(c.layer("farmland").version),
                               {}, {{"X-OneMap-Cache-Role", "land_bureau"}}, kProxy);
  EXPECT_EQ(open["X-Accel-Expires"], "3600");
  EXPECT_EQ(open[http::beast_http::field::cache_control], "public, max-age=3600");
  // nginx before 1.23 reads the first of the two: X-Accel-Expires must come before Cache-Control.
  http::Response r =
      c.call(land, http::beast_http::verb::get, tile, {}, {{"X-OneMap-Cache-Role", "land_bureau"}}, kProxy);
  std::vector<std::string> order;
  for (const auto& field : r)
    if (field.name_string() == "X-Accel-Expires" || field.name() == http::beast_http::field::cache_control)
      order.emplace_back(field.name_string());
  EXPECT_EQ(order, (std::vector<std::string>{"X-Accel-Expires", "Cache-Control"}));
}

TEST(Access, UrlTokenIsPassedOnInTileUrlsAndStyles) {
  const AccessCity& c = city();
  const AccessCity::Caller by_token{"", "", c.valid_token};
  const json tilejson =
      json::parse(c.call(by_token, http::beast_http::verb::get, "/tiles/polluted_plots.json").body().read_all());
  EXPECT_NE(tilejson["tiles"][0].get<std::string>().find("&token=" + c.valid_token), std::string::npos);
  const json style =
      json::parse(c.call(by_token, http::beast_http::verb::get, "/styles/onemap.json").body().read_all());
  EXPECT_NE(style["sources"][kHidden]["url"].get<std::string>().find("token="), std::string::npos);
  // A key sent as a header puts nothing in URLs.
  const json by_key = json::parse(
      c.call({"", c.land_key, ""}, http::beast_http::verb::get, "/tiles/polluted_plots.json").body().read_all());
  EXPECT_EQ(by_key["tiles"][0].get<std::string>().find("token="), std::string::npos);
}

TEST(Access, KeysInTheWrongPlaceAreNotReadAndBadOnesAre401) {
  const AccessCity& c = city();
  using http::beast_http::verb;
  // A key in a header or parameter OneMap does not read: anonymous, the layer hidden.
  EXPECT_EQ(c.call_with_header("X-Api-Token", c.land_key, "/collections/polluted_plots").result_int(), 404);
  EXPECT_EQ(c.call_with_header("Cookie", "key=" + c.land_key, "/collections/polluted_plots").result_int(), 404);
  EXPECT_EQ(c.call({}, verb::get, "/collections/polluted_plots?api_key=" + c.land_key).result_int(), 404);
  // Authorization with another scheme than Bearer is a mistake worth saying.
  EXPECT_EQ(c.call_with_header("Authorization", "Basic " + c.land_key, "/collections").result_int(), 401);
  EXPECT_TRUE(
      finds_hidden_layer(c.call_with_header("Authorization", "Bearer " + c.land_key, "/collections/polluted_plots")));
  EXPECT_EQ(c.call({"", "om_00000000_wrong", ""}, verb::get, "/collections").result_int(), 401);
  EXPECT_EQ(c.call({"", c.land_key + "x", ""}, verb::get, "/collections").result_int(), 401);
  EXPECT_EQ(c.call({"", "", "garbage"}, verb::get, "/collections").result_int(), 401);
  http::Response unauthorized = c.call({"", "", c.expired_token}, verb::get, "/collections");
  EXPECT_EQ(unauthorized[http::beast_http::field::www_authenticate], "Bearer realm=\"OneMap\"");
  // A token is for URLs; it never makes another.
  EXPECT_EQ(c.call({"", "", c.valid_token}, verb::post, "/auth/token").result_int(), 401);
  const json minted =
      json::parse(c.call({"", c.land_key, ""}, verb::post, "/auth/token?expires_in=60").body().read_all());
  EXPECT_EQ(minted["role"], "land_bureau");
  EXPECT_TRUE(finds_hidden_layer(
      c.call({"", "", minted["token"].get<std::string>()}, verb::get, "/collections/polluted_plots")));
  EXPECT_EQ(c.call({"", c.land_key, ""}, verb::post, "/auth/token?expires_in=99999999").result_int(), 400);
}

TEST(Access, WhoAmIAndTheMapOpenWithAStaleToken) {
  const AccessCity& c = city();
  using http::beast_http::verb;
  const json by_token = json::parse(c.call({"", "", c.valid_token}, verb::get, "/auth/whoami").body().read_all());
  EXPECT_EQ(by_token["role"], "land_bureau");
  EXPECT_EQ(by_token["via"], "url_token");
  EXPECT_EQ(json::parse(c.call({}, verb::get, "/auth/whoami").body().read_all())["role"], "public");
  // The page is the same for everyone: an expired link still opens it (no 401 page).
  EXPECT_NE(c.call({"", "", c.expired_token}, verb::get, "/map").result_int(), 401);
  EXPECT_EQ(c.call({"", "", c.expired_token}, verb::get, "/collections").result_int(), 401);
}

TEST(Access, AdminRoutesNeedAdmin) {
  const AccessCity& c = city();
  using http::beast_http::verb;
  EXPECT_EQ(c.call({}, verb::post, "/admin/reload").result_int(), 401);
  EXPECT_EQ(c.call({"", c.planner_key, ""}, verb::post, "/admin/reload").result_int(), 403);
  // This Api has no reloader: admin passes the role check and learns that.
  EXPECT_EQ(c.call({"", c.admin_key, ""}, verb::post, "/admin/reload").result_int(), 404);
  EXPECT_TRUE(finds_hidden_layer(c.call({"", c.admin_key, ""}, verb::get, "/collections/polluted_plots")));
}

}  // namespace
}  // namespace onemap::testing
