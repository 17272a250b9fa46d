// Rule scope under roles (issue P9b, item 1): a rule is run for a caller only when every layer it
// reads is visible to them — source, target and the layers a plot's properties are derived from
// (R1 reads terrain_zones for a drawn plot). With each layer of the small city hidden in turn,
// every process, synchronous and asynchronous, answers without a crash or a 5xx, and no rule
// reading the hidden layer is checked, listed or named.
#include "api/router.h"
#include "domain_city.h"
#include "fixtures.h"
#include "store/layer_set.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace onemap::testing {
namespace {

using nlohmann::json;
namespace beast_http = http::beast_http;

// The city with `hidden` visible to admin only, behind an Api (no pool: async jobs run inline).
class HiddenCity {
 public:
  explicit HiddenCity(const std::string& hidden) {
    const std::filesystem::path gpkg = dir_ / "city.gpkg";
    write_city(gpkg);
    catalog::Catalog catalog = city_catalog(gpkg);
    for (catalog::LayerConfig& layer : catalog.layers)
      if (layer.id == hidden) layer.roles = {"admin"};
    holder_ = std::make_unique<store::SnapshotHolder>(store::load_snapshot(std::move(catalog)));
    api_ = std::make_unique<api::Api>(*holder_);
    api_->set_bind_url("http://example.org");
  }

  const store::Snapshot& snapshot() const { return *holder_->get(); }

  http::Response execute(const std::string& process, const json& inputs, bool async) const {
    http::Request request{beast_http::verb::post, "/processes/" + process + "/execution", 11};
    request.set(beast_http::field::host, "example.org");
    request.set(beast_http::field::content_type, "application/json");
    if (async) request.set(beast_http::field::prefer, "respond-async");
    request.body() = json{{"inputs", inputs}}.dump();
    request.prepare_payload();
    return api_->handle(request);
  }

 private:
  TempDir dir_;
  std::unique_ptr<store::SnapshotHolder> holder_;
  std::unique_ptr<api::Api> api_;
};

const std::vector<std::string>& rule_reading_layers() {
  static const std::vector<std::string> ids = {"terrain_zones",          "townships",     "farmland", "enterprises",
                                               "water_protection_zones", "polluted_plots"};
  return ids;
}

TEST(RuleScope, ARuleIsSeenOnlyWhenEveryLayerItReadsIsVisible) {
  HiddenCity city("terrain_zones");
  const store::Snapshot& s = city.snapshot();
  const store::LayerSet anonymous(s, "public"), admin = store::LayerSet::all(s);
  const catalog::Rule* r1 = s.catalog.rules.find("R1");
  ASSERT_TRUE(r1);
  ASSERT_EQ(r1->plot.derive.count("terrain"), 1u) << "R1 derives a drawn plot's terrain (rules.yaml)";
  EXPECT_TRUE(anonymous.find(r1->source.layer) && anonymous.find(r1->target->layer))
      << "source and target stay visible: only the derived layer is hidden";
  EXPECT_FALSE(anonymous.sees(*r1));
  EXPECT_TRUE(admin.sees(*r1));
}

// The crash of the report: a drawn plot planned for agriculture, R1 in scope, terrain_zones hidden.
TEST(RuleScope, ADrawnAgriculturalPlotIsCheckedWhenTheTerrainLayerIsHidden) {
  HiddenCity city("terrain_zones");
  const json drawn = {{"geometry", rect_geojson(3000, 6000, 3500, 6500)},
                      {"crs", "http://www.opengis.net/def/crs/EPSG/0/4547"},
                      {"planned_use", "agricultural"}};
  for (bool async : {false, true}) {
    http::Response r = city.execute("plot-restrictions", drawn, async);
    ASSERT_LT(r.result_int(), 300) << (async ? "async: " : "sync: ") << r.body().read_all();
    if (async) continue;
    const json body = json::parse(r.body().read_all());
    for (const char* list : {"rules_checked", "rules_not_applicable"})
      for (const json& id : body[list]) EXPECT_NE(id, "R1") << "R1 reads the hidden terrain_zones: not for this caller";
  }
}

// Each layer hidden in turn, every process with every planned use, drawn and as a feature: never a
// 5xx, and no rule reading the hidden layer is checked or named.
TEST(RuleScope, EveryProcessAnswersWithAnyOneLayerHidden) {
  for (const std::string& hidden : rule_reading_layers()) {
    SCOPED_TRACE("hidden: " + hidden);
    HiddenCity city(hidden);
    const catalog::RuleSet& rules = city.snapshot().catalog.rules;
    std::vector<std::string> unseen;
    for (const catalog::Rule& rule : rules.rules)
      for (const std::string& id : rule.layers())
        if (id == hidden) unseen.push_back(rule.id);

    std::vector<std::pair<std::string, json>> calls = {
        {"screening", json::object()},
        {"zonal-summary", json::object()},
        {"within-distance", {{"source", "enterprises"}, {"target", "farmland"}, {"distance", 5000}}}};
    for (const std::string& use : rules.planned_uses) {
      calls.push_back({"plot-restrictions",
                       {{"geometry", rect_geojson(3000, 6000, 3500, 6500)},
                        {"crs", "http://www.opengis.net/def/crs/EPSG/0/4547"},
                        {"planned_use", use}}});
      for (const char* layer : {"polluted_plots", "farmland"})
        calls.push_back({"plot-restrictions", {{"collection", layer}, {"feature_id", 1}, {"planned_use", use}}});
    }
    for (const auto& [process, inputs] : calls)
      for (bool async : {false, true}) {
        http::Response r = city.execute(process, inputs, async);
        const std::string body = r.body().read_all();
        EXPECT_LT(r.result_int(), 500) << process << " " << inputs.dump() << ": " << body.substr(0, 300);
        if (async || r.result_int() != 200 || process != "plot-restrictions") continue;
        const json report = json::parse(body);
        for (const std::string& id : unseen)
          for (const char* list : {"rules_checked", "rules_not_applicable"})
            for (const json& listed : report[list]) EXPECT_NE(listed, id) << inputs.dump();
      }
  }
}

}  // namespace
}  // namespace onemap::testing
