#pragma once
// Reading OneMap's YAML files (onemap.yaml, layers/*.yaml, rules.yaml) into typed structs with
// messages that name the file, the entry being read (a rule, a figure) and the field.
#include "catalog/rules.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>
#include <string>

namespace onemap::catalog {

class YamlReader {
 public:
  explicit YamlReader(std::filesystem::path file) : file_(std::move(file)) {}

  const std::filesystem::path& file() const { return file_; }
  // What is being read, for messages ("rule 'R1'"); empty: the file as a whole.
  void at(std::string entry) { entry_ = std::move(entry); }

  // Throws CatalogError "<file>: <entry>: <message>".
  [[noreturn]] void fail(const std::string& message) const;

  // The whole file; fails when it cannot be read or is not YAML.
  YAML::Node load() const;

  // Rejects keys not in `known`, so a typo ("min_zom") is an error rather than a silent default.
  // `what` names the mapping in messages; empty: the file's top level or the entry itself.
  void check_keys(const YAML::Node& node, const std::string& what, const std::set<std::string>& known) const;

  template <typename T>
  T get(const YAML::Node& node, const std::string& key, T fallback) const {
    if (!node[key]) return fallback;
    try {
      return node[key].as<T>();
    } catch (const YAML::Exception&) {
      fail("field '" + key + "' has the wrong type");
    }
  }

  // A non-empty text field.
  std::string required(const YAML::Node& node, const std::string& key) const;

  // Plain scalars are typed as YAML reads them (true, 3000); quoted ones are always text.
  ConditionValue value(const YAML::Node& node, const std::string& what) const;
  // {property: value | [values]}: every condition must hold, a list is an in-list.
  std::vector<Condition> conditions(const YAML::Node& node, const std::string& what) const;
  // {layer, where}
  FeatureSet feature_set(const YAML::Node& node, const std::string& what) const;

 private:
  std::filesystem::path file_;
  std::string entry_;
};

}  // namespace onemap::catalog
