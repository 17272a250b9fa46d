// plot-restrictions on hand-built plots, one per rule, where the answer is known by construction
// (the map is in domain_fixture.cpp). Plots are sent in EPSG:4547, as the land bureau draws them.
#include "domain_fixture.h"
#include "geo/reprojector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

using namespace onemap::testing;
using nlohmann::json;

namespace {

json check(const json& geometry, const std::string& planned_use = "") {
  json inputs = {{"geometry", geometry}, {"crs", "EPSG:4547"}};
  if (!planned_use.empty()) inputs["planned_use"] = planned_use;
  return domain_fixture().execute("plot-restrictions", inputs);
}

std::vector<json> of_rule(const json& result, const std::string& rule) {
  std::vector<json> out;
  for (const json& r : result["restrictions"])
    if (r["rule"] == rule) out.push_back(r);
  return out;
}

std::set<std::string> rules_found(const json& result) {
  std::set<std::string> out;
  for (const json& r : result["restrictions"]) out.insert(r["rule"].get<std::string>());
  return out;
}

}  // namespace

TEST(PlotRestrictions, CleanPlotHasNoRestrictionsAndNamesItsTownship) {
  json result = check(rect_geojson(18000, 1000, 18500, 1500), "commercial");
  EXPECT_TRUE(result["restrictions"].empty()) << result.dump(1);
  EXPECT_EQ(result["township"]["name"], "梨林镇");
  EXPECT_NEAR(result["plot"]["area_m2"].get<double>(), 250000, 0.01);
  EXPECT_EQ(result["counts"]["prohibited"], 0);
}

TEST(PlotRestrictions, TownshipIsTheOneWithTheLargestOverlap) {
  json result = check(rect_geojson(9000, 1000, 10600, 1200), "commercial");  // 1000 m in T1, 600 m in T2
  EXPECT_EQ(result["township"]["name"], "克井镇");
  EXPECT_NEAR(result["township"]["overlap_m2"].get<double>(), 200000, 0.01);
}

TEST(PlotRestrictions, R1FarmingPlotListsHeavyMetalEnterprisesWithinThePlainDistance) {
  json result = check(rect_geojson(1000, 5000, 1200, 5200), "agricultural");
  auto r1 = of_rule(result, "R1");
  ASSERT_EQ(r1.size(), 1u) << result.dump(1);
  EXPECT_EQ(r1[0]["name"], "E1 铅业");
  EXPECT_EQ(r1[0]["relation"], "within_distance");
  EXPECT_EQ(r1[0]["severity"], "notice");
  EXPECT_NEAR(r1[0]["distance_m"].get<double>(), std::hypot(300.0, 1000.0), 0.001);
}

TEST(PlotRestrictions, R1InTheMountainsReachesOnlyThreeKilometres) {
  // Terrain comes from terrain_zones: mountain, so 3 km. E2 is 1000 m away, E5 3100 m.
  json result = check(rect_geojson(16000, 10000, 16500, 10500), "agricultural");
  auto r1 = of_rule(result, "R1");
  ASSERT_EQ(r1.size(), 1u) << result.dump(1);
  EXPECT_EQ(r1[0]["name"], "E2 矿业");
  EXPECT_NEAR(r1[0]["distance_m"].get<double>(), 1000, 0.001);
  EXPECT_TRUE(of_rule(check(rect_geojson(16000, 10000, 16500, 10500), "industrial"), "R1").empty());
}

TEST(PlotRestrictions, R1AFarmlandParcelItselfIsInScope) {
  json result = domain_fixture().execute("plot-restrictions", {{"collection", "farmland"}, {"feature_id", 1}});
  auto r1 = of_rule(result, "R1");
  ASSERT_EQ(r1.size(), 1u) << result.dump(1);
  EXPECT_NEAR(r1[0]["distance_m"].get<double>(), 2000, 0.001);
}

TEST(PlotRestrictions, R2PlotPlannedAsTailingsPondNearTheMainstream) {
  json result = check(rect_geojson(2000, 8000, 2200, 8200), "tailings_pond");
  auto r2 = of_rule(result, "R2");
  ASSERT_EQ(r2.size(), 1u) << result.dump(1);
  EXPECT_EQ(r2[0]["name"], "黄河");
  EXPECT_EQ(r2[0]["severity"], "prohibited");
  EXPECT_NEAR(r2[0]["distance_m"].get<double>(), 1300, 0.001);
  // The tributary reaches 1 km only: a pond 1500 m from it is allowed.
  EXPECT_TRUE(of_rule(check(rect_geojson(13300, 5000, 13500, 5200), "tailings_pond"), "R2").empty());
}

