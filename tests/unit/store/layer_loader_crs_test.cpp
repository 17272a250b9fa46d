// Sources that declare no CRS: read as CRS84 when every coordinate is a longitude/latitude,
// refused with a LoadError naming the layer otherwise.
#include "store/layer_loader.h"

#include "fixtures.h"
#include "layer_writer.h"
#include "load_helpers.h"

#include <gtest/gtest.h>

using namespace onemap;
using namespace onemap::testing;

namespace {

LayerRows points(const std::string& name, const std::vector<std::string>& wkts) {
  LayerRows spec{name, {{"name", 's'}}, {}, wkbPoint};
  for (const std::string& wkt : wkts) spec.rows.push_back({wkt, {"x"}});
  return spec;
}

// GeoPackage marks a layer without CRS by srs_id 0 ("undefined geographic") or -1 ("undefined
// Cartesian"); GDAL writes a real CRS, so the test rewrites the row as other software would.
void set_gpkg_srs_id(const std::filesystem::path& gpkg, const std::string& table, int srs_id) {
  geo::GdalDatasetPtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  ASSERT_TRUE(ds);
  for (const char* meta : {"gpkg_geometry_columns", "gpkg_contents"}) {
    std::string sql = std::string("UPDATE ") + meta + " SET srs_id = " + std::to_string(srs_id) +
                      " WHERE table_name = '" + table + "'";
    ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  }
}

void expect_message(const std::string& message, const std::vector<std::string>& parts) {
  for (const std::string& part : parts)
    EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
}

}  // namespace

TEST(LayerLoaderCrs, GeoJsonWithoutCrsMemberIsCrs84BySpec) {
  TempDir dir;
  write_text(dir / "p.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Point","coordinates":[112.5,35.1]}}]})");
  auto layer = store::load_layer(config_for(dir / "p.geojson", "p"));
  EXPECT_EQ(layer->source_epsg, 4326);
  EXPECT_NEAR(layer->lonlat_geometry(0).coords[0].x, 112.5, 1e-12);
  EXPECT_NEAR(layer->lonlat_geometry(0).coords[0].y, 35.1, 1e-12);
}

TEST(LayerLoaderCrs, ShapefileWithoutPrjInLonLatRangeIsReadAsCrs84) {
  TempDir dir;
  write_layer_with("ESRI Shapefile", dir / "wells.shp", 0,
                   points("wells", {"POINT (112.5 35.1)", "POINT (-179.5 -89.5)"}));
  ASSERT_FALSE(std::filesystem::exists(dir / "wells.prj"));
  auto layer = store::load_layer(config_for(dir / "wells.shp", "wells"));
  EXPECT_EQ(layer->source_epsg, 4326);
  EXPECT_EQ(geo::copy_geometry(layer->lonlat_geometry(0)).coords, (std::vector<geo::Coord>{{112.5, 35.1}}));
  EXPECT_EQ(geo::copy_geometry(layer->lonlat_geometry(1)).coords, (std::vector<geo::Coord>{{-179.5, -89.5}}));
}

TEST(LayerLoaderCrs, ShapefileWithoutPrjOutsideLonLatRangeIsRefused) {
  TempDir dir;
  // Gauss-Kruger metres (EPSG:4547-like) without a .prj: no CRS can be assumed.
  write_layer_with("ESRI Shapefile", dir / "plots.shp", 0, points("plots", {"POINT (500000 3885000)"}));
  expect_message(load_error(config_for(dir / "plots.shp", "plots")),
                 {"test.yaml", "layer 'plots'", "declares no CRS", "not longitude/latitude", ".prj", "-a_srs"});
}

TEST(LayerLoaderCrs, CsvWithWktColumnAndNoCrsIsReadAsCrs84) {
  TempDir dir;
  write_text(dir / "sites.csv", "name,WKT\nsite,\"POINT (112.5 35.1)\"\n");
  auto layer = store::load_layer(config_for(dir / "sites.csv", "sites"));
  EXPECT_EQ(layer->source_epsg, 4326);
  ASSERT_EQ(layer->feature_count(), 1u);
  EXPECT_EQ(geo::copy_geometry(layer->lonlat_geometry(0)).coords, (std::vector<geo::Coord>{{112.5, 35.1}}));
}

TEST(LayerLoaderCrs, GeoPackageUndefinedSrsIdsCountAsNoCrs) {
  TempDir dir;
  for (int srs_id : {0, -1}) {
    std::string name = "lonlat" + std::to_string(srs_id + 1);
    write_layer(dir / "u.gpkg", 4326, points(name, {"POINT (112.5 35.1)"}));
    set_gpkg_srs_id(dir / "u.gpkg", name, srs_id);
    auto layer = store::load_layer(config_for(dir / "u.gpkg", name));
    EXPECT_EQ(layer->source_epsg, 4326) << srs_id;
    EXPECT_EQ(geo::copy_geometry(layer->lonlat_geometry(0)).coords, (std::vector<geo::Coord>{{112.5, 35.1}})) << srs_id;

    name = "metres" + std::to_string(srs_id + 1);
    write_layer(dir / "u.gpkg", 4326, points(name, {"POINT (500000 3885000)"}));
    set_gpkg_srs_id(dir / "u.gpkg", name, srs_id);
    expect_message(load_error(config_for(dir / "u.gpkg", name)), {"layer '" + name + "'", "declares no CRS"});
  }
}
