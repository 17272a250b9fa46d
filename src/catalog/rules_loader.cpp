#include "catalog/rules_loader.h"

#include "catalog/catalog.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace onemap::catalog {
namespace fs = std::filesystem;
namespace {

// Distances beyond this are typos (a missing decimal point), not rules.
constexpr double kMaxDistance = 200000;

// Knows where it is reading, so every message names the file and the rule.
class Reader {
 public:
  explicit Reader(fs::path file) : file_(std::move(file)) {}
  void at_rule(std::string id) { rule_ = std::move(id); }

  [[noreturn]] void fail(const std::string& message) const {
    throw CatalogError(file_.string() + ": " + (rule_.empty() ? "" : "rule '" + rule_ + "': ") + message);
  }

  void check_keys(const YAML::Node& node, const std::string& what, const std::set<std::string>& known) const {
    if (!node.IsMap()) fail(what + " must be a mapping");
    for (const auto& entry : node)
      if (!known.count(entry.first.as<std::string>())) fail(what + ": unknown key '" + entry.first.as<std::string>() + "'");
  }

  template <typename T>
  T get(const YAML::Node& node, const std::string& key, T fallback) const {
    if (!node[key]) return fallback;
    try {
      return node[key].as<T>();
    } catch (const YAML::Exception&) {
      fail("field '" + key + "' has the wrong type");
    }
  }

  std::string required(const YAML::Node& node, const std::string& key) const {
    std::string value = get<std::string>(node, key, "");
    if (value.empty()) fail("field '" + key + "' is required");
    return value;
  }

  double distance(const YAML::Node& node, const std::string& what) const {
    double d = 0;
    try {
      d = node.as<double>();
    } catch (const YAML::Exception&) {
      fail(what + " must be a number of metres");
    }
    if (!std::isfinite(d) || d < 0 || d > kMaxDistance)
      fail(what + " = " + node.Scalar() + " must lie within 0–" + std::to_string(static_cast<int>(kMaxDistance)) + " m");
    return d;
  }

  // Plain scalars are typed as YAML reads them (true, 3000); quoted ones are always text.
  ConditionValue value(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(what + " must be a value or a list of values");
    const std::string& s = node.Scalar();
    if (node.Tag() != "!") {
      if (s == "true" || s == "false") return s == "true";
      try {
        return node.as<double>();
      } catch (const YAML::Exception&) {
      }
    }
    return s;
  }

  std::vector<Condition> conditions(const YAML::Node& node, const std::string& what) const {
    std::vector<Condition> out;
    if (!node) return out;
    if (!node.IsMap()) fail(what + " must map property names to a value or a list of values");
    for (const auto& entry : node) {
      Condition c{entry.first.as<std::string>(), {}};
      std::string where = what + "." + c.property;
      if (entry.second.IsSequence()) {
        for (const auto& v : entry.second) c.values.push_back(value(v, where));
        if (c.values.empty()) fail(where + " lists no values");
      } else {
        c.values.push_back(value(entry.second, where));
      }
      out.push_back(std::move(c));
    }
    return out;
  }

  FeatureSet feature_set(const YAML::Node& node, const std::string& what) const {
    if (!node) fail("field '" + what + "' is required");
    check_keys(node, what, {"layer", "where"});
    FeatureSet set;
    set.layer = get<std::string>(node, "layer", "");
    if (set.layer.empty()) fail(what + ".layer is required");
    set.where = conditions(node["where"], what + ".where");
    return set;
  }

 private:
  fs::path file_;
  std::string rule_;
};

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
  if (node["distance"]) ++given, d.fixed = r.distance(node["distance"], "distance");
  if (const YAML::Node by = node["distance_by"]) {
    ++given;
    r.check_keys(by, "distance_by", {"property", "values", "default"});
    d.by_property = r.required(by, "property");
    if (!by["values"] || !by["values"].IsMap() || by["values"].size() == 0)
      r.fail("distance_by.values must map property values to metres");
    for (const auto& entry : by["values"])
      d.by_value[entry.first.Scalar()] = r.distance(entry.second, "distance_by.values." + entry.first.Scalar());
    if (by["default"]) d.by_default = r.distance(by["default"], "distance_by.default");
  }
  if (const YAML::Node cases = node["distance_cases"]) {
    ++given;
    if (!cases.IsSequence() || cases.size() == 0) r.fail("distance_cases must be a list of {where, distance}");
    for (const auto& c : cases) {
      r.check_keys(c, "distance_cases entry", {"where", "distance"});
      if (!c["distance"]) r.fail("every distance_cases entry needs a distance");
      d.cases.push_back({r.conditions(c["where"], "distance_cases.where"), r.distance(c["distance"], "distance_cases.distance")});
    }
  }
  if (given > 1) r.fail("give one of distance, distance_by and distance_cases");
  return d;
}

Rule parse_rule(Reader& r, const RuleSet& set, const YAML::Node& node) {
  Rule rule;
  if (node.IsMap()) rule.id = r.get<std::string>(node, "id", "");
  if (rule.id.empty()) r.fail("every rule needs an id");
  r.at_rule(rule.id);
  r.check_keys(node, "the rule", {"id", "title", "kind", "severity", "severity_by", "source", "target", "planned_use",
                                  "distance", "distance_by", "distance_cases", "plot", "text", "summary"});
  rule.title = r.get<std::string>(node, "title", rule.id);
  std::string kind = r.required(node, "kind");
  auto parsed = parse_kind(kind, rule.inside);
  if (!parsed) r.fail("kind '" + kind + "' is not one of within_distance, inside, intersects, adjacent, plot_attribute");
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
      if (!severity) r.fail("severity_by.values." + entry.first.Scalar() + ": '" + entry.second.Scalar() + "' is not prohibited, restricted or notice");
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
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    r.fail("cannot read the file");
  } catch (const YAML::Exception& e) {
    r.fail(std::string("not valid YAML: ") + e.what());
  }
  r.check_keys(root, "the rules file", {"planned_use_property", "planned_uses", "use_groups", "township_layer", "rules"});
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
    r.at_rule("");
  }
  return set;
}

}  // namespace onemap::catalog
