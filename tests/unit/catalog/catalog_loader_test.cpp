#include "catalog/catalog_loader.h"

#include "fixtures.h"

#include <gtest/gtest.h>

using namespace onemap;
using onemap::testing::catalog_load_error;
using onemap::testing::TempDir;
using onemap::testing::write_text;

TEST(CatalogLoader, ReadsConfigAndLayerFiles) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: 测试\nanalysis_crs: EPSG:4547\nserver: {port: 9000}\n");
  write_text(dir / "layers/b.yaml",
             "id: rivers\ntitle: 河流\nsource: ../data/x.gpkg\nproperties: [name]\nmin_zoom: 3\n");
  write_text(dir / "layers/a.yaml", "id: towns\nsource: PG:dbname=gis\nsource_layer: township_polys\n");
  catalog::Catalog c = catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(c.title, "测试");
  EXPECT_EQ(c.analysis_crs->epsg, 4547);
  EXPECT_EQ(c.server.port, 9000);
  ASSERT_EQ(c.layers.size(), 2u);
  EXPECT_EQ(c.layers[0].id, "towns");  // files in name order
  EXPECT_EQ(c.layers[0].source, "PG:dbname=gis");
  EXPECT_EQ(c.layers[0].source_layer, "township_polys");
  EXPECT_EQ(c.layers[1].title, "河流");
  EXPECT_EQ(c.layers[1].source, (dir.path() / "data/x.gpkg").string());  // relative to the layer file
  EXPECT_EQ(c.layers[1].source_layer, "rivers");
  EXPECT_EQ(c.layers[1].properties, std::vector<std::string>{"name"});
  EXPECT_EQ(c.layers[1].min_zoom, 3);
}

// A PostGIS layer over a view follows the edits of the tables it names; a file has no tables.
TEST(CatalogLoader, EditTablesNamePostgisTablesOnly) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(
      dir / "layers/a.yaml",
      "id: a\nsource: PG:dbname=gis\nsource_layer: onemap.plots_view\nedit_tables: [onemap.plots, onemap.owners]\n");
  EXPECT_EQ(catalog::load_catalog(dir / "onemap.yaml").layers[0].edit_tables,
            (std::vector<std::string>{"onemap.plots", "onemap.owners"}));
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nedit_tables: [plots]\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("'edit_tables'"), std::string::npos);
}

TEST(CatalogLoader, AutoAnalysisCrsByDefault) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  EXPECT_FALSE(catalog::load_catalog(dir / "onemap.yaml").analysis_crs);
}

TEST(CatalogLoader, ErrorsNameTheFileAndTheProblem) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nmin_zom: 3\n");
  std::string message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("a.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown key 'min_zom'"), std::string::npos) << message;

  write_text(dir / "layers/a.yaml", "id: a\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("'source' is required"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a b\nsource: a.gpkg\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("field 'id'"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nmin_zoom: 9\nmax_zoom: 3\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("zoom range"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nmin_zoom: many\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("'min_zoom' has the wrong type"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "layers/b.yaml", "id: a\nsource: b.gpkg\n");
  message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("already defined in"), std::string::npos) << message;

  write_text(dir / "layers/b.yaml", "id: [unclosed\n");
  message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("b.yaml: not valid YAML"), std::string::npos) << message;
}

