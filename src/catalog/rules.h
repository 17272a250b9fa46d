#pragma once
// The plans' restriction rules (R1–R11, and any a city adds) as data: parsed from rules.yaml by
// rules_loader, checked against the loaded layers by rules_check, evaluated by src/analysis.
// Adding a rule of an existing kind is an edit of rules.yaml, never of code.
#include "catalog/condition.h"
#include "catalog/summary.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onemap::catalog {

enum class RuleKind {
  WithinDistance,  // source features within a distance of a target feature
  Intersects,      // source features sharing ground with a target ("inside" reads the same)
  Adjacent,        // touching or within a small distance (R7)
  PlotAttribute,   // the source feature's own attributes and planned use (R3–R6)
};

// Most severe first, so sorting by severity puts what blocks a plan on top.
enum class Severity { Prohibited, Restricted, Notice };

const char* to_string(RuleKind kind);
const char* to_string(Severity severity);
std::optional<Severity> parse_severity(const std::string& text);

struct DistanceCase {
  std::vector<Condition> where;
  double metres = 0;
};

// How far a within_distance or adjacent rule reaches, decided per target feature: a fixed
// distance, a distance looked up by the text of one of its properties (distance_by, R1's
// terrain), or the first of several cases whose conditions it meets (R2's river kinds). A
// target no case covers is not a target.
struct DistanceSpec {
  std::optional<double> fixed;
  std::string by_property;
  std::map<std::string, double> by_value;
  std::optional<double> by_default;
  std::vector<DistanceCase> cases;

  bool empty() const { return !fixed && by_property.empty() && cases.empty(); }
  double max() const;  // the farthest any target can be; bounds the candidate search
};

// Severity read from a property of the target (R9: the protection zone's tier).
struct SeverityBy {
  std::string property;
  std::map<std::string, Severity> values;
};

// How a rule reads for one plot under check (the plot-restrictions process). The plot takes the
// place of a source feature (or of a target feature, for R1), and is in scope when any of the
// given tests holds; with none given, the rule's own planned_use decides (or it always applies).
struct PlotScope {
  bool as_target = false;
  std::vector<std::string> planned_use;       // group names already expanded
  bool is_feature = false;                    // the plot is a feature of its side's layer meeting its conditions
  bool contains_feature = false;              // … or shares ground with one (a plot holding a tailings pond)
  std::map<std::string, std::string> derive;  // property → polygon layer read where the plot lies
};

struct Rule {
  std::string id;
  std::string title;
  RuleKind kind = RuleKind::Intersects;
  bool inside = false;  // written "inside": the same test, told apart in output
  FeatureSet source;
  std::optional<FeatureSet> target;      // none for plot_attribute
  std::vector<std::string> planned_use;  // the source's planned use must be one of these (expanded)
  DistanceSpec distance;
  Severity severity = Severity::Notice;
  std::optional<SeverityBy> severity_by;
  PlotScope plot;
  std::string text;     // the plan's words, quoted
  std::string summary;  // English

  // Every layer the rule reads: source, target and the layers a plot's properties are derived
  // from. A caller who cannot see all of them cannot have the rule run, listed or named.
  std::vector<std::string> layers() const;
};

struct RuleSet {
  std::filesystem::path file;                                  // for messages; empty when there are no rules
  std::string planned_use_property = "planned_use";            // the source property rule planned_use reads
  std::vector<std::string> planned_uses;                       // every use a plot may be planned for
  std::map<std::string, std::vector<std::string>> use_groups;  // "sensitive" → its uses
  std::string township_layer;                                  // plot-restrictions names the township a plot lies in
  std::vector<Rule> rules;
  std::vector<SummaryFigure> zonal_summary;  // the zonal-summary process's figures, in output order
  bool drop_invalid = false;                 // see rules_check.h

  const Rule* find(const std::string& id) const;
  bool is_planned_use(const std::string& use) const;
};

}  // namespace onemap::catalog
