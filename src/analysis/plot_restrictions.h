#pragma once
// Checks one plot before it is zoned or supplied (the land bureau's question): every rule of the
// rule set read for this plot and its planned use, with the features each restriction comes from.
#include "analysis/findings.h"
#include "store/layer_set.h"

#include <optional>
#include <string>
#include <vector>

namespace onemap::analysis {

struct Plot {
  geo::Geometry metric;                    // polygonal, valid, in the snapshot's analysis CRS
  std::optional<std::string> planned_use;  // a use of the rule set's planned_uses
  FeatureRef feature;                      // the feature the plot was taken from, if any
};

struct PlotReport {
  double area_m2 = 0;
  std::optional<std::string> planned_use;  // as given, else the feature's own
  FeatureRef township;                     // the township sharing most ground with the plot
  double township_overlap_m2 = 0;
  std::vector<const catalog::Rule*> rules_in_scope;
  std::vector<Finding> restrictions;  // most severe first; `other` is the feature found
};

// Only rules the caller can see (LayerSet::sees) are read, and the township only when its layer
// is visible.
PlotReport check_plot(const store::LayerSet& layers, const Plot& plot);

}  // namespace onemap::analysis