TEST(CatalogLoader, BadConfigValues) {
  TempDir dir;
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "analysis_crs: EPSG:banana\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("analysis_crs"), std::string::npos);
  write_text(dir / "onemap.yaml", "catalog: nowhere\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("does not exist"), std::string::npos);
  EXPECT_NE(catalog_load_error(dir / "missing.yaml").find("cannot read"), std::string::npos);
}

TEST(CatalogLoader, JobSettings) {
  TempDir dir;
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "server: {}\n");
  catalog::Catalog defaults = catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(defaults.server.jobs_dir, "");
  EXPECT_EQ(defaults.server.job_results_ttl_s, 3600);
  EXPECT_EQ(defaults.server.job_results_mb, 1024u);
  EXPECT_EQ(defaults.server.max_jobs, 1000u);
  EXPECT_EQ(defaults.server.max_jobs_per_owner, 50u);
  EXPECT_TRUE(defaults.server.anonymous_async);
  write_text(dir / "onemap.yaml",
             "server: {jobs_dir: /var/tmp/onemap, job_results_ttl_s: 60, job_results_mb: 10, max_jobs: 5,\n"
             "         max_jobs_per_owner: 2, anonymous_async: false}\n");
  catalog::Catalog c = catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(c.server.jobs_dir, "/var/tmp/onemap");
  EXPECT_EQ(c.server.job_results_ttl_s, 60);
  EXPECT_EQ(c.server.job_results_mb, 10u);
  EXPECT_EQ(c.server.max_jobs, 5u);
  EXPECT_EQ(c.server.max_jobs_per_owner, 2u);
  EXPECT_FALSE(c.server.anonymous_async);
  write_text(dir / "onemap.yaml", "server: {max_jobs_per_owner: 0}\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("max_jobs_per_owner"), std::string::npos);
  write_text(dir / "onemap.yaml", "server: {job_results_ttl_s: 0}\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("job_results_ttl_s"), std::string::npos);
  write_text(dir / "onemap.yaml", "server: {max_jobs: 0}\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("max_jobs"), std::string::npos);
}

TEST(CatalogLoader, MaxExports) {
  TempDir dir;
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "title: x\n");
  EXPECT_EQ(catalog::load_catalog(dir / "onemap.yaml").server.max_exports, 2u);
  write_text(dir / "onemap.yaml", "server: {max_exports: 5}\n");
  EXPECT_EQ(catalog::load_catalog(dir / "onemap.yaml").server.max_exports, 5u);
  write_text(dir / "onemap.yaml", "server: {max_exports: 0}\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("max_exports"), std::string::npos);
}

// A layer's tile budget (P8) is the server's unless the layer names its own max_kb; 0 turns the
// byte budget off, and with no max_features the layer is never thinned (docs/TILE_BUDGET.md).
TEST(CatalogLoader, TileBudgetIsTheServersUnlessTheLayerNamesOneAndZeroTurnsThinningOff) {
  TempDir dir;
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "layers/b.yaml", "id: b\nsource: b.gpkg\ntile_budget: {max_kb: 800, keep: {category: strict}}\n");
  write_text(dir / "layers/c.yaml", "id: c\nsource: c.gpkg\ntile_budget: {max_kb: 0}\n");
  write_text(dir / "onemap.yaml", "title: x\n");
  auto budget = [&](std::size_t i) { return catalog::load_catalog(dir / "onemap.yaml").layers.at(i).tile_budget; };
  EXPECT_EQ(budget(0).max_bytes, 500u << 10);  // the default
  EXPECT_EQ(budget(1).max_bytes, 800u << 10);
  EXPECT_EQ(budget(1).keep.size(), 1u);
  EXPECT_EQ(budget(2).max_bytes, 0u);  // this layer is never thinned
  write_text(dir / "onemap.yaml", "server: {tile_budget_kb: 200}\n");
  EXPECT_EQ(budget(0).max_bytes, 200u << 10);
  EXPECT_EQ(budget(1).max_bytes, 800u << 10);
  write_text(dir / "onemap.yaml", "server: {tile_budget_kb: 0}\n");
  EXPECT_EQ(budget(0).max_bytes, 0u);  // thinning off for every layer without its own max_kb
  EXPECT_EQ(budget(0).max_features, 0u);
  EXPECT_EQ(budget(1).max_bytes, 800u << 10);
}

TEST(CatalogLoader, LimitsHaveDefaultsAndBadValuesNameTheField) {
  TempDir dir;
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "title: x\n");
  const catalog::ServerSettings d = catalog::load_catalog(dir / "onemap.yaml").server;
  EXPECT_EQ(d.header_timeout_seconds, 10u);
  EXPECT_EQ(d.max_connections, 1024u);
  EXPECT_EQ(d.max_header_kb, 16u);
  EXPECT_EQ(d.max_body_kb, 1024u);
  EXPECT_EQ(d.max_page_features, 10000u);
  EXPECT_EQ(d.max_export_features, 2000000u);
  EXPECT_EQ(d.max_result_features, 500000u);
  EXPECT_EQ(d.max_input_vertices, 5000u);
  EXPECT_EQ(d.max_response_mb, 2048u);
  EXPECT_EQ(d.max_unsent_mb, 512u);

  write_text(dir / "onemap.yaml",
             "server: {header_timeout_s: 3, max_connections: 8, max_header_kb: 4, max_body_kb: 64, "
             "max_page_features: 100, max_export_features: 1000, max_result_features: 50, max_input_vertices: 20, "
             "max_response_mb: 5, max_unsent_mb: 7}\n");
  const catalog::ServerSettings s = catalog::load_catalog(dir / "onemap.yaml").server;
  EXPECT_EQ(s.header_timeout_seconds, 3u);
  EXPECT_EQ(s.max_connections, 8u);
  EXPECT_EQ(s.max_header_kb, 4u);
  EXPECT_EQ(s.max_body_kb, 64u);
  EXPECT_EQ(s.max_page_features, 100u);
  EXPECT_EQ(s.max_export_features, 1000u);
  EXPECT_EQ(s.max_result_features, 50u);
  EXPECT_EQ(s.max_input_vertices, 20u);
  EXPECT_EQ(s.max_response_mb, 5u);
  EXPECT_EQ(s.max_unsent_mb, 7u);

  for (const std::string key :
       {"header_timeout_s", "max_connections", "max_header_kb", "max_body_kb", "max_page_features",
        "max_export_features", "max_result_features", "max_input_vertices", "max_response_mb", "max_unsent_mb"}) {
    for (const std::string bad : {"0", "-1", "1e12", "2.5", "lots"}) {
      write_text(dir / "onemap.yaml", "server: {" + key + ": " + bad + "}\n");
      const std::string message = catalog_load_error(dir / "onemap.yaml");
      EXPECT_NE(message.find(key), std::string::npos) << key << ": " << bad << " → " << message;
      EXPECT_NE(message.find("onemap.yaml"), std::string::npos) << message;
    }
  }
}

TEST(CatalogLoader, FieldTitlesNameFieldAttributionStylesAndBasemap) {
  TempDir dir;
  write_text(dir / "onemap.yaml",
             "title: x\nattribution: © 城市\nweb: site\nbasemap:\n"
             "  tiles: [\"https://t0.example/{z}/{x}/{y}.png\"]\n  attribution: © 天地图\n  max_zoom: 17\n");
  write_text(dir / "layers/a.yaml",
             "id: plots\nsource: a.gpkg\nname_field: title\nattribution: © 土地局\nstyle: plots\nfields:\n"
             "  title: 名称\n"
             "  status:\n    title: 状态\n    title_en: Status\n    values:\n"
             "      suspected: 疑似\n      listed: {zh: 名录, en: Listed}\n");
  write_text(dir / "styles/plots.json", R"({"order": 60, "layers": [{"id": "fill", "type": "fill"}]})");
  catalog::Catalog c = catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(c.attribution, "© 城市");
  EXPECT_EQ(c.web_dir, dir.path() / "site");
  ASSERT_TRUE(c.basemap);
  EXPECT_EQ(c.basemap->tiles, std::vector<std::string>{"https://t0.example/{z}/{x}/{y}.png"});
  EXPECT_EQ(c.basemap->attribution, "© 天地图");
  EXPECT_EQ(c.basemap->max_zoom, 17);
  ASSERT_TRUE(c.styles.contains("plots"));
  const catalog::LayerConfig& l = c.layers[0];
  EXPECT_EQ(l.name_field, "title");
  EXPECT_EQ(l.attribution, "© 土地局");
  ASSERT_EQ(l.fields.size(), 2u);
  const catalog::FieldTitle* status = catalog::find_field_title(l, "status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->zh, "状态");
  EXPECT_EQ(status->en, "Status");
  ASSERT_EQ(status->values.size(), 2u);
  EXPECT_EQ(status->values[0].value, "suspected");  // in the file's order
  EXPECT_EQ(status->values[0].en, "疑似");          // no English given: the one title serves
  EXPECT_EQ(status->values[1].en, "Listed");
  EXPECT_EQ(catalog::find_field_title(l, "title")->zh, "名称");
  EXPECT_FALSE(catalog::find_field_title(l, "nothing"));
}

TEST(CatalogLoader, BrokenStylesAndBasemapsStopStartupNamingTheFile) {
  TempDir dir;
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "styles/a.json", "{\"layers\": [");
  std::string message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("a.json"), std::string::npos) << message;
  EXPECT_NE(message.find("not JSON"), std::string::npos) << message;
  write_text(dir / "styles/a.json", R"({"layers": [{"type": "fill"}]})");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("'id' and 'type'"), std::string::npos);
  write_text(dir / "styles/a.json", R"({"layers": []})");
  EXPECT_EQ(catalog_load_error(dir / "onemap.yaml"), "");

  write_text(dir / "onemap.yaml", "title: x\nbasemap: {attribution: x}\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("basemap.tiles is required"), std::string::npos);
  write_text(dir / "onemap.yaml", "title: x\nbasemap: {tiles: \"ftp://x/{z}/{x}/{y}\"}\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("http(s)"), std::string::npos);
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nfields: [name]\n");
  EXPECT_NE(catalog_load_error(dir / "onemap.yaml").find("fields"), std::string::npos);
}
