#include "layer_writer.h"

#include "fixtures.h"
#include "geo/gdal_handles.h"

#include <ogr_spatialref.h>

#include <memory>
#include <stdexcept>

namespace onemap::testing {
namespace {

OGRFieldType field_type(char type) {
  switch (type) {
    case 'r':
      return OFTReal;
    case 'i':
    case 'b':
      return OFTInteger;
    case 'd':
      return OFTDate;
    case 't':
      return OFTDateTime;
    default:
      return OFTString;
  }
}

void fill(OGRLayer& layer, const LayerRows& spec) {
  for (const auto& [name, type] : spec.columns) {
    OGRFieldDefn field(name.c_str(), field_type(type));
    if (type == 'b') field.SetSubType(OFSTBoolean);
    if (layer.CreateField(&field) != OGRERR_NONE) throw std::runtime_error("cannot create field " + name);
  }
  for (const auto& [wkt, values] : spec.rows) {
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer.GetLayerDefn()));
    for (std::size_t c = 0; c < spec.columns.size() && c < values.size(); ++c) {
      if (values[c].empty()) continue;
      char type = spec.columns[c].second;
      if (type == 'b')
        feature->SetField(static_cast<int>(c), values[c] == "true" ? 1 : 0);
      else
        feature->SetField(static_cast<int>(c), values[c].c_str());
    }
    if (!wkt.empty()) {
      OGRGeometry* g = nullptr;
      if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) != OGRERR_NONE)
        throw std::runtime_error("bad WKT " + wkt);
      feature->SetGeometryDirectly(g);
    }
    if (layer.CreateFeature(feature.get()) != OGRERR_NONE) throw std::runtime_error("cannot write a feature");
  }
}

}  // namespace

void write_layer(const std::filesystem::path& gpkg, int epsg, const LayerRows& spec) {
  auto [ds, layer] = create_gpkg_layer(gpkg, spec.name, epsg, spec.geometry_type);
  fill(*layer, spec);
}

void write_layer_with(const std::string& driver_name, const std::filesystem::path& file, int epsg,
                      const LayerRows& spec) {
  geo::register_gdal_drivers();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (!driver) throw std::runtime_error("no GDAL driver " + driver_name);
  geo::GdalDatasetPtr ds(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + file.string());
  std::unique_ptr<OGRSpatialReference> srs;
  if (epsg) {
    srs = std::make_unique<OGRSpatialReference>();
    srs->importFromEPSG(epsg);
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // WKT is x = east
  }
  OGRLayer* layer = ds->CreateLayer(spec.name.c_str(), srs.get(), spec.geometry_type, nullptr);
  if (!layer) throw std::runtime_error("cannot create layer " + spec.name + " in " + file.string());
  fill(*layer, spec);
}

}  // namespace onemap::testing
