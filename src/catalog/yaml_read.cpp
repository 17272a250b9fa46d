#include "catalog/yaml_read.h"

#include "catalog/catalog.h"

namespace onemap::catalog {

void YamlReader::fail(const std::string& message) const {
  throw CatalogError(file_.string() + ": " + (entry_.empty() ? "" : entry_ + ": ") + message);
}

YAML::Node YamlReader::load() const {
  try {
    return YAML::LoadFile(file_.string());
  } catch (const YAML::BadFile&) {
    fail("cannot read the file");
  } catch (const YAML::Exception& e) {
    fail(std::string("not valid YAML: ") + e.what());
  }
}

void YamlReader::check_keys(const YAML::Node& node, const std::string& what, const std::set<std::string>& known) const {
  if (!node.IsMap()) fail(what.empty() ? "expected a mapping of keys to values" : what + " must be a mapping");
  for (const auto& entry : node) {
    std::string key = entry.first.as<std::string>();
    if (!known.count(key)) fail((what.empty() ? "" : what + ": ") + "unknown key '" + key + "'");
  }
}

std::string YamlReader::required(const YAML::Node& node, const std::string& key) const {
  std::string value = get<std::string>(node, key, "");
  if (value.empty()) fail("field '" + key + "' is required");
  return value;
}

ConditionValue YamlReader::value(const YAML::Node& node, const std::string& what) const {
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

std::vector<Condition> YamlReader::conditions(const YAML::Node& node, const std::string& what) const {
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

FeatureSet YamlReader::feature_set(const YAML::Node& node, const std::string& what) const {
  if (!node) fail("field '" + what + "' is required");
  check_keys(node, what, {"layer", "where"});
  FeatureSet set;
  set.layer = get<std::string>(node, "layer", "");
  if (set.layer.empty()) fail(what + ".layer is required");
  set.where = conditions(node["where"], what + ".where");
  return set;
}

}  // namespace onemap::catalog
