// The processes on the real binary and the demo data: the demo generator places features so
// that every rule R1–R11 is broken somewhere, and the city's named plots get the restrictions
// their attributes call for. Also: a rules file naming what the data lacks stops startup.
#include "demo_server.h"
#include "fixtures.h"
#include "http_client.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

using namespace onemap::testing;
using nlohmann::json;

namespace {

class DemoProcesses : public DemoServerTest<DemoProcesses> {
 protected:
  static json execute(const std::string& process, const json& inputs) {
    auto r = http_post(server_->port(), "/processes/" + process + "/execution", json{{"inputs", inputs}}.dump());
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return json::parse(r.body());
  }
};

// The demo feature id of a polluted plot, by name.
std::string plot_id(unsigned short port, const std::string& name) {
  auto r = http_get(port, "/collections/polluted_plots/items?limit=100");
  json fc = json::parse(r.body());
  for (const json& f : fc["features"])
    if (f["properties"]["name"] == name) return f["id"].dump();
  return "";
}

}  // namespace

TEST_F(DemoProcesses, ScreeningFindsEveryRuleBrokenSomewhere) {
  json fc = execute("screening", json::object());
  std::set<std::string> rules;
  for (const json& f : fc["features"]) rules.insert(f["properties"]["rule"].get<std::string>());
  for (int i = 1; i <= 11; ++i) EXPECT_TRUE(rules.count("R" + std::to_string(i))) << "R" << i;
}

TEST_F(DemoProcesses, NamedPlotsGetTheirRestrictions) {
  std::string id = plot_id(server_->port(), "华宇金铅");  // listed, heavily polluted, planned residential
  ASSERT_FALSE(id.empty());
  json result = execute("plot-restrictions", {{"collection", "polluted_plots"}, {"feature_id", json::parse(id)}});
  std::set<std::string> rules;
  for (const json& r : result["restrictions"]) rules.insert(r["rule"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"R3", "R4", "R5"})) << result.dump(1);
  EXPECT_FALSE(result["township"].is_null());
}

TEST_F(DemoProcesses, LedgerDownloadIsCsvWithBom) {
  auto r = http_post(
      server_->port(), "/processes/within-distance/execution?f=csv",
      R"({"inputs": {"source": "enterprises", "target": "farmland", "source_filter": {"heavy_metal": true}, "distance": 10000}})");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body().rfind("\xEF\xBB\xBFid,name,", 0), 0u);
  EXPECT_NE(r[boost::beast::http::field::content_disposition].find("attachment"), std::string::npos);
}

TEST(RulesStartup, ARuleNamingAPropertyTheDataLacksStopsStartup) {
  TempDir dir;
  std::string layers_dir = std::string(ONEMAP_SOURCE_DIR) + "/layers";
  write_text(dir / "onemap.yaml",
             "title: x\ncatalog: " + layers_dir + "\nrules: rules.yaml\nanalysis_crs: EPSG:4547\n");
  write_text(dir / "rules.yaml",
             "rules:\n  - id: X9\n    kind: inside\n    severity: notice\n    source: {layer: enterprises, where: "
             "{heavy: true}}\n"
             "    target: {layer: built_up_area}\n    text: t\n    summary: s\n");
  auto r =
      run_command(std::string(ONEMAP_BINARY) + " serve --port 0 --config " + (dir / "onemap.yaml").string() + " 2>&1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("rules.yaml: rule 'X9': source.where: layer 'enterprises' has no property 'heavy'"),
            std::string::npos)
      << r.output;
}

TEST(RulesStartup, ServeDataKeepsTheRulesItsLayersAllow) {
  ASSERT_TRUE(std::filesystem::exists(kDemoGpkg)) << "run scripts/make-demo-data.py first (scripts/test.sh does)";
  ServerProcess server({"--data", kDemoGpkg});
  auto r = http_get(server.port(), "/processes/plot-restrictions");
  json d = json::parse(r.body());
  EXPECT_NE(d["description"].get<std::string>().find("R11"), std::string::npos);
}
