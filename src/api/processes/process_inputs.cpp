#include "api/processes/process_inputs.h"

#include "api/errors.h"

#include <cmath>

namespace onemap::api {
namespace {

using nlohmann::json;

std::string shown(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 100);
}

catalog::ConditionValue condition_value(const json& v, const store::Field& field, const std::string& input) {
  auto wrong = [&](const char* want) -> catalog::ConditionValue {
    throw BadRequest("input '" + input + "': property '" + field.name + "' holds " + want + " values; " + shown(v) +
                     " is not one");
  };
  switch (field.type) {
    case store::FieldType::Boolean:
      return v.is_boolean() ? catalog::ConditionValue{v.get<bool>()} : wrong("boolean");
    case store::FieldType::Integer:
    case store::FieldType::Real:
      return v.is_number() ? catalog::ConditionValue{v.get<double>()} : wrong("number");
    default:
      return v.is_string() ? catalog::ConditionValue{v.get<std::string>()} : wrong("text");
  }
}

}  // namespace

const store::Field& require_property(const store::Layer& layer, const std::string& name, const std::string& input) {
  if (auto i = layer.field_index(name)) return layer.fields[*i];
  std::string names;
  for (const store::Field& f : layer.fields) names += (names.empty() ? "" : ", ") + f.name;
  throw BadRequest("input '" + input + "': collection '" + layer.config.id + "' has no property '" + name +
                   "' (it has: " + names + ")");
}

ProcessInputs::ProcessInputs(const json& inputs, const std::set<std::string>& known, std::string prefix)
    : inputs_(inputs), prefix_(std::move(prefix)) {
  if (!inputs_.is_object())
    throw BadRequest("'" + (prefix_.empty() ? std::string("inputs") : prefix_) + "' must be a JSON object");
  for (const auto& [name, value] : inputs_.items()) {
    if (known.empty() || known.count(name)) continue;
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
    throw BadRequest("unknown input '" + label(name) + "'; " + (prefix_.empty() ? "this process" : "it") +
                     " takes: " + list);
  }
}

const json* ProcessInputs::get(const std::string& name) const {
  auto it = inputs_.find(name);
  if (it == inputs_.end() || it->is_null()) return nullptr;
  if (it->is_object() && it->size() == 1 && it->contains("value")) return &(*it)["value"];
  return &*it;
}

std::optional<std::string> ProcessInputs::string(const std::string& name) const {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw BadRequest("input '" + label(name) + "' must be a string, not " + shown(*v));
  return v->get<std::string>();
}

std::optional<double> ProcessInputs::number(const std::string& name) const {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) throw BadRequest("input '" + label(name) + "' must be a number, not " + shown(*v));
  return v->get<double>();
}

std::optional<double> ProcessInputs::distance(const std::string& name) const {
  std::optional<double> d = number(name);
  if (d && (!std::isfinite(*d) || *d < 0))
    throw BadRequest("input '" + label(name) + "' must be a distance in metres ≥ 0, not " + shown(*get(name)));
  if (d && *d > kMaxRequestDistance)
    throw BadRequest("input '" + label(name) + "' = " + shown(*get(name)) +
                     " m is beyond the 200 km this service searches; give metres, not millimetres");
  return d;
}

const store::Layer* ProcessInputs::optional_collection(const RequestContext& ctx, const std::string& name) const {
  std::optional<std::string> id = string(name);
  if (!id) return nullptr;
  if (const store::Layer* layer = ctx.find_layer(*id)) return layer;
  std::string list;
  for (const store::Layer* l : ctx.layers()) list += (list.empty() ? "" : ", ") + l->config.id;
  throw BadRequest("input '" + label(name) + "': unknown collection '" + id->substr(0, 100) +
                   "' (collections: " + list + ")");
}

const store::Layer& ProcessInputs::collection(const RequestContext& ctx, const std::string& name) const {
  if (const store::Layer* layer = optional_collection(ctx, name)) return *layer;
  throw BadRequest("input '" + label(name) + "' (a collection id) is required");
}

std::vector<catalog::Condition> ProcessInputs::filter(const std::string& name, const store::Layer& layer) const {
  std::vector<catalog::Condition> out;
  const json* v = get(name);
  if (!v) return out;
  if (!v->is_object())
    throw BadRequest("input '" + label(name) +
                     "' must be an object of property names to values, like {\"heavy_metal\": true}");
  for (const auto& [property, wanted] : v->items()) {
    const store::Field& field = require_property(layer, property, label(name));
    catalog::Condition c{property, {}};
    if (wanted.is_array()) {
      if (wanted.empty()) throw BadRequest("input '" + label(name) + "': the list for '" + property + "' is empty");
      for (const json& w : wanted) c.values.push_back(condition_value(w, field, label(name)));
    } else {
      c.values.push_back(condition_value(wanted, field, label(name)));
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<catalog::DistanceSpec> ProcessInputs::distance_by(const std::string& name,
                                                                const store::Layer& layer) const {
  const json* v = get(name);
  if (!v) return std::nullopt;
  const char* shape =
      " must look like {\"property\": \"terrain\", \"values\": {\"plain\": 10000, \"hill\": 5000}, \"default\": 10000}";
  if (!v->is_object()) throw BadRequest("input '" + label(name) + "'" + shape);
  ProcessInputs by(*v, {"property", "values", "default"}, label(name) + ".");
  std::optional<std::string> property = by.string("property");
  const json* values = by.get("values");
  if (!property || !values || !values->is_object() || values->empty())
    throw BadRequest("input '" + label(name) + "'" + shape);
  catalog::DistanceSpec spec;
  spec.by_property = require_property(layer, *property, label(name)).name;
  ProcessInputs each(*values, {}, label(name) + ".values.");
  for (const auto& [text, metres] : values->items()) {
    std::optional<double> d = each.distance(text);
    if (!d) throw BadRequest("input '" + label(name) + ".values." + text + "' must be a distance in metres");
    spec.by_value[text] = *d;
  }
  spec.by_default = by.distance("default");
  return spec;
}

}  // namespace onemap::api
