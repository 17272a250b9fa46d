#pragma once
// Figures per zone (a township, or the features of any polygon layer), as the `zonal_summary`
// section of rules.yaml lists them: counts of a layer's features (optionally under conditions,
// optionally grouped by a property), polygon area inside the zone (optionally grouped), and
// features meeting or missing a target class. A figure whose layer the data lacks is left empty.
#include "catalog/summary.h"
#include "store/layer_set.h"

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace onemap::analysis {

struct GroupedCount {
  std::size_t total = 0;
  std::map<std::string, std::size_t> by;  // features with an empty group value are in total only
};

struct AreaFigure {
  double m2 = 0;
  std::map<std::string, double> by;  // empty when the figure groups by nothing
};

struct ClassTargetFigure {
  std::size_t meeting = 0, missing = 0, unknown = 0;
  std::vector<std::uint32_t> missing_items;  // indices into the figure's layer
};

// std::monostate: the figure's layer is not loaded.
using FigureValue = std::variant<std::monostate, std::size_t, GroupedCount, AreaFigure, ClassTargetFigure>;

struct ZoneFigures {
  std::uint32_t zone = 0;
  std::vector<FigureValue> figures;  // one per configured figure, in the same order
};

// One entry per zone feature with geometry, in layer order. Points and polygons are counted
// once each: a point in the first zone that covers it, a polygon in the zone it shares most
// ground with; areas are split exactly between zones. A figure over a layer the caller cannot
// see is left empty (null), as one over a layer the data lacks.
std::vector<ZoneFigures> zonal_summary(const store::LayerSet& layers, const store::Layer& zones,
                                       const std::vector<catalog::SummaryFigure>& figures);

}  // namespace onemap::analysis
