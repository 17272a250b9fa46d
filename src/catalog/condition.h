#pragma once
// Attribute conditions as rules.yaml writes them ({property: value | [values]}), shared by the
// rules and the zonal-summary figures.
#include <string>
#include <variant>
#include <vector>

namespace onemap::catalog {

// A literal of a condition. Numbers match integer and real properties alike; strings match
// text and dates ("2024-05-01").
using ConditionValue = std::variant<bool, double, std::string>;

// The property equals one of `values` (one value: equality; several: an in-list).
struct Condition {
  std::string property;
  std::vector<ConditionValue> values;
};

// The features of `layer` meeting every condition.
struct FeatureSet {
  std::string layer;
  std::vector<Condition> where;
};

}  // namespace onemap::catalog
