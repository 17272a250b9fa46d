#pragma once
#include "store/layer.h"

#include <memory>

namespace onemap::store {

class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a layer through GDAL (opening its own dataset, so layers load in parallel), repairs
// invalid polygons, and fills `lonlat` and `mercator`. `metric` is filled later by the
// snapshot, once the analysis CRS is known. Throws LoadError naming the layer file and cause.
std::unique_ptr<Layer> load_layer(const catalog::LayerConfig& config);

// Fills layer.metric by reprojecting layer.lonlat into the analysis CRS, its envelopes and
// metric_index.
void project_to_metric(Layer& layer, const geo::Crs& analysis_crs);

}  // namespace onemap::store
