#pragma once
// Checks a rule set against the layers actually loaded: every layer a rule names exists, every
// property it reads is one of that layer's, and every value it compares has that property's type.
// The zonal-summary figures are checked the same way, except that their layer may be missing.
#include "catalog/rules.h"

#include <map>
#include <string>
#include <vector>

namespace onemap::catalog {

enum class PropertyType { Boolean, Number, Text };

// What the check needs to know of a loaded layer (the store fills it in).
struct LayerSchema {
  std::string id;
  bool polygonal = false;
  std::map<std::string, PropertyType> properties;
};

// Throws CatalogError naming the rules file, the rule and the problem; when rules.drop_invalid
// is set (`serve --data`, where another city's data may lack an attribute a rule reads), such
// rules (and figures) are dropped with a warning instead.
void check_rules(RuleSet& rules, const std::vector<LayerSchema>& layers);

// The problem with a zonal-summary figure against `layers`, or an empty string. A figure whose
// layer is not loaded has none: it is left out of the output, like any figure of missing data.
std::string figure_problem(const SummaryFigure& figure, const std::vector<LayerSchema>& layers);

// The problem with `rule` against `layers`, or an empty string.
std::string rule_problem(const RuleSet& rules, const Rule& rule, const std::vector<LayerSchema>& layers);

}  // namespace onemap::catalog
