#pragma once
// Reading feature attributes the way rules compare them. A plot under check has attributes too:
// those of the feature it was taken from (if any), overlaid with its own (the planned use it is
// checked for, properties derived from the layers it lies on).
#include "catalog/rules.h"
#include "store/layer.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace onemap::analysis {

class Attributes {
 public:
  Attributes() = default;
  Attributes(const store::Layer& layer, std::uint32_t index) : layer_(&layer), index_(index) {}

  // Overrides (or adds) a value; later calls win.
  void set(std::string name, store::Value value);
  // nullopt when the property is absent; a null value is returned as monostate. Text views
  // live as long as the layer and this object.
  std::optional<store::ValueRef> get(std::string_view name) const;

 private:
  const store::Layer* layer_ = nullptr;
  std::uint32_t index_ = 0;
  std::vector<std::pair<std::string, store::Value>> own_;
};

using store::value_matches;
// Every condition holds; an absent or null property meets none.
bool matches(const Attributes& attributes, const std::vector<catalog::Condition>& where);
bool matches(const store::Layer& layer, std::uint32_t index, const std::vector<catalog::Condition>& where);

// The text a value is looked up by in distance_by and severity_by ("plain", "true", "3");
// empty for null.
std::string value_text(const store::ValueRef& value);

// The reach of a within_distance/adjacent rule for a target with these attributes; nullopt when
// it is not a target (no case covers it).
std::optional<double> reach_for(const catalog::DistanceSpec& spec, const Attributes& target);

// The rule's severity, read from the target's attributes when the rule has severity_by.
catalog::Severity severity_for(const catalog::Rule& rule, const Attributes* target);

// A feature's display name: its `name`, else `source_name`, else empty.
std::string feature_name(const store::Layer& layer, std::uint32_t index);

}  // namespace onemap::analysis
