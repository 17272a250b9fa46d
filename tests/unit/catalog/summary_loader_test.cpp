// The zonal_summary section of rules.yaml: the repository's figures read as the process needs
// them, mistakes name the file, the figure and the field, and the startup check knows the layers.
#include "catalog/catalog.h"
#include "catalog/rules_check.h"
#include "catalog/rules_loader.h"
#include "fixtures.h"

#include <gtest/gtest.h>

using namespace onemap::catalog;
using onemap::testing::TempDir;
using onemap::testing::write_text;

namespace {

const char* const kFigures =
    "zonal_summary:\n"
    "  - {key: plots, kind: count, of: {layer: polluted_plots, where: {status: [listed, contaminated]}}}\n"
    "  - {key: plots_by_status, kind: count_by, of: {layer: polluted_plots}, by: status}\n"
    "  - {key: farmland, kind: area, of: {layer: farmland}, by: category}\n"
    "  - {key: sections, kind: class_target, of: {layer: water_sections}, class: latest_class, target: target_class,\n"
    "     classes: [I, II, III]}\n";

RuleSet load(const TempDir& dir, const std::string& text) {
  write_text(dir / "rules.yaml", text);
  return load_rules(dir / "rules.yaml");
}

std::string load_error(const std::string& text) {
  TempDir dir;
  try {
    load(dir, text);
  } catch (const CatalogError& e) {
    return e.what();
  }
  return "(no error)";
}

// kFigures with one text replaced.
std::string with(const std::string& from, const std::string& to) {
  std::string text = kFigures;
  text.replace(text.find(from), from.size(), to);
  return load_error(text);
}

std::vector<LayerSchema> schemas() {
  return {{"polluted_plots", true, {{"status", PropertyType::Text}, {"heavily_polluted", PropertyType::Boolean}}},
          {"farmland", true, {{"category", PropertyType::Text}}},
          {"water_sections", false, {{"latest_class", PropertyType::Text}, {"target_class", PropertyType::Text}}}};
}

}  // namespace

TEST(SummaryLoader, RepositoryFiguresKeepTheProcessKeys) {
  RuleSet rules = load_rules(std::filesystem::path(ONEMAP_SOURCE_DIR) / "rules.yaml");
  std::vector<std::string> keys;
  for (const SummaryFigure& f : rules.zonal_summary) keys.push_back(f.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"enterprises", "heavy_metal_enterprises", "polluted_plots",
                                            "polluted_plots_by_status", "farmland", "water_sections"}));
  const SummaryFigure& heavy = rules.zonal_summary[1];
  EXPECT_EQ(heavy.kind, FigureKind::Count);
  ASSERT_EQ(heavy.of.where.size(), 1u);
  EXPECT_EQ(heavy.of.where[0].property, "heavy_metal");
  EXPECT_EQ(std::get<bool>(heavy.of.where[0].values[0]), true);
  const SummaryFigure& water = rules.zonal_summary[5];
  EXPECT_EQ(water.kind, FigureKind::ClassTarget);
  EXPECT_EQ(water.class_rank("I"), 0u);
  EXPECT_EQ(water.class_rank("劣V"), 5u);
  EXPECT_FALSE(water.class_rank("VI"));
  EXPECT_EQ(rules.zonal_summary[4].by, "category");
}

TEST(SummaryLoader, ParsesEveryKind) {
  TempDir dir;
  RuleSet rules = load(dir, kFigures);
  ASSERT_EQ(rules.zonal_summary.size(), 4u);
  EXPECT_EQ(rules.zonal_summary[0].of.where[0].values.size(), 2u);
  EXPECT_EQ(rules.zonal_summary[0].title, "plots");  // the key when no title is given
  EXPECT_EQ(rules.zonal_summary[1].kind, FigureKind::CountBy);
  EXPECT_EQ(rules.zonal_summary[2].kind, FigureKind::Area);
  EXPECT_EQ(rules.zonal_summary[3].classes, (std::vector<std::string>{"I", "II", "III"}));
  EXPECT_TRUE(load(dir, "rules: []\n").zonal_summary.empty());
}

