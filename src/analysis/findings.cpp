#include "analysis/findings.h"

#include <algorithm>
#include <tuple>

namespace onemap::analysis {

const char* to_string(Relation relation) {
  switch (relation) {
    case Relation::Inside:
      return "inside";
    case Relation::Intersects:
      return "intersects";
    case Relation::WithinDistance:
      return "within_distance";
    case Relation::Adjacent:
      return "adjacent";
    case Relation::Attribute:
      return "attribute";
  }
  return "?";
}

void sort_findings(std::vector<Finding>& findings, const catalog::RuleSet& rules) {
  auto rank = [&](const Finding& f) {
    auto order = static_cast<std::size_t>(f.rule - rules.rules.data());
    return std::make_tuple(static_cast<int>(f.severity), order, f.distance_m.value_or(0), -f.overlap_m2.value_or(0),
                           f.source.index, f.other.index);
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return rank(a) < rank(b); });
}

}  // namespace onemap::analysis
