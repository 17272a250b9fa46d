#pragma once
// What rule evaluation finds: a rule, how severe, which features, and how they relate.
#include "catalog/rules.h"
#include "store/layer.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace onemap::analysis {

enum class Relation { Inside, Intersects, WithinDistance, Adjacent, Attribute };
const char* to_string(Relation relation);

struct FeatureRef {
  const store::Layer* layer = nullptr;
  std::uint32_t index = 0;
  explicit operator bool() const { return layer != nullptr; }
};

struct Finding {
  const catalog::Rule* rule = nullptr;
  catalog::Severity severity = catalog::Severity::Notice;
  FeatureRef source;  // screening: the feature in breach; plot checks: unset (it is the plot)
  FeatureRef other;   // the feature it is in breach with, or that the plot is checked against
  Relation relation = Relation::Attribute;
  std::optional<double> distance_m;
  std::optional<double> overlap_m2;
};

// Most severe first, then in the order of the rules file, then nearest / largest overlap.
void sort_findings(std::vector<Finding>& findings, const catalog::RuleSet& rules);

}  // namespace onemap::analysis
