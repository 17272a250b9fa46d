#pragma once
#include "store/layer.h"

#include <memory>

namespace onemap::store {

class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a layer through GDAL (opening its own dataset, so layers load in parallel), repairs
// invalid polygons, and fills the lon/lat geometries. The metric ones are filled later by the
// snapshot, once the analysis CRS is known. Throws LoadError naming the layer file and cause.
std::unique_ptr<Layer> load_layer(const catalog::LayerConfig& config);

// Fills the layer's metric geometries by reprojecting its lon/lat ones into the analysis CRS,
// their envelopes and metric_index.
void project_to_metric(Layer& layer, const geo::Crs& analysis_crs);

}  // namespace onemap::store
