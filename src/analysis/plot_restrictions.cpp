#include "analysis/plot_restrictions.h"

#include "analysis/attributes.h"
#include "analysis/candidates.h"
#include "analysis/geos_features.h"
#include "analysis/within_distance.h"
#include "util/job_control.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

namespace onemap::analysis {
namespace {

using catalog::Rule;
using catalog::RuleKind;

struct Hit {
  std::uint32_t index;
  Overlap overlap;
};

bool contains(const std::vector<std::string>& list, const std::optional<std::string>& value) {
  return value && std::find(list.begin(), list.end(), *value) != list.end();
}

class PlotCheck {
 public:
  PlotCheck(const store::LayerSet& layers, const Plot& plot)
      : layers_(layers), rules_(layers.snapshot().catalog.rules), plot_(plot), query_(plot.metric) {
    if (plot.feature) attributes_ = Attributes(*plot.feature.layer, plot.feature.index);
    report_.area_m2 = query_.area();
    report_.planned_use = plot.planned_use;
    if (!report_.planned_use)
      if (const std::optional<store::ValueRef> v = attributes_.get(rules_.planned_use_property))
        if (const auto* s = std::get_if<std::string_view>(&*v)) report_.planned_use = std::string(*s);
    if (report_.planned_use) attributes_.set(rules_.planned_use_property, *report_.planned_use);
  }

  PlotReport run() {
    locate_township();
    for (const Rule& rule : rules_.rules) {
      if (!layers_.sees(rule) || !in_scope(rule)) continue;
      report_.rules_in_scope.push_back(&rule);
      derive(rule);
      evaluate(rule);
    }
    sort_findings(report_.restrictions, rules_);
    return std::move(report_);
  }

 private:
  GeosFeatures& geos(const store::Layer& layer) {
    auto& slot = geos_[&layer];
    if (!slot) slot = std::make_unique<GeosFeatures>(layer);
    return *slot;
  }

  // Rules are checked at load, and only rules the caller sees whole (LayerSet::sees) are read; a
  // miss here is a bug, answered as one rather than followed to a null layer.
  const store::Layer& layer(const std::string& id) const {
    if (const store::Layer* found = layers_.find(id)) return *found;
    throw std::logic_error("plot check: rule layer '" + id + "' is not among the caller's layers");
  }

  // Features of `layer` meeting `where` that share ground with the plot.
  std::vector<Hit> overlapping(const store::Layer& layer, const std::vector<catalog::Condition>& where) {
    std::vector<Hit> hits;
    for (const Candidate& c : candidates_near(layer, query_.envelope(), 0)) {
      util::checkpoint();  // each overlay is interrupted within GEOS; between them, here
      if (!matches(layer, c.index, where)) continue;
      auto overlap =
          query_.overlap(geos(layer).geometry(c.index), geo::is_polygonal(layer.metric_geometry(c.index).type));
      if (overlap) hits.push_back({c.index, *overlap});
    }
    return hits;
  }

  bool is_plot_feature(const store::Layer& layer, std::uint32_t index) const {
    return plot_.feature.layer == &layer && plot_.feature.index == index;
  }

  void locate_township() {
    if (rules_.township_layer.empty() || !layers_.find(rules_.township_layer)) return;
    const store::Layer& townships = layer(rules_.township_layer);
    for (const Hit& hit : overlapping(townships, {})) {
      double area = hit.overlap.area_m2.value_or(0);
      if (!report_.township || area > report_.township_overlap_m2) {
        report_.township = {&townships, hit.index};
        report_.township_overlap_m2 = area;
      }
    }
  }

  bool in_scope(const Rule& rule) {
    const catalog::PlotScope& scope = rule.plot;
    if (scope.planned_use.empty() && !scope.is_feature && !scope.contains_feature)
      return rule.planned_use.empty() || contains(rule.planned_use, report_.planned_use);
    if (contains(scope.planned_use, report_.planned_use)) return true;
    const catalog::FeatureSet& side = scope.as_target ? *rule.target : rule.source;
    const store::Layer& side_layer = layer(side.layer);
    if (scope.is_feature && plot_.feature.layer == &side_layer && matches(attributes_, side.where)) return true;
    return scope.contains_feature && !overlapping(side_layer, side.where).empty();
  }