TEST(PlotRestrictions, R2PlotHoldingATailingsPond) {
  json result = check(rect_geojson(1900, 6900, 2600, 7600), "industrial");
  auto r2 = of_rule(result, "R2");
  ASSERT_EQ(r2.size(), 1u) << result.dump(1);
  EXPECT_NEAR(r2[0]["distance_m"].get<double>(), 1900, 0.001);
}

TEST(PlotRestrictions, R3R4R5ResidentialOnAListedHeavilyPollutedPlot) {
  json result = check(rect_geojson(3200, 6200, 3300, 6300), "residential");
  EXPECT_EQ(rules_found(result), (std::set<std::string>{"R3", "R4", "R5"})) << result.dump(1);
  auto r3 = of_rule(result, "R3");
  EXPECT_EQ(r3[0]["name"], "PL 华宇金铅");
  EXPECT_EQ(r3[0]["relation"], "inside");
  EXPECT_NEAR(r3[0]["overlap_m2"].get<double>(), 10000, 0.01);
  EXPECT_EQ(r3[0]["severity"], "prohibited");
  EXPECT_EQ(of_rule(result, "R4")[0]["severity"], "restricted");
  // Industrial use on the same ground: only R5 (targets not met) remains.
  EXPECT_EQ(rules_found(check(rect_geojson(3200, 6200, 3300, 6300), "industrial")), std::set<std::string>{"R5"});
}

TEST(PlotRestrictions, R4SchoolOnARemediatedButHeavilyPollutedPlot) {
  json result = check(rect_geojson(12900, 3100, 13100, 3300), "school");  // half on PH
  EXPECT_EQ(rules_found(result), std::set<std::string>{"R4"}) << result.dump(1);
  EXPECT_EQ(of_rule(result, "R4")[0]["relation"], "intersects");
  EXPECT_NEAR(of_rule(result, "R4")[0]["overlap_m2"].get<double>(), 20000, 0.01);
}

TEST(PlotRestrictions, R5ContaminatedPlotBlocksAnyUse) {
  json result = check(rect_geojson(8100, 6100, 8200, 6200), "commercial");
  EXPECT_EQ(rules_found(result), std::set<std::string>{"R5"}) << result.dump(1);
  EXPECT_EQ(of_rule(result, "R5")[0]["name"], "PC 东方冶炼");
}

TEST(PlotRestrictions, R6RiskUnknownPlot) {
  json result = check(rect_geojson(10600, 6100, 10700, 6200), "commercial");
  EXPECT_EQ(rules_found(result), std::set<std::string>{"R6"}) << result.dump(1);
}

TEST(PlotRestrictions, R7HousingThirtyMetresFromASuspectedPlot) {
  json result = check(rect_geojson(13530, 1000, 13800, 1300), "residential");
  auto r7 = of_rule(result, "R7");
  ASSERT_EQ(r7.size(), 1u) << result.dump(1);
  EXPECT_EQ(r7[0]["name"], "PS 皮革厂");
  EXPECT_EQ(r7[0]["relation"], "adjacent");
  EXPECT_NEAR(r7[0]["distance_m"].get<double>(), 30, 0.001);
  EXPECT_EQ(rules_found(result), std::set<std::string>{"R7"});
  // 60 m away is beyond "adjacent" (50 m); industrial use is not sensitive.
  EXPECT_TRUE(check(rect_geojson(13560, 1000, 13800, 1300), "residential")["restrictions"].empty());
  EXPECT_TRUE(check(rect_geojson(13530, 1000, 13800, 1300), "industrial")["restrictions"].empty());
}

TEST(PlotRestrictions, R8IndustryOnPriorityFarmland) {
  json result = check(rect_geojson(1500, 1500, 2500, 2500), "industrial");
  auto r8 = of_rule(result, "R8");
  ASSERT_EQ(r8.size(), 1u) << result.dump(1);
  EXPECT_EQ(r8[0]["layer"], "farmland");
  EXPECT_EQ(r8[0]["severity"], "prohibited");
  EXPECT_NEAR(r8[0]["overlap_m2"].get<double>(), 250000, 0.01);
  EXPECT_TRUE(of_rule(check(rect_geojson(1500, 1500, 2500, 2500), "green"), "R8").empty());
}

