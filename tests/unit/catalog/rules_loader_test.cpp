// rules.yaml: the repository's rule set reads as intended, and every mistake in a rules file is
// an error naming the file, the rule and the field.
#include "catalog/rules_loader.h"
#include "catalog/catalog.h"
#include "catalog/catalog_loader.h"
#include "catalog/rules_check.h"
#include "catalog/source_catalog.h"
#include "fixtures.h"
#include "layer_writer.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>

using namespace onemap;
using namespace onemap::catalog;
using onemap::testing::TempDir;
using onemap::testing::write_text;

namespace {

const std::filesystem::path kRepoRules = std::filesystem::path(ONEMAP_SOURCE_DIR) / "rules.yaml";

const char* const kHeader =
    "planned_uses: [residential, school, industrial, agricultural]\n"
    "use_groups: {sensitive: [residential, school]}\n"
    "rules:\n";

// The message of the CatalogError that loading `rules` (appended to kHeader) throws.
std::string load_error(const std::string& rules) {
  TempDir dir;
  write_text(dir / "rules.yaml", kHeader + rules);
  try {
    load_rules(dir / "rules.yaml");
  } catch (const CatalogError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* const kGoodRule =
    "  - id: X1\n    kind: within_distance\n    severity: notice\n    source: {layer: enterprises}\n"
    "    target: {layer: farmland}\n    distance: 100\n    text: 文\n    summary: s\n";

std::vector<LayerSchema> schemas() {
  return {{"enterprises", false, {{"heavy_metal", PropertyType::Boolean}, {"name", PropertyType::Text}}},
          {"farmland",
           true,
           {{"category", PropertyType::Text}, {"terrain", PropertyType::Text}, {"area_mu", PropertyType::Number}}}};
}

}  // namespace

TEST(RulesLoader, TheRepositoryRulesCoverR1ToR11) {
  RuleSet rules = load_rules(kRepoRules);
  ASSERT_EQ(rules.rules.size(), 11u);
  for (int i = 1; i <= 11; ++i) EXPECT_TRUE(rules.find("R" + std::to_string(i))) << i;
  const Rule& r1 = *rules.find("R1");
  EXPECT_EQ(r1.kind, RuleKind::WithinDistance);
  EXPECT_EQ(r1.distance.by_property, "terrain");
  EXPECT_EQ(r1.distance.by_value.at("hill"), 5000);
  EXPECT_EQ(r1.distance.max(), 10000);
  EXPECT_TRUE(r1.plot.as_target);
  EXPECT_EQ(r1.plot.derive.at("terrain"), "terrain_zones");
  EXPECT_EQ(r1.source.where[0].property, "heavy_metal");
  EXPECT_EQ(std::get<bool>(r1.source.where[0].values[0]), true);
  EXPECT_EQ(rules.find("R2")->distance.cases.size(), 2u);
  EXPECT_EQ(rules.find("R3")->planned_use,
            (std::vector<std::string>{"residential", "public_service", "school", "elderly_care"}));
  EXPECT_EQ(rules.find("R9")->severity_by->values.at("一级"), Severity::Prohibited);
  EXPECT_TRUE(rules.find("R9")->inside);
  EXPECT_EQ(rules.find("R5")->source.where[0].values.size(), 2u);
  EXPECT_NE(rules.find("R3")->text.find("不得作为住宅"), std::string::npos);
  EXPECT_EQ(rules.township_layer, "townships");
}

TEST(RulesLoader, QuotedScalarsStayText) {
  TempDir dir;
  write_text(dir / "rules.yaml",
             std::string(kHeader) +
                 "  - id: Q\n    kind: plot_attribute\n    severity: notice\n"
                 "    source: {layer: p, where: {flag: 'true', n: 3, on: true}}\n    text: t\n    summary: s\n");
  RuleSet rules = load_rules(dir / "rules.yaml");
  const auto& where = rules.rules[0].source.where;
  EXPECT_EQ(std::get<std::string>(where[0].values[0]), "true");
  EXPECT_EQ(std::get<double>(where[1].values[0]), 3.0);
  EXPECT_EQ(std::get<bool>(where[2].values[0]), true);
}

TEST(RulesLoader, MistakesNameTheFileTheRuleAndTheField) {
  std::string good = kGoodRule;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string r = good;
    r.replace(r.find(from), from.size(), to);
    return load_error(r);
  };
  EXPECT_EQ(load_error(good), "(no error)");
  std::string e = with("distance: 100", "distanse: 100");
  EXPECT_NE(e.find("rules.yaml: rule 'X1': the rule: unknown key 'distanse'"), std::string::npos) << e;
  EXPECT_NE(with("kind: within_distance", "kind: near").find("kind 'near' is not one of"), std::string::npos);
  EXPECT_NE(with("distance: 100", "distance: -1").find("must lie within 0–200000 m"), std::string::npos);
  EXPECT_NE(with("distance: 100", "distance: 2000000").find("0–200000 m"), std::string::npos);
  EXPECT_NE(with("distance: 100", "distance: far").find("number of metres"), std::string::npos);
  EXPECT_NE(with("    distance: 100\n", "").find("needs distance"), std::string::npos);
  EXPECT_NE(with("severity: notice", "severity: fatal").find("severity 'fatal'"), std::string::npos);
  EXPECT_NE(with("    text: 文\n", "").find("field 'text' is required"), std::string::npos);
  EXPECT_NE(with("source: {layer: enterprises}", "source: {layer: enterprises, planned_use: [school]}")
                .find("source: unknown key"),
            std::string::npos);
  EXPECT_NE(with("    text: 文\n", "    planned_use: [casino]\n    text: 文\n").find("planned_use 'casino'"),
            std::string::npos);
  EXPECT_NE(with("kind: within_distance", "kind: plot_attribute").find("has no target"), std::string::npos);
  EXPECT_NE(load_error(good + good).find("used by an earlier rule"), std::string::npos);
  EXPECT_NE(load_error("  - kind: adjacent\n").find("every rule needs an id"), std::string::npos);
  EXPECT_NE(load_error("  - id: [unclosed\n").find("not valid YAML"), std::string::npos);
  EXPECT_NE(load_error("").find("(no error)"), std::string::npos);
}

TEST(RulesCheck, UnknownLayersPropertiesAndTypesNameTheRule) {
  TempDir dir;
  auto check = [&](const std::string& rule) -> std::string {
    write_text(dir / "rules.yaml", kHeader + rule);
    RuleSet rules = load_rules(dir / "rules.yaml");
    try {
      check_rules(rules, schemas());
    } catch (const CatalogError& e) {
      return e.what();
    }
    return "(no error)";
  };
  std::string good = kGoodRule;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string r = good;
    r.replace(r.find(from), from.size(), to);
    return check(r);
  };
  EXPECT_EQ(check(good), "(no error)");
  std::string e = with("target: {layer: farmland}", "target: {layer: farmlands}");
  EXPECT_NE(e.find("rules.yaml: rule 'X1': target.layer: unknown layer 'farmlands' (loaded: enterprises, farmland)"),
            std::string::npos)
      << e;
  e = with("source: {layer: enterprises}", "source: {layer: enterprises, where: {heavy: true}}");
  EXPECT_NE(e.find("rule 'X1': source.where: layer 'enterprises' has no property 'heavy'"), std::string::npos) << e;
  e = with("source: {layer: enterprises}", "source: {layer: enterprises, where: {heavy_metal: 'yes'}}");
  EXPECT_NE(e.find("holds boolean values there"), std::string::npos) << e;
  e = with("distance: 100", "distance_by: {property: soil, values: {plain: 10}}");
  EXPECT_NE(e.find("distance_by.property: layer 'farmland' has no property 'soil'"), std::string::npos) << e;
  e = with("    text: 文\n", "    planned_use: [school]\n    text: 文\n");
  EXPECT_NE(e.find("has no property 'planned_use'"), std::string::npos) << e;
  e = with("    text: 文\n", "    plot: {as: target, derive: {terrain: enterprises}}\n    text: 文\n");
  EXPECT_NE(e.find("has no property 'terrain'"), std::string::npos) << e;
}

