#pragma once
// The figures the zonal-summary process gives for each zone, as data (the `zonal_summary`
// section of rules.yaml): which layer's features are counted or measured, under which
// conditions, grouped by which property. Parsed by summary_loader, checked against the loaded
// layers by rules_check, evaluated generically by analysis/zonal_summary.
#include "catalog/condition.h"

#include <optional>

#include <string>
#include <vector>

namespace onemap::catalog {

enum class FigureKind {
  Count,        // features of `of` in the zone
  CountBy,      // … grouped by the text of property `by`
  Area,         // ground of `of`'s polygons inside the zone, in m², optionally grouped by `by`
  ClassTarget,  // features whose `class_property` is no worse than their `target_property`
};

const char* to_string(FigureKind kind);

struct SummaryFigure {
  std::string key;    // the figure's key in each zone's JSON
  std::string title;  // for the process description
  FigureKind kind = FigureKind::Count;
  FeatureSet of;                     // the layer and the conditions its features must meet
  std::string by;                    // CountBy (required), Area (optional)
  std::string class_property;        // ClassTarget: the class observed (latest_class)
  std::string target_property;       // ClassTarget: the class aimed for (target_class)
  std::vector<std::string> classes;  // ClassTarget: best first (I, II, …, 劣V)

  // 0 for the best class; nullopt for text not in `classes`.
  std::optional<std::size_t> class_rank(const std::string& text) const;
};

}  // namespace onemap::catalog
