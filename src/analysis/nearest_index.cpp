#include "analysis/nearest_index.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace onemap::analysis {

namespace {

void append_number(std::string& out, double d) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  out.append(buffer, end);
}

// A text as length:text, so no text can pass for a separator.
void append_text(std::string& out, const std::string& text) {
  out.append(std::to_string(text.size())).append(":").append(text);
}

std::string value_key(const catalog::ConditionValue& v) {
  std::string out;
  if (const bool* b = std::get_if<bool>(&v))
    out = *b ? "b1" : "b0";
  else if (const double* d = std::get_if<double>(&v))
    out = "n", append_number(out, *d);
  else
    out = "s", append_text(out, std::get<std::string>(v));
  return out;
}

void append_conditions(std::string& out, std::vector<catalog::Condition> where) {
  std::sort(where.begin(), where.end(), [](const auto& a, const auto& b) { return a.property < b.property; });
  out += "{";
  for (const catalog::Condition& c : where) {
    std::vector<std::string> values;
    for (const catalog::ConditionValue& v : c.values) values.push_back(value_key(v));
    std::sort(values.begin(), values.end());
    append_text(out, c.property);
    out += "=[";
    for (const std::string& v : values) out += v + ",";
    out += "]";
  }
  out += "}";
}

}  // namespace

std::string nearest_index_key(const store::Layer& layer, const std::vector<catalog::Condition>& where,
                              const catalog::DistanceSpec& distance) {
  std::string key = "nearest;layer=";
  append_text(key, layer.config.id);
  key += ";version=";  // the cache outlives a reload of this layer alone
  key += std::to_string(layer.version);
  key += ";where=";
  append_conditions(key, where);
  key += ";fixed=";
  if (distance.fixed) append_number(key, *distance.fixed);
  key += ";by=";
  append_text(key, distance.by_property);
  for (const auto& [value, metres] : distance.by_value)
    append_text(key, value), key += "=", append_number(key, metres), key += ",";
  key += ";default=";
  if (distance.by_default) append_number(key, *distance.by_default);
  key += ";cases=";  // in order: the first case a feature meets decides
  for (const catalog::DistanceCase& c : distance.cases)
    append_conditions(key, c.where), key += "=", append_number(key, c.metres), key += ",";
  return key;
}

NearestIndex::NearestIndex(const store::Layer& layer, const std::map<double, std::vector<std::uint32_t>>& by_reach) {
  for (auto it = by_reach.rbegin(); it != by_reach.rend(); ++it)
    groups_.push_back({it->first, geo::PackedRTree(layer.metric_envelopes, it->second)});
}

std::size_t NearestIndex::size() const {
  std::size_t n = 0;
  for (const Group& g : groups_) n += g.tree.size();
  return n;
}

std::size_t NearestIndex::bytes() const {
  std::size_t n = sizeof(*this) + groups_.capacity() * sizeof(Group);
  for (const Group& g : groups_) n += g.tree.bytes() - sizeof(g.tree);
  return n;
}

}  // namespace onemap::analysis
