#include "catalog/yaml_read.h"

#include "catalog/catalog.h"

#include <optional>

namespace onemap::catalog {

void YamlReader::fail(const std::string& message) const {
  throw CatalogError(file_.string() + ": " + (entry_.empty() ? "" : entry_ + ": ") + message);
}

namespace {

// yaml-cpp keeps every copy of a repeated key and reads the first: a second `roles:` further down
// a layer file would be ignored without a word. The first repeated key in any mapping, and its line.
struct RepeatedKey {
  std::string key;
  int line = 0;
};

std::optional<RepeatedKey> repeated_key(const YAML::Node& node) {
  if (node.IsSequence()) {
    for (const YAML::Node& item : node)
      if (auto repeated = repeated_key(item)) return repeated;
  } else if (node.IsMap()) {
    std::set<std::string> seen;
    for (const auto& entry : node) {
      if (entry.first.IsScalar() && !seen.insert(entry.first.Scalar()).second)
        return RepeatedKey{entry.first.Scalar(), entry.first.Mark().line + 1};
      if (auto repeated = repeated_key(entry.second)) return repeated;
    }
  }
  return std::nullopt;
}

}  // namespace

YAML::Node YamlReader::load() const {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file_.string());
  } catch (const YAML::BadFile&) {
    fail("cannot read the file");
  } catch (const YAML::Exception& e) {
    fail(std::string("not valid YAML: ") + e.what());
  }
  if (const std::optional<RepeatedKey> repeated = repeated_key(root))
    fail("line " + std::to_string(repeated->line) + ": key '" + repeated->key +
         "' is given more than once in one mapping");
  return root;
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
