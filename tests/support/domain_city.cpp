#include "domain_city.h"

#include "catalog/rules_loader.h"
#include "layer_writer.h"

namespace onemap::testing {
namespace {

std::string xy(double x, double y) { return std::to_string(kX0 + x) + " " + std::to_string(kY0 + y); }

}  // namespace

// The map (offsets in metres; terrain: plain west of x = 15000, mountain east of it):
//   townships   T1 克井镇 0..10000 × 0..10000, T2 梨林镇 10000..20000 × 0..10000
//   farmland    F1 优先保护类 plain 1000..2000 × 1000..2000; F2 严格管控类 plain 3000..4000 × 1000..2000;
//               F3 安全利用类 mountain 16000..17000 × 8000..9000
//   enterprises E1 heavy (1500, 4000); E2 heavy (16500, 11500); E3 (5500, 5500) in zone 一级;
//               E4 key-soil (8000, 2000) in the built-up area; E5 heavy (16250, 13600)
//   zones       Z1 一级 5000..6000 × 5000..6000 inside Z2 二级 4500..6500 × 4500..6500
//   built-up    B 7000..9000 × 0..3000
//   rivers      黄河 mainstream y = 9500 (x 0..10000); 沁河 important tributary x = 12000 (y 0..10000)
//   tailings    P1 2000..2500 × 7000..7500 (2000 m from the mainstream)
//   plots       PL listed+heavy residential 3000..3500 × 6000..6500; PC contaminated industrial
//               8000..8500 × 6000..6500; PU risk_unknown commercial 10500..11000 × 6000..6500;
//               PS suspected 13000..13500 × 1000..1500; PH remediated+heavy green 13000..13500 × 3000..3500
void write_city(const std::filesystem::path& gpkg) {
  write_layer(gpkg, 4547,
              {"townships",
               {{"name", 's'}, {"kind", 's'}, {"code", 's'}},
               {{rect_wkt(0, 0, 10000, 10000), {"克井镇", "town", "410881100"}},
                {rect_wkt(10000, 0, 20000, 10000), {"梨林镇", "town", "410881101"}}}});
  write_layer(
      gpkg, 4547,
      {"terrain_zones",
       {{"terrain", 's'}},
       {{rect_wkt(-5000, -5000, 15000, 20000), {"plain"}}, {rect_wkt(15000, -5000, 25000, 20000), {"mountain"}}}});
  write_layer(gpkg, 4547,
              {"farmland",
               {{"category", 's'}, {"terrain", 's'}, {"area_mu", 'r'}},
               {{rect_wkt(1000, 1000, 2000, 2000), {"优先保护类", "plain", "1500"}},
                {rect_wkt(3000, 1000, 4000, 2000), {"严格管控类", "plain", "1500"}},
                {rect_wkt(16000, 8000, 17000, 9000), {"安全利用类", "mountain", "1500"}}}});
  std::vector<std::pair<std::string, char>> enterprise = {{"name", 's'},        {"industry", 's'},
                                                          {"heavy_metal", 'b'}, {"key_soil_supervision", 'b'},
                                                          {"grade", 's'},       {"township", 's'}};
  write_layer(gpkg, 4547,
              {"enterprises",
               enterprise,
               {{point_wkt(1500, 4000), {"E1 铅业", "有色金属冶炼", "true", "true", "B", "克井镇"}},
                {point_wkt(16500, 11500), {"E2 矿业", "有色金属矿采选", "true", "false", "C", "梨林镇"}},
                {point_wkt(5500, 5500), {"E3 养殖场", "畜禽养殖", "false", "false", "C", "克井镇"}},
                {point_wkt(8000, 2000), {"E4 化工", "化学原料和化学制品制造", "false", "true", "B", "克井镇"}},
                {point_wkt(16250, 13600), {"E5 电镀", "电镀", "true", "true", "D", "梨林镇"}}}});
  write_layer(gpkg, 4547,
              {"water_protection_zones",
               {{"source_name", 's'}, {"tier", 's'}, {"source_type", 's'}},
               {{rect_wkt(5000, 5000, 6000, 6000), {"小庄", "一级", "groundwater"}},
                {rect_wkt(4500, 4500, 6500, 6500), {"小庄", "二级", "groundwater"}}}});
  write_layer(gpkg, 4547, {"built_up_area", {{"name", 's'}}, {{rect_wkt(7000, 0, 9000, 3000), {"济源城区"}}}});
  write_layer(gpkg, 4547,
              {"rivers",
               {{"name", 's'}, {"quality_group", 's'}, {"is_mainstream", 'b'}, {"is_important_tributary", 'b'}},
               {{"LINESTRING (" + xy(0, 9500) + ", " + xy(10000, 9500) + ")", {"黄河", "good", "true", "false"}},
                {"LINESTRING (" + xy(12000, 0) + ", " + xy(12000, 10000) + ")", {"沁河", "good", "false", "true"}}}});
  write_layer(gpkg, 4547,
              {"tailings_ponds",
               {{"name", 's'}, {"status", 's'}},
               {{rect_wkt(2000, 7000, 2500, 7500), {"P1 尾矿库", "在用"}}}});
  write_layer(
      gpkg, 4547,
      {"polluted_plots",
       {{"name", 's'},
        {"status", 's'},
        {"heavily_polluted", 'b'},
        {"former_industry", 's'},
        {"main_pollutants", 's'},
        {"planned_use", 's'},
        {"township", 's'}},
       {{rect_wkt(3000, 6000, 3500, 6500), {"PL 华宇金铅", "listed", "true", "铅冶炼", "铅", "residential", "克井镇"}},
        {rect_wkt(8000, 6000, 8500, 6500),
         {"PC 东方冶炼", "contaminated", "false", "冶炼", "镉", "industrial", "克井镇"}},
        {rect_wkt(10500, 6000, 11000, 6500),
         {"PU 九里沟金铅", "risk_unknown", "false", "铅冶炼", "铅", "commercial", "梨林镇"}},
        {rect_wkt(13000, 1000, 13500, 1500), {"PS 皮革厂", "suspected", "false", "皮革", "铬", "industrial", "梨林镇"}},
        {rect_wkt(13000, 3000, 13500, 3500), {"PH 农药厂", "remediated", "true", "农药", "砷", "green", "梨林镇"}}}});
  write_layer(gpkg, 4547,
              {"water_sections",
               {{"name", 's'}, {"river", 's'}, {"level", 's'}, {"target_class", 's'}, {"latest_class", 's'}},
               {{point_wkt(5000, 9500), {"黄河断面", "黄河", "national", "II", "III"}},
                {point_wkt(12000, 5000), {"沁河断面", "沁河", "provincial", "III", "II"}},
                {point_wkt(12000, 8000), {"沁河下游断面", "沁河", "city", "IV", "劣V"}}}});
}

std::string rect_wkt(double x0, double y0, double x1, double y1) {
  return "POLYGON ((" + xy(x0, y0) + ", " + xy(x1, y0) + ", " + xy(x1, y1) + ", " + xy(x0, y1) + ", " + xy(x0, y0) +
         "))";
}

std::string point_wkt(double x, double y) { return "POINT (" + xy(x, y) + ")"; }

nlohmann::json rect_geojson(double x0, double y0, double x1, double y1) {
  auto p = [](double x, double y) { return nlohmann::json::array({kX0 + x, kY0 + y}); };
  return {{"type", "Polygon"}, {"coordinates", {{p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1), p(x0, y0)}}}};
}

catalog::Catalog city_catalog(const std::filesystem::path& gpkg) {
  catalog::Catalog c;
  c.title = "测试城市";
  c.analysis_crs = geo::Crs{4547};
  for (const char* id : {"townships", "terrain_zones", "farmland", "enterprises", "water_protection_zones",
                         "built_up_area", "rivers", "tailings_ponds", "polluted_plots", "water_sections"}) {
    catalog::LayerConfig layer;
    layer.id = layer.source_layer = layer.title = id;
    layer.source = gpkg.string();
    layer.defined_in = "test";
    c.layers.push_back(layer);
  }
  c.rules = catalog::load_rules(std::filesystem::path(ONEMAP_SOURCE_DIR) / "rules.yaml");
  return c;
}

}  // namespace onemap::testing
