#include "layer_writer.h"

#include "fixtures.h"
#include "geo/gdal_handles.h"

#include <ogr_spatialref.h>

#include <stdexcept>

namespace onemap::testing {

void write_layer(const std::filesystem::path& gpkg, int epsg, const LayerRows& spec) {
  auto [ds, layer] = create_gpkg_layer(gpkg, spec.name, epsg);
  for (const auto& [name, type] : spec.columns) {
    OGRFieldDefn field(name.c_str(), type == 's' ? OFTString : type == 'r' ? OFTReal : OFTInteger);
    if (type == 'b') field.SetSubType(OFSTBoolean);
    layer->CreateField(&field);
  }
  for (const auto& [wkt, values] : spec.rows) {
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    for (std::size_t c = 0; c < spec.columns.size() && c < values.size(); ++c) {
      if (values[c].empty()) continue;
      char type = spec.columns[c].second;
      if (type == 'b') feature->SetField(static_cast<int>(c), values[c] == "true" ? 1 : 0);
      else feature->SetField(static_cast<int>(c), values[c].c_str());
    }
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) != OGRERR_NONE) throw std::runtime_error("bad WKT " + wkt);
    feature->SetGeometryDirectly(g);
    if (layer->CreateFeature(feature.get()) != OGRERR_NONE) throw std::runtime_error("cannot write a feature");
  }
}

}  // namespace onemap::testing
