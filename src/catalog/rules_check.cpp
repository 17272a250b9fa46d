#include "catalog/rules_check.h"

#include "catalog/catalog.h"

#include <spdlog/spdlog.h>

namespace onemap::catalog {
namespace {

const LayerSchema* find_layer(const std::vector<LayerSchema>& layers, const std::string& id) {
  for (const LayerSchema& l : layers)
    if (l.id == id) return &l;
  return nullptr;
}

std::string layer_list(const std::vector<LayerSchema>& layers) {
  std::string out;
  for (const LayerSchema& l : layers) out += (out.empty() ? "" : ", ") + l.id;
  return out;
}

const char* type_name(PropertyType t) {
  switch (t) {
    case PropertyType::Boolean:
      return "boolean";
    case PropertyType::Number:
      return "number";
    case PropertyType::Text:
      return "text";
  }
  return "?";
}

PropertyType type_of(const ConditionValue& v) {
  if (std::holds_alternative<bool>(v)) return PropertyType::Boolean;
  if (std::holds_alternative<double>(v)) return PropertyType::Number;
  return PropertyType::Text;
}

// Accumulates the first problem found, phrased for someone editing rules.yaml.
struct Checker {
  const std::vector<LayerSchema>& layers;
  std::string problem;

  const LayerSchema* layer(const std::string& id, const std::string& where) {
    const LayerSchema* l = find_layer(layers, id);
    if (!l && problem.empty()) problem = where + ": unknown layer '" + id + "' (loaded: " + layer_list(layers) + ")";
    return l;
  }

  bool property(const LayerSchema& l, const std::string& name, const std::string& where) {
    if (l.properties.count(name)) return true;
    if (problem.empty()) {
      std::string names;
      for (const auto& [n, t] : l.properties) names += (names.empty() ? "" : ", ") + n;
      problem = where + ": layer '" + l.id + "' has no property '" + name + "' (it has: " + names + ")";
    }
    return false;
  }

  void conditions(const LayerSchema& l, const std::vector<Condition>& where, const std::string& what) {
    for (const Condition& c : where) {
      if (!property(l, c.property, what)) return;
      PropertyType t = l.properties.at(c.property);
      for (const ConditionValue& v : c.values)
        if (type_of(v) != t && problem.empty())
          problem = what + "." + c.property + ": layer '" + l.id + "' holds " + type_name(t) +
                    " values there, the rule compares a " + type_name(type_of(v));
    }
  }

  void feature_set(const FeatureSet& set, const std::string& what) {
    if (const LayerSchema* l = layer(set.layer, what + ".layer")) conditions(*l, set.where, what + ".where");
  }
};

}  // namespace

std::string rule_problem(const RuleSet& rules, const Rule& rule, const std::vector<LayerSchema>& layers) {
  Checker c{layers, {}};
  c.feature_set(rule.source, "source");
  if (!rule.planned_use.empty())
    if (const LayerSchema* l = find_layer(layers, rule.source.layer))
      c.property(*l, rules.planned_use_property, "planned_use (read from the source's planned-use property)");
  if (rule.target) {
    c.feature_set(*rule.target, "target");
    if (const LayerSchema* t = find_layer(layers, rule.target->layer)) {
      if (!rule.distance.by_property.empty()) c.property(*t, rule.distance.by_property, "distance_by.property");
      for (const DistanceCase& dc : rule.distance.cases) c.conditions(*t, dc.where, "distance_cases.where");
      if (rule.severity_by) c.property(*t, rule.severity_by->property, "severity_by.property");
    }
  }
  for (const auto& [property, layer_id] : rule.plot.derive) {
    const LayerSchema* l = c.layer(layer_id, "plot.derive." + property);
    if (!l) continue;
    c.property(*l, property, "plot.derive." + property);
    if (!l->polygonal && c.problem.empty())
      c.problem = "plot.derive." + property + ": layer '" + layer_id + "' is not a polygon layer";
  }
  return c.problem;
}

std::string figure_problem(const SummaryFigure& figure, const std::vector<LayerSchema>& layers) {
  const LayerSchema* l = find_layer(layers, figure.of.layer);
  if (!l) return "";  // a layer the data lacks leaves the figure empty (null), as any missing layer does
  Checker c{layers, {}};
  c.conditions(*l, figure.of.where, "of.where");
  if (!figure.by.empty()) c.property(*l, figure.by, "by");
  if (figure.kind == FigureKind::ClassTarget) {
    c.property(*l, figure.class_property, "class");
    c.property(*l, figure.target_property, "target");
  }
  if (figure.kind == FigureKind::Area && !l->polygonal && c.problem.empty())
    c.problem = "of.layer: layer '" + l->id + "' is not a polygon layer, so it has no area";
  return c.problem;
}

void check_rules(RuleSet& rules, const std::vector<LayerSchema>& layers) {
  auto fail = [&](const std::string& message) { throw CatalogError(rules.file.string() + ": " + message); };
  if (!rules.township_layer.empty()) {
    const LayerSchema* l = find_layer(layers, rules.township_layer);
    std::string problem =
        !l ? "township_layer: unknown layer '" + rules.township_layer + "' (loaded: " + layer_list(layers) + ")"
        : !l->polygonal ? "township_layer: layer '" + rules.township_layer + "' is not a polygon layer"
                        : "";
    if (!problem.empty()) {
      if (!rules.drop_invalid) fail(problem);
      spdlog::warn("{}: {}; plots will not be placed in a township", rules.file.string(), problem);
      rules.township_layer.clear();
    }
  }
  for (auto it = rules.rules.begin(); it != rules.rules.end();) {
    std::string problem = rule_problem(rules, *it, layers);
    if (problem.empty()) {
      ++it;
    } else if (!rules.drop_invalid) {
      fail("rule '" + it->id + "': " + problem);
    } else {
      spdlog::warn("{}: rule '{}' dropped: {}", rules.file.string(), it->id, problem);
      it = rules.rules.erase(it);
    }
  }
  std::erase_if(rules.zonal_summary, [&](const SummaryFigure& figure) {
    std::string problem = figure_problem(figure, layers);
    if (problem.empty()) return false;
    if (!rules.drop_invalid) fail("zonal_summary figure '" + figure.key + "': " + problem);
    spdlog::warn("{}: zonal_summary figure '{}' dropped: {}", rules.file.string(), figure.key, problem);
    return true;
  });
}

}  // namespace onemap::catalog
