// screening and zonal-summary across the fixture city (domain_fixture.cpp has the map).
#include "analysis/screening.h"
#include "api/processes/process_output.h"
#include "domain_fixture.h"
#include "encode/csv_writer.h"
#include "store/layer_set.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace onemap;
using namespace onemap::testing;
using nlohmann::json;

namespace {

// rule → {feature name → (target name, distance or overlap)}
std::map<std::string, std::map<std::string, json>> by_rule(const json& fc) {
  std::map<std::string, std::map<std::string, json>> out;
  for (const json& f : fc["features"]) out[f["properties"]["rule"]][f["properties"]["name"]] = f["properties"];
  return out;
}

}  // namespace

TEST(Screening, EveryRuleFindsWhatTheMapHolds) {
  auto found = by_rule(domain_fixture().execute("screening", json::object()));
  // R1: E1 2000 m from plain farmland F1; E2 2500 m from mountain farmland F3 (3 km there);
  // E5 is 4.6 km from F3 and farther from the plain: not listed.
  ASSERT_EQ(found["R1"].size(), 2u);
  EXPECT_NEAR(found["R1"]["E1 铅业"]["distance_m"].get<double>(), 2000, 0.001);
  EXPECT_NEAR(found["R1"]["E2 矿业"]["distance_m"].get<double>(), 2500, 0.001);
  EXPECT_EQ(found["R1"]["E1 铅业"]["target_layer"], "farmland");
  ASSERT_EQ(found["R2"].size(), 1u);
  EXPECT_EQ(found["R2"]["P1 尾矿库"]["target_name"], "黄河");
  EXPECT_NEAR(found["R2"]["P1 尾矿库"]["distance_m"].get<double>(), 2000, 0.001);
  EXPECT_EQ(found["R3"].size(), 1u);
  EXPECT_TRUE(found["R3"].count("PL 华宇金铅"));
  EXPECT_EQ(found["R4"].size(), 1u);  // PH is heavily polluted but planned green
  EXPECT_EQ(found["R5"].size(), 2u);
  EXPECT_TRUE(found["R5"].count("PC 东方冶炼"));
  EXPECT_EQ(found["R6"].size(), 1u);
  EXPECT_TRUE(found["R7"].empty());
  EXPECT_TRUE(found["R8"].empty());
  // R9: E3 lies in both tiers; the strictest one is reported.
  ASSERT_EQ(found["R9"].size(), 1u);
  EXPECT_EQ(found["R9"]["E3 养殖场"]["severity"], "prohibited");
  EXPECT_EQ(found["R9"]["E3 养殖场"]["relation"], "inside");
  ASSERT_EQ(found["R10"].size(), 1u);
  EXPECT_TRUE(found["R10"].count("E4 化工"));
  EXPECT_TRUE(found["R11"].empty());
}

TEST(Screening, MostSevereFirstAndGeometryOfTheFeatureInBreach) {
  json fc = domain_fixture().execute("screening", json::object());
  ASSERT_FALSE(fc["features"].empty());
  EXPECT_EQ(fc["features"][0]["properties"]["severity"], "prohibited");
  EXPECT_EQ(fc["features"].back()["properties"]["severity"], "notice");
  EXPECT_EQ(fc["numberMatched"], fc["features"].size());
  for (const json& f : fc["features"]) EXPECT_TRUE(f["geometry"].is_object());
}

TEST(Screening, ChosenRulesOnlyAndCsvLedger) {
  auto r = domain_fixture().post("/processes/screening/execution?f=csv", R"({"inputs": {"rules": ["R9", "R10"]}})");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[boost::beast::http::field::content_type], "text/csv; charset=utf-8");
  const std::string body = r.body().read_all();
  ASSERT_EQ(body.rfind(onemap::encode::kUtf8Bom, 0), 0u);
  EXPECT_NE(body.find("rule,title,severity,layer,feature_id,name,relation,target_layer,target_id,target_name,distance_"
                      "m,overlap_m2,lon,lat,text\r\n"),
            std::string::npos);
  EXPECT_NE(body.find("R9,"), std::string::npos);
  EXPECT_NE(body.find("E4 化工"), std::string::npos);
  EXPECT_EQ(body.find("R1,"), std::string::npos);
  domain_fixture().execute("screening", {{"rules", {"R99"}}}, 400);
}