TEST(PlotRestrictions, R9InsideProtectionZonesByTier) {
  json result = check(rect_geojson(5200, 5200, 5400, 5400), "green");
  auto r9 = of_rule(result, "R9");
  ASSERT_EQ(r9.size(), 2u) << result.dump(1);
  EXPECT_EQ(r9[0]["severity"], "prohibited");  // 一级 first
  EXPECT_EQ(r9[0]["relation"], "inside");
  EXPECT_EQ(r9[1]["severity"], "restricted");  // 二级
  // Only in the second tier.
  auto outer = of_rule(check(rect_geojson(4600, 4600, 4800, 4800), "green"), "R9");
  ASSERT_EQ(outer.size(), 1u);
  EXPECT_EQ(outer[0]["severity"], "restricted");
}

TEST(PlotRestrictions, R10IndustryInsideTheBuiltUpArea) {
  json result = check(rect_geojson(7500, 500, 8000, 1000), "industrial");
  EXPECT_EQ(rules_found(result), std::set<std::string>{"R10"}) << result.dump(1);
  EXPECT_EQ(of_rule(result, "R10")[0]["name"], "济源城区");
  EXPECT_TRUE(check(rect_geojson(7500, 500, 8000, 1000), "residential")["restrictions"].empty());
}

TEST(PlotRestrictions, R11AnyPlotOnStrictControlFarmland) {
  json result = check(rect_geojson(3500, 1500, 4500, 2500), "green");
  auto r11 = of_rule(result, "R11");
  ASSERT_EQ(r11.size(), 1u) << result.dump(1);
  EXPECT_NEAR(r11[0]["overlap_m2"].get<double>(), 250000, 0.01);
  EXPECT_EQ(rules_found(result), std::set<std::string>{"R11"});
}

TEST(PlotRestrictions, APollutedPlotChecksItsOwnAttributesAndPlannedUse) {
  json result = domain_fixture().execute("plot-restrictions", {{"collection", "polluted_plots"}, {"feature_id", 1}});
  EXPECT_EQ(result["plot"]["planned_use"], "residential");
  EXPECT_EQ(rules_found(result), (std::set<std::string>{"R3", "R4", "R5"})) << result.dump(1);
  for (const json& r : result["restrictions"]) EXPECT_EQ(r["relation"], "attribute");
  // A planned use given overrides the feature's own.
  json industrial = domain_fixture().execute(
      "plot-restrictions", {{"collection", "polluted_plots"}, {"feature_id", 1}, {"planned_use", "industrial"}});
  EXPECT_EQ(rules_found(industrial), std::set<std::string>{"R5"});
}

TEST(PlotRestrictions, AFarmlandParcelPlannedIndustrialIsOnPriorityFarmland) {
  json result = domain_fixture().execute(
      "plot-restrictions", {{"collection", "farmland"}, {"feature_id", 1}, {"planned_use", "industrial"}});
  auto r8 = of_rule(result, "R8");
  ASSERT_EQ(r8.size(), 1u) << result.dump(1);
  EXPECT_EQ(r8[0]["relation"], "inside");
  EXPECT_EQ(result["plot"]["collection"], "farmland");
}

TEST(PlotRestrictions, GeometryInLonLatGivesTheSameAnswer) {
  // The R8 plot's corners in CRS84: edges straight in lon/lat bend slightly in Gauss-Kruger, so
  // the overlap agrees to well under a square metre, not exactly.
  const auto& to_lonlat =
      onemap::geo::Reprojector::for_this_thread({"EPSG:4547", true}, onemap::geo::kCrs84.gis_order());
  json ring = json::array();
  for (auto [x, y] :
       std::vector<std::pair<double, double>>{{1500, 1500}, {2500, 1500}, {2500, 2500}, {1500, 2500}, {1500, 1500}}) {
    onemap::geo::Coord c = to_lonlat.transform(onemap::geo::Coord{kX0 + x, kY0 + y});
    ring.push_back({c.x, c.y});
  }
  json result = domain_fixture().execute(
      "plot-restrictions",
      {{"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}, {"planned_use", "industrial"}});
  auto r8 = of_rule(result, "R8");
  ASSERT_EQ(r8.size(), 1u) << result.dump(1);
  EXPECT_NEAR(r8[0]["overlap_m2"].get<double>(), 250000, 1.0);
  EXPECT_EQ(result["plot"]["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
}