TEST(SummaryLoader, MistakesNameTheFileFigureAndField) {
  std::string e = with("kind: count,", "kind: sum,");
  EXPECT_NE(e.find("rules.yaml: zonal_summary figure 'plots': kind 'sum' is not one of"), std::string::npos) << e;
  EXPECT_NE(with("by: status", "grouped: status").find("figure 'plots_by_status': the figure: unknown key 'grouped'"),
            std::string::npos);
  EXPECT_NE(with(", by: status", "").find("count_by needs 'by'"), std::string::npos);
  EXPECT_NE(with("{key: plots, kind: count,", "{key: plots, kind: count, by: status,").find("count takes no 'by'"),
            std::string::npos);
  EXPECT_NE(with("of: {layer: farmland}", "of: {table: farmland}").find("of: unknown key 'table'"), std::string::npos);
  EXPECT_NE(with("of: {layer: farmland}, ", "").find("field 'of' is required"), std::string::npos);
  EXPECT_NE(with("class: latest_class, ", "").find("field 'class' is required"), std::string::npos);
  EXPECT_NE(with("[I, II, III]", "[I]").find("at least two classes"), std::string::npos);
  EXPECT_NE(with("[I, II, III]", "[I, II, I]").find("lists 'I' twice"), std::string::npos);
  EXPECT_NE(with("key: farmland", "key: plots").find("figure 'plots': the key is used by an earlier figure"),
            std::string::npos);
  EXPECT_NE(with("key: farmland", "key: name").find("reserved for the zone"), std::string::npos);
  EXPECT_NE(with("{key: plots, ", "{").find("every zonal_summary figure needs a key"), std::string::npos);
  EXPECT_NE(load_error("zonal_summary: {a: 1}\n").find("must be a list of figures"), std::string::npos);
}

TEST(SummaryCheck, PropertiesTypesAndGeometryAreCheckedAMissingLayerIsNot) {
  TempDir dir;
  auto check = [&](const std::string& text) -> std::string {
    RuleSet rules = load(dir, text);
    try {
      check_rules(rules, schemas());
    } catch (const CatalogError& e) {
      return e.what();
    }
    return "(no error, " + std::to_string(rules.zonal_summary.size()) + " figures)";
  };
  auto with_check = [&](const std::string& from, const std::string& to) {
    std::string text = kFigures;
    text.replace(text.find(from), from.size(), to);
    return check(text);
  };
  EXPECT_EQ(check(kFigures), "(no error, 4 figures)");
  EXPECT_EQ(with_check("layer: farmland", "layer: orchards"), "(no error, 4 figures)");  // left empty at run time
  std::string e = with_check("by: category", "by: soil");
  EXPECT_NE(e.find("rules.yaml: zonal_summary figure 'farmland': by: layer 'farmland' has no property 'soil'"),
            std::string::npos)
      << e;
  e = with_check("status: [listed, contaminated]", "heavily_polluted: yes_please");
  EXPECT_NE(e.find("of.where.heavily_polluted: layer 'polluted_plots' holds boolean values there"), std::string::npos)
      << e;
  e = with_check("target: target_class", "target: goal");
  EXPECT_NE(e.find("figure 'sections': target: layer 'water_sections' has no property 'goal'"), std::string::npos) << e;
  e = with_check("kind: area, of: {layer: farmland}, by: category", "kind: area, of: {layer: water_sections}");
  EXPECT_NE(e.find("'water_sections' is not a polygon layer"), std::string::npos) << e;

  // serve --data: another city's data may lack a property; the figure is dropped, not the server.
  std::string text = kFigures;
  text.replace(text.find("by: category"), 12, "by: soil");
  RuleSet rules = load(dir, text);
  rules.drop_invalid = true;
  check_rules(rules, schemas());
  ASSERT_EQ(rules.zonal_summary.size(), 3u);
  EXPECT_EQ(rules.zonal_summary[2].key, "sections");
}