TEST(ZonalSummary, FiguresPerTownship) {
  json result = domain_fixture().execute("zonal-summary", json::object());
  EXPECT_EQ(result["zones_collection"], "townships");
  ASSERT_EQ(result["zones"].size(), 2u);
  const json& t1 = result["zones"][0];
  EXPECT_EQ(t1["name"], "克井镇");
  EXPECT_EQ(t1["enterprises"], 3);  // E1, E3, E4
  EXPECT_EQ(t1["heavy_metal_enterprises"], 1);
  EXPECT_EQ(t1["polluted_plots"], 2);
  EXPECT_EQ(t1["polluted_plots_by_status"]["listed"], 1);
  EXPECT_NEAR(t1["farmland"]["total"]["m2"].get<double>(), 2e6, 0.1);
  EXPECT_NEAR(t1["farmland"]["by_category"]["优先保护类"]["mu"].get<double>(), 1500, 0.001);
  EXPECT_EQ(t1["water_sections"]["missing_target"], 1);
  EXPECT_EQ(t1["water_sections"]["missing_target_names"][0], "黄河断面");
  const json& t2 = result["zones"][1];
  EXPECT_EQ(t2["enterprises"], 0);  // E2 and E5 lie north of the townships
  EXPECT_EQ(t2["polluted_plots"], 3);
  EXPECT_NEAR(t2["farmland"]["by_category"]["安全利用类"]["m2"].get<double>(), 1e6, 0.1);
  EXPECT_EQ(t2["water_sections"]["meeting_target"], 1);
  EXPECT_EQ(t2["water_sections"]["missing_target"], 1);  // 劣V against IV
}

TEST(ZonalSummary, AnyPolygonLayerAsZones) {
  json result = domain_fixture().execute("zonal-summary", {{"zones", "water_protection_zones"}});
  ASSERT_EQ(result["zones"].size(), 2u);
  EXPECT_EQ(result["zones"][0]["enterprises"], 1);  // E3, counted in the first zone covering it
  EXPECT_EQ(result["zones"][1]["enterprises"], 0);
  domain_fixture().execute("zonal-summary", {{"zones", "enterprises"}}, 400);
}

// The screening result is written as text straight (FindingText): the same bytes as the
// findings' JSON objects dumped, for every rule's findings, as screening and as plot checks.
TEST(Screening, FindingTextIsTheFindingJsonDumped) {
  const store::Snapshot& s = *domain_fixture().snapshot;
  std::vector<const catalog::Rule*> rules;
  for (const catalog::Rule& r : s.catalog.rules.rules) rules.push_back(&r);
  std::vector<analysis::Finding> findings = analysis::screen(store::LayerSet::all(s), rules);
  ASSERT_GE(findings.size(), 8u);
  // A finding without a target, name or distance, and one with a plot's missing source.
  analysis::Finding bare = findings.front();
  bare.other = {};
  bare.distance_m = std::nullopt;
  bare.overlap_m2 = 0.25;
  findings.push_back(bare);
  bare.source = {};
  findings.push_back(bare);
  std::set<std::string> rules_seen;
  for (bool plot_check : {false, true}) {
    api::FindingText text(plot_check);
    for (const analysis::Finding& f : findings) {
      std::string ours;
      text.append(ours, f);
      EXPECT_EQ(ours, api::finding_json(f, plot_check).dump(-1, ' ', false, json::error_handler_t::replace));
      rules_seen.insert(f.rule->id);
    }
  }
  EXPECT_GE(rules_seen.size(), 6u);
}