  // A property the plot lacks, read from the feature of a polygon layer sharing most ground
  // with it (a drawn plot's terrain from terrain_zones).
  void derive(const Rule& rule) {
    for (const auto& [property, layer_id] : rule.plot.derive) {
      const std::optional<store::ValueRef> own = attributes_.get(property);
      if (own && !std::holds_alternative<std::monostate>(*own)) continue;
      const store::Layer& from = layer(layer_id);
      std::optional<Hit> best;
      for (const Hit& hit : overlapping(from, {}))
        if (!best || hit.overlap.area_m2.value_or(0) > best->overlap.area_m2.value_or(0)) best = hit;
      if (best) attributes_.set(property, store::to_value(*Attributes(from, best->index).get(property)));
    }
  }

  void add(const Rule& rule, catalog::Severity severity, const store::Layer& layer, std::uint32_t index,
           Relation relation, std::optional<double> distance, std::optional<double> overlap) {
    Finding f;
    f.rule = &rule;
    f.severity = severity;
    f.other = {&layer, index};
    f.relation = relation;
    f.distance_m = distance;
    f.overlap_m2 = overlap;
    report_.restrictions.push_back(f);
  }

  void evaluate(const Rule& rule) {
    const bool as_target = rule.plot.as_target;
    // The side the plot is checked against: the targets, or the sources when it stands in for a target.
    const catalog::FeatureSet& other = rule.kind == RuleKind::PlotAttribute || as_target ? rule.source : *rule.target;
    const store::Layer& other_layer = layer(other.layer);
    auto severity_of = [&](std::uint32_t i) {
      if (as_target) return severity_for(rule, &attributes_);
      Attributes a(other_layer, i);
      return severity_for(rule, rule.target ? &a : nullptr);
    };

    if (rule.kind == RuleKind::PlotAttribute || rule.kind == RuleKind::Intersects) {
      if (rule.kind == RuleKind::PlotAttribute && plot_.feature.layer == &other_layer &&
          matches(attributes_, other.where))
        add(rule, severity_of(plot_.feature.index), other_layer, plot_.feature.index, Relation::Attribute, {}, {});
      for (const Hit& hit : overlapping(other_layer, other.where)) {
        if (rule.kind == RuleKind::PlotAttribute && is_plot_feature(other_layer, hit.index)) continue;
        add(rule, severity_of(hit.index), other_layer, hit.index,
            hit.overlap.inside ? Relation::Inside : Relation::Intersects, {}, hit.overlap.area_m2);
      }
      return;
    }

    catalog::DistanceSpec reach = rule.distance;
    if (as_target) {  // one reach, the plot's own (R1: by the terrain it lies in)
      std::optional<double> own = reach_for(rule.distance, attributes_);
      if (!own) return;
      reach = catalog::DistanceSpec{};
      reach.fixed = own;
    }
    ReachSpec spec{other_layer, other.where, reach, rule.kind == RuleKind::Adjacent};
    std::optional<std::uint32_t> self;
    if (plot_.feature.layer == &other_layer) self = plot_.feature.index;
    Relation relation = rule.kind == RuleKind::Adjacent ? Relation::Adjacent : Relation::WithinDistance;
    for (const DistanceMatch& m : targets_within(query_, spec, geos(other_layer), self))
      add(rule, severity_of(m.target), other_layer, m.target, relation, m.distance, {});
  }

  const store::LayerSet& layers_;
  const catalog::RuleSet& rules_;
  const Plot& plot_;
  QueryGeometry query_;
  Attributes attributes_;
  std::map<const store::Layer*, std::unique_ptr<GeosFeatures>> geos_;
  PlotReport report_;
};

}  // namespace

PlotReport check_plot(const store::LayerSet& layers, const Plot& plot) { return PlotCheck(layers, plot).run(); }

}  // namespace onemap::analysis
