#include "catalog/catalog_loader.h"

#include "fixtures.h"

#include <gtest/gtest.h>

using namespace onemap;
using onemap::testing::TempDir;
using onemap::testing::write_text;

namespace {

std::string load_error(const std::filesystem::path& config) {
  try {
    catalog::load_catalog(config);
  } catch (const catalog::CatalogError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

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
  std::string message = load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("a.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown key 'min_zom'"), std::string::npos) << message;

  write_text(dir / "layers/a.yaml", "id: a\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("'source' is required"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a b\nsource: a.gpkg\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("field 'id'"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nmin_zoom: 9\nmax_zoom: 3\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("zoom range"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nmin_zoom: many\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("'min_zoom' has the wrong type"), std::string::npos);

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "layers/b.yaml", "id: a\nsource: b.gpkg\n");
  message = load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("already defined in"), std::string::npos) << message;

  write_text(dir / "layers/b.yaml", "id: [unclosed\n");
  message = load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("b.yaml: not valid YAML"), std::string::npos) << message;
}

TEST(CatalogLoader, BadConfigValues) {
  TempDir dir;
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "analysis_crs: EPSG:banana\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("analysis_crs"), std::string::npos);
  write_text(dir / "onemap.yaml", "catalog: nowhere\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("does not exist"), std::string::npos);
  EXPECT_NE(load_error(dir / "missing.yaml").find("cannot read"), std::string::npos);
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
  write_text(dir / "onemap.yaml",
             "server: {jobs_dir: /var/tmp/onemap, job_results_ttl_s: 60, job_results_mb: 10, max_jobs: 5}\n");
  catalog::Catalog c = catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(c.server.jobs_dir, "/var/tmp/onemap");
  EXPECT_EQ(c.server.job_results_ttl_s, 60);
  EXPECT_EQ(c.server.job_results_mb, 10u);
  EXPECT_EQ(c.server.max_jobs, 5u);
  write_text(dir / "onemap.yaml", "server: {job_results_ttl_s: 0}\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("job_results_ttl_s"), std::string::npos);
  write_text(dir / "onemap.yaml", "server: {max_jobs: 0}\n");
  EXPECT_NE(load_error(dir / "onemap.yaml").find("max_jobs"), std::string::npos);
}
