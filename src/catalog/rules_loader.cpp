#include "catalog/rules_loader.h"

#include "catalog/summary_loader.h"
#include "catalog/yaml_read.h"

#include <algorithm>
#include <cmath>

namespace onemap::catalog {
namespace fs = std::filesystem;
namespace {

// Distances beyond this are typos (a missing decimal point), not rules.
constexpr double kMaxDistance = 200000;

using Reader = YamlReader;

double distance(const Reader& r, const YAML::Node& node, const std::string& what) {
  double d = 0;
  try {
    d = node.as<double>();
  } catch (const YAML::Exception&) {
    r.fail(what + " must be a number of metres");
  }
  if (!std::isfinite(d) || d < 0 || d > kMaxDistance)
    r.fail(what + " = " + node.Scalar() + " must lie within 0–" + std::to_string(static_cast<int>(kMaxDistance)) +
           " m");
  return d;
}

std::optional<RuleKind> parse_kind(const std::string& text, bool& inside) {
  inside = text == "inside";
  if (text == "within_distance") return RuleKind::WithinDistance;
  if (text == "intersects" || text == "inside") return RuleKind::Intersects;
  if (text == "adjacent") return RuleKind::Adjacent;
  if (text == "plot_attribute") return RuleKind::PlotAttribute;
  return std::nullopt;
}

std::vector<std::string> uses(const Reader& r, const RuleSet& set, const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  for (const std::string& use : r.get<std::vector<std::string>>(node, "planned_use", {})) {
    if (auto group = set.use_groups.find(use); group != set.use_groups.end()) {
      out.insert(out.end(), group->second.begin(), group->second.end());
    } else if (set.is_planned_use(use)) {
      out.push_back(use);
    } else {
      r.fail(what + "planned_use '" + use + "' is neither in planned_uses nor a use group");
    }
  }
  return out;
}

DistanceSpec distance_spec(const Reader& r, const YAML::Node& node) {
  DistanceSpec d;
  int given = 0;
  if (node["distance"]) ++given, d.fixed = distance(r, node["distance"], "distance");
  if (const YAML::Node by = node["distance_by"]) {
    ++given;
    r.check_keys(by, "distance_by", {"property", "values", "default"});
    d.by_property = r.required(by, "property");
    if (!by["values"] || !by["values"].IsMap() || by["values"].size() == 0)
      r.fail("distance_by.values must map property values to metres");
    for (const auto& entry : by["values"])
      d.by_value[entry.first.Scalar()] = distance(r, entry.second, "distance_by.values." + entry.first.Scalar());
    if (by["default"]) d.by_default = distance(r, by["default"], "distance_by.default");
  }
  if (const YAML::Node cases = node["distance_cases"]) {
    ++given;
    if (!cases.IsSequence() || cases.size() == 0) r.fail("distance_cases must be a list of {where, distance}");
    for (const auto& c : cases) {
      r.check_keys(c, "distance_cases entry", {"where", "distance"});
      if (!c["distance"]) r.fail("every distance_cases entry needs a distance");
      d.cases.push_back(
          {r.conditions(c["where"], "distance_cases.where"), distance(r, c["distance"], "distance_cases.distance")});
    }
  }
  if (given > 1) r.fail("give one of distance, distance_by and distance_cases");
  return d;
}

Rule parse_rule(Reader& r, const RuleSet& set, const YAML::Node& node) {
  Rule rule;
  if (node.IsMap()) rule.id = r.get<std::string>(node, "id", "");
  if (rule.id.empty()) r.fail("every rule needs an id");
  r.at("rule '" + rule.id + "'");
  r.check_keys(node, "the rule",
               {"id", "title", "kind", "severity", "severity_by", "source", "target", "planned_use", "distance",
                "distance_by", "distance_cases", "plot", "text", "summary"});
  rule.title = r.get<std::string>(node, "title", rule.id);
  std::string kind = r.required(node, "kind");
  auto parsed = parse_kind(kind, rule.inside);
  if (!parsed)
    r.fail("kind '" + kind + "' is not one of within_distance, inside, intersects, adjacent, plot_attribute");
  rule.kind = *parsed;
  rule.source = r.feature_set(node["source"], "source");
  if (rule.kind == RuleKind::PlotAttribute) {
    if (node["target"]) r.fail("a plot_attribute rule has no target");
  } else {
    rule.target = r.feature_set(node["target"], "target");
  }
  rule.planned_use = uses(r, set, node, "");
  rule.distance = distance_spec(r, node);
  bool wants_distance = rule.kind == RuleKind::WithinDistance || rule.kind == RuleKind::Adjacent;
  if (wants_distance && rule.distance.empty()) r.fail(kind + " needs distance, distance_by or distance_cases");
  if (!wants_distance && !rule.distance.empty()) r.fail(kind + " takes no distance");

  if (node["severity"] && node["severity_by"]) r.fail("give severity or severity_by, not both");
  if (const YAML::Node by = node["severity_by"]) {
    if (!rule.target) r.fail("severity_by reads a property of the target; this rule has none");
    r.check_keys(by, "severity_by", {"property", "values"});
    SeverityBy s{r.required(by, "property"), {}};
    if (!by["values"] || !by["values"].IsMap()) r.fail("severity_by.values must map property values to severities");
    for (const auto& entry : by["values"]) {
      auto severity = parse_severity(entry.second.Scalar());
      if (!severity)
        r.fail("severity_by.values." + entry.first.Scalar() + ": '" + entry.second.Scalar() +
               "' is not prohibited, restricted or notice");
      s.values[entry.first.Scalar()] = *severity;
    }
    rule.severity_by = std::move(s);
  } else {
    std::string text = r.required(node, "severity");
    auto severity = parse_severity(text);
    if (!severity) r.fail("severity '" + text + "' is not prohibited, restricted or notice");
    rule.severity = *severity;
  }

  if (const YAML::Node plot = node["plot"]) {
    r.check_keys(plot, "plot", {"as", "planned_use", "is_feature", "contains_feature", "derive"});
    std::string as = r.get<std::string>(plot, "as", "source");
    if (as != "source" && as != "target") r.fail("plot.as must be source or target");
    rule.plot.as_target = as == "target";
    if (rule.plot.as_target && !rule.target) r.fail("plot.as: target, but the rule has no target");
    rule.plot.planned_use = uses(r, set, plot, "plot.");
    rule.plot.is_feature = r.get<bool>(plot, "is_feature", false);
    rule.plot.contains_feature = r.get<bool>(plot, "contains_feature", false);
    rule.plot.derive = r.get<std::map<std::string, std::string>>(plot, "derive", {});
  }
  rule.text = r.required(node, "text");
  rule.summary = r.required(node, "summary");
  return rule;
}

}  // namespace

RuleSet load_rules(const fs::path& file) {
  Reader r(file);
  YAML::Node root = r.load();
  r.check_keys(root, "the rules file",
               {"planned_use_property", "planned_uses", "use_groups", "township_layer", "rules", "zonal_summary"});
  RuleSet set;
  set.file = file;
  set.planned_use_property = r.get<std::string>(root, "planned_use_property", set.planned_use_property);
  set.planned_uses = r.get<std::vector<std::string>>(root, "planned_uses", {});
  set.use_groups = r.get<std::map<std::string, std::vector<std::string>>>(root, "use_groups", {});
  for (const auto& [group, members] : set.use_groups)
    for (const std::string& use : members)
      if (!set.is_planned_use(use)) r.fail("use_groups." + group + ": '" + use + "' is not in planned_uses");
  set.township_layer = r.get<std::string>(root, "township_layer", "");
  const YAML::Node rules = root["rules"];
  if (rules && !rules.IsNull() && !rules.IsSequence()) r.fail("'rules' must be a list");
  for (const auto& node : rules) {
    Rule rule = parse_rule(r, set, node);
    if (set.find(rule.id)) r.fail("the id is used by an earlier rule too");
    set.rules.push_back(std::move(rule));
    r.at("");
  }
  set.zonal_summary = parse_summary_figures(r, root["zonal_summary"]);
  return set;
}

}  // namespace onemap::catalog
