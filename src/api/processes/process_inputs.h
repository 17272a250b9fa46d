#pragma once
// Reading the `inputs` of an execute request, with 400 messages that say which input is wrong
// and why: unknown names, wrong types, unknown collections or properties, absurd distances.
#include "api/request_context.h"
#include "catalog/rules.h"
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace onemap::api {

// Distances a request may ask for: the city and a good margin, not a typo's extra zeros.
inline constexpr double kMaxRequestDistance = 200000;

class ProcessInputs {
 public:
  // Throws BadRequest when `inputs` is not an object or names an input not in `known` (empty:
  // any name goes).
  // `prefix` names nested inputs in messages ("distance_by.").
  ProcessInputs(const nlohmann::json& inputs, const std::set<std::string>& known, std::string prefix = "");

  // The input's value (an inline {"value": …} is unwrapped); nullptr when absent or null.
  const nlohmann::json* get(const std::string& name) const;

  std::optional<std::string> string(const std::string& name) const;
  std::optional<double> number(const std::string& name) const;
  std::optional<double> distance(const std::string& name) const;                             // metres, 0–200 km
  const store::Layer& collection(const RequestContext& ctx, const std::string& name) const;  // required
  const store::Layer* optional_collection(const RequestContext& ctx, const std::string& name) const;
  // {"property": value | [values], …} against the layer's properties and their types.
  std::vector<catalog::Condition> filter(const std::string& name, const store::Layer& layer) const;
  // {"property", "values": {text: metres}, "default"} on a property of `layer`.
  std::optional<catalog::DistanceSpec> distance_by(const std::string& name, const store::Layer& layer) const;

 private:
  std::string label(const std::string& name) const { return prefix_ + name; }

  const nlohmann::json& inputs_;
  std::string prefix_;
};

// The property of `layer` named `name`, or a BadRequest listing the layer's properties.
const store::Field& require_property(const store::Layer& layer, const std::string& name, const std::string& input);

}  // namespace onemap::api
