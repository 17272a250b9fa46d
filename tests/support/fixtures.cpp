#include "fixtures.h"

#include "catalog/catalog_loader.h"
#include "geo/gdal_handles.h"

#include <ogr_spatialref.h>

#include <fstream>
#include <random>
#include <stdexcept>

namespace onemap::testing {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("onemap-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

std::string catalog_load_error(const std::filesystem::path& config) {
  try {
    catalog::load_catalog(config);
  } catch (const catalog::CatalogError& e) {
    return e.what();
  }
  return "";
}

NewLayer create_gpkg_layer(const std::filesystem::path& file, const std::string& name, int epsg,
                           OGRwkbGeometryType type) {
  geo::register_gdal_drivers();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  geo::GdalDatasetPtr ds(std::filesystem::exists(file)
                             ? GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE)
                             : driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + file.string());
  OGRSpatialReference srs;
  srs.importFromEPSG(epsg);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // WKT is x = east
  OGRLayer* layer = ds->CreateLayer(name.c_str(), &srs, type, nullptr);
  if (!layer) throw std::runtime_error("cannot create layer " + name + " in " + file.string());
  return {std::move(ds), layer};
}

void write_gpkg_layer(const std::filesystem::path& file, const std::string& name, int epsg,
                      const std::vector<FixtureFeature>& features) {
  auto [ds, layer] = create_gpkg_layer(file, name, epsg);
  OGRFieldDefn name_field("name", OFTString), count_field("count", OFTInteger), flag_field("flag", OFTInteger),
      ratio_field("ratio", OFTReal), date_field("sampled_at", OFTDate);
  flag_field.SetSubType(OFSTBoolean);
  for (OGRFieldDefn* f : {&name_field, &count_field, &flag_field, &ratio_field, &date_field}) layer->CreateField(f);
  ds->StartTransaction();  // one commit, not one per feature: large fixtures write in moments
  for (const FixtureFeature& ff : features) {
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    feature->SetField("name", ff.name.c_str());
    feature->SetField("count", ff.count);
    feature->SetField("flag", ff.flag ? 1 : 0);
    feature->SetField("ratio", ff.ratio);
    if (!ff.date.empty()) feature->SetField("sampled_at", ff.date.c_str());
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkt(ff.wkt.c_str(), nullptr, &g) != OGRERR_NONE)
      throw std::runtime_error("bad WKT " + ff.wkt);
    feature->SetGeometryDirectly(g);
    if (layer->CreateFeature(feature.get()) != OGRERR_NONE) throw std::runtime_error("cannot write feature");
  }
  ds->CommitTransaction();
}

}  // namespace onemap::testing