TEST(RulesCheck, DroppedWithAWarningForServeData) {
  TempDir dir;
  write_text(dir / "rules.yaml",
             std::string(kHeader) + kGoodRule +
                 "  - id: X2\n    kind: intersects\n    severity: notice\n    source: {layer: enterprises}\n"
                 "    target: {layer: farmland, where: {soil: bad}}\n    text: t\n    summary: s\n");
  RuleSet rules = load_rules(dir / "rules.yaml");
  rules.drop_invalid = true;
  check_rules(rules, schemas());
  ASSERT_EQ(rules.rules.size(), 1u);
  EXPECT_EQ(rules.rules[0].id, "X1");
}

TEST(RulesCheck, ServeDataDropsRulesWhoseLayersOrPropertiesTheDataLacks) {
  TempDir dir;
  auto city = [&](const std::string& file, bool with_key_soil) {
    std::vector<std::pair<std::string, char>> columns = {{"name", 's'}};
    std::vector<std::string> values = {"某企业"};
    if (with_key_soil) columns.push_back({"key_soil_supervision", 'b'}), values.push_back("true");
    onemap::testing::write_layer(dir / file, 4490, {"enterprises", columns, {{"POINT (112.5 35.1)", values}}});
    onemap::testing::write_layer(
        dir / file, 4490,
        {"built_up_area", {{"name", 's'}}, {{"POLYGON ((112.4 35.0, 112.6 35.0, 112.6 35.2, 112.4 35.0))", {"城区"}}}});
    return (dir / file).string();
  };
  Catalog templates = load_catalog(std::filesystem::path(ONEMAP_SOURCE_DIR) / "onemap.yaml");
  Catalog c = catalog_for_sources({city("a.gpkg", true)}, templates);
  ASSERT_EQ(c.rules.rules.size(), 1u);  // only R10 names no layer beyond these two
  EXPECT_EQ(c.rules.rules[0].id, "R10");
  EXPECT_TRUE(c.rules.township_layer.empty());
  EXPECT_EQ(store::load_snapshot(c)->catalog.rules.rules.size(), 1u);
  Catalog lacking = catalog_for_sources({city("b.gpkg", false)}, templates);
  EXPECT_TRUE(store::load_snapshot(lacking)->catalog.rules.rules.empty());  // R10 reads key_soil_supervision
}
