#include "catalog/rules.h"

#include <algorithm>

namespace onemap::catalog {

const char* to_string(RuleKind kind) {
  switch (kind) {
    case RuleKind::WithinDistance:
      return "within_distance";
    case RuleKind::Intersects:
      return "intersects";
    case RuleKind::Adjacent:
      return "adjacent";
    case RuleKind::PlotAttribute:
      return "plot_attribute";
  }
  return "?";
}

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::Prohibited:
      return "prohibited";
    case Severity::Restricted:
      return "restricted";
    case Severity::Notice:
      return "notice";
  }
  return "?";
}

std::optional<Severity> parse_severity(const std::string& text) {
  if (text == "prohibited") return Severity::Prohibited;
  if (text == "restricted") return Severity::Restricted;
  if (text == "notice") return Severity::Notice;
  return std::nullopt;
}

double DistanceSpec::max() const {
  double m = fixed.value_or(0);
  for (const auto& [value, metres] : by_value) m = std::max(m, metres);
  m = std::max(m, by_default.value_or(0));
  for (const DistanceCase& c : cases) m = std::max(m, c.metres);
  return m;
}

std::vector<std::string> Rule::layers() const {
  std::vector<std::string> ids = {source.layer};
  if (target) ids.push_back(target->layer);
  for (const auto& [property, layer] : plot.derive) ids.push_back(layer);
  return ids;
}

const Rule* RuleSet::find(const std::string& id) const {
  for (const Rule& rule : rules)
    if (rule.id == id) return &rule;
  return nullptr;
}

bool RuleSet::is_planned_use(const std::string& use) const {
  return std::find(planned_uses.begin(), planned_uses.end(), use) != planned_uses.end();
}

}  // namespace onemap::catalog
