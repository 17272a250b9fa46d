#include "analysis/attributes.h"

#include "encode/json_text.h"

namespace onemap::analysis {

void Attributes::set(std::string name, store::Value value) {
  for (auto& [n, v] : own_)
    if (n == name) {
      v = std::move(value);
      return;
    }
  own_.emplace_back(std::move(name), std::move(value));
}

std::optional<store::ValueRef> Attributes::get(std::string_view name) const {
  for (const auto& [n, v] : own_)
    if (n == name) return store::to_ref(v);
  if (!layer_) return std::nullopt;
  auto field = layer_->field_index(name);
  if (!field) return std::nullopt;
  return layer_->value(index_, *field);
}

bool matches(const Attributes& attributes, const std::vector<catalog::Condition>& where) {
  for (const catalog::Condition& c : where) {
    const std::optional<store::ValueRef> v = attributes.get(c.property);
    if (!v) return false;
    bool any = false;
    for (const catalog::ConditionValue& wanted : c.values) any = any || value_matches(*v, wanted);
    if (!any) return false;
  }
  return true;
}

bool matches(const store::Layer& layer, std::uint32_t index, const std::vector<catalog::Condition>& where) {
  return where.empty() || matches(Attributes(layer, index), where);
}

std::string value_text(const store::ValueRef& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      std::string out;
      encode::append_json_number(out, d);
      return out;
    }
    std::string operator()(std::string_view s) const { return std::string(s); }
  };
  return std::visit(Visitor{}, value);
}

std::optional<double> reach_for(const catalog::DistanceSpec& spec, const Attributes& target) {
  if (spec.fixed) return spec.fixed;
  if (!spec.by_property.empty()) {
    const std::optional<store::ValueRef> v = target.get(spec.by_property);
    if (v) {
      auto it = spec.by_value.find(value_text(*v));
      if (it != spec.by_value.end()) return it->second;
    }
    return spec.by_default;
  }
  for (const catalog::DistanceCase& c : spec.cases)
    if (matches(target, c.where)) return c.metres;
  return std::nullopt;
}

catalog::Severity severity_for(const catalog::Rule& rule, const Attributes* target) {
  if (!rule.severity_by || !target) return rule.severity;
  const std::optional<store::ValueRef> v = target->get(rule.severity_by->property);
  if (!v) return rule.severity;
  auto it = rule.severity_by->values.find(value_text(*v));
  return it == rule.severity_by->values.end() ? rule.severity : it->second;
}

std::string feature_name(const store::Layer& layer, std::uint32_t index) {
  for (const char* property : {"name", "source_name"})
    if (auto field = layer.field_index(property))
      if (const store::ValueRef v = layer.value(index, *field); const auto* s = std::get_if<std::string_view>(&v))
        return std::string(*s);
  return "";
}

}  // namespace onemap::analysis
