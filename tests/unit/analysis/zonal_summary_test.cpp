// zonal-summary evaluates whatever figures the configuration lists, not a fixed set: figures
// built here over the fixture city (domain_fixture.cpp has the map).
#include "analysis/zonal_summary.h"
#include "analysis/attributes.h"
#include "domain_fixture.h"

#include <gtest/gtest.h>

using namespace onemap;
using namespace onemap::testing;
using catalog::FigureKind;
using catalog::SummaryFigure;

namespace {

SummaryFigure figure(FigureKind kind, const std::string& layer, std::vector<catalog::Condition> where = {}) {
  SummaryFigure f;
  f.key = f.title = layer;
  f.kind = kind;
  f.of = {layer, std::move(where)};
  return f;
}

std::vector<analysis::ZoneFigures> summary(const std::vector<SummaryFigure>& figures) {
  const store::Snapshot& s = *domain_fixture().snapshot;
  return analysis::zonal_summary(store::LayerSet::all(s), *s.find("townships"), figures);
}

}  // namespace

TEST(ZonalSummaryFigures, CountsUnderEveryConditionGiven) {
  auto zones =
      summary({figure(FigureKind::Count, "enterprises", {{"heavy_metal", {true}}, {"key_soil_supervision", {true}}}),
               figure(FigureKind::Count, "polluted_plots",
                      {{"status", {std::string("listed"), std::string("contaminated")}}})});
  ASSERT_EQ(zones.size(), 2u);
  EXPECT_EQ(std::get<std::size_t>(zones[0].figures[0]), 1u);  // E1; E5 lies north of the townships
  EXPECT_EQ(std::get<std::size_t>(zones[1].figures[0]), 0u);
  EXPECT_EQ(std::get<std::size_t>(zones[0].figures[1]), 2u);  // PL listed, PC contaminated
  EXPECT_EQ(std::get<std::size_t>(zones[1].figures[1]), 0u);
}

TEST(ZonalSummaryFigures, CountsByAProperty) {
  SummaryFigure by_use = figure(FigureKind::CountBy, "polluted_plots");
  by_use.by = "planned_use";
  auto zones = summary({by_use});
  const auto& t2 = std::get<analysis::GroupedCount>(zones[1].figures[0]);
  EXPECT_EQ(t2.total, 3u);
  EXPECT_EQ(t2.by, (std::map<std::string, std::size_t>{{"commercial", 1}, {"green", 1}, {"industrial", 1}}));
}

TEST(ZonalSummaryFigures, AreaWithAConditionAndWithoutGroups) {
  auto zones = summary({figure(FigureKind::Area, "farmland", {{"category", {std::string("优先保护类")}}})});
  const auto& t1 = std::get<analysis::AreaFigure>(zones[0].figures[0]);
  EXPECT_NEAR(t1.m2, 1e6, 0.1);  // F1 only; F2 is 严格管控类
  EXPECT_TRUE(t1.by.empty());
  EXPECT_NEAR(std::get<analysis::AreaFigure>(zones[1].figures[0]).m2, 0, 1e-9);
}

TEST(ZonalSummaryFigures, ClassTargetReadsTheConfiguredOrder) {
  SummaryFigure sections = figure(FigureKind::ClassTarget, "water_sections");
  sections.class_property = "latest_class";
  sections.target_property = "target_class";
  sections.classes = {"I", "II", "III", "IV", "V"};  // no 劣V: 沁河下游断面's class is unknown here
  SummaryFigure national = sections;
  national.of.where = {{"level", {std::string("national")}}};
  auto zones = summary({sections, national});
  const auto& t1 = std::get<analysis::ClassTargetFigure>(zones[0].figures[0]);
  EXPECT_EQ(t1.missing, 1u);  // 黄河断面: III against II
  ASSERT_EQ(t1.missing_items.size(), 1u);
  EXPECT_EQ(analysis::feature_name(*domain_fixture().snapshot->find("water_sections"), t1.missing_items[0]),
            "黄河断面");
  const auto& t2 = std::get<analysis::ClassTargetFigure>(zones[1].figures[0]);
  EXPECT_EQ(t2.meeting, 1u);
  EXPECT_EQ(t2.missing, 0u);
  EXPECT_EQ(t2.unknown, 1u);
  EXPECT_EQ(std::get<analysis::ClassTargetFigure>(zones[1].figures[1]).meeting, 0u);  // 沁河断面 is provincial
}

TEST(ZonalSummaryFigures, ALayerTheDataLacksLeavesItsFigureEmpty) {
  auto zones = summary({figure(FigureKind::Count, "orchards"), figure(FigureKind::Count, "enterprises")});
  EXPECT_TRUE(std::holds_alternative<std::monostate>(zones[0].figures[0]));
  EXPECT_EQ(std::get<std::size_t>(zones[0].figures[1]), 3u);
  EXPECT_TRUE(summary({}).at(0).figures.empty());
}

TEST(ZonalSummaryFigures, TheProcessListsAndReturnsTheConfiguredKeys) {
  nlohmann::json d = nlohmann::json::parse(domain_fixture().get("/processes/zonal-summary").body().read_all());
  const nlohmann::json& properties = d["outputs"]["result"]["schema"]["properties"]["zones"]["items"]["properties"];
  for (const char* key : {"id", "name", "enterprises", "heavy_metal_enterprises", "polluted_plots",
                          "polluted_plots_by_status", "farmland", "water_sections"})
    EXPECT_TRUE(properties.contains(key)) << key;
  EXPECT_NE(d["description"].get<std::string>().find("water_sections (水质断面达标情况)"), std::string::npos)
      << d["description"];
  EXPECT_NE(d["description"].get<std::string>().find("I < II < III < IV < V < 劣V"), std::string::npos)
      << d["description"];
}
