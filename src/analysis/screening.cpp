#include "analysis/screening.h"

#include "analysis/attributes.h"
#include "analysis/candidates.h"
#include "analysis/geos_features.h"
#include "analysis/within_distance.h"
#include "util/parallel.h"

#include <algorithm>
#include <memory>

namespace onemap::analysis {
namespace {

using catalog::Rule;
using catalog::RuleKind;

Finding finding(const Rule& rule, catalog::Severity severity, FeatureRef source, FeatureRef other, Relation relation) {
  Finding f;
  f.rule = &rule;
  f.severity = severity;
  f.source = source;
  f.other = other;
  f.relation = relation;
  return f;
}

void screen_distance(const Rule& rule, const store::Layer& source, const std::vector<std::uint32_t>& sources,
                     const store::Layer& target, std::vector<Finding>& out) {
  ReachSpec spec{target, rule.target->where, rule.distance, rule.kind == RuleKind::Adjacent};
  Relation relation = rule.kind == RuleKind::Adjacent ? Relation::Adjacent : Relation::WithinDistance;
  for (const DistanceMatch& m : nearest_targets(source, sources, spec, &source == &target)) {
    Attributes t(target, m.target);
    Finding f = finding(rule, severity_for(rule, &t), {&source, m.source}, {&target, m.target}, relation);
    f.distance_m = m.distance;
    out.push_back(f);
  }
}

// Per source, the target it shares ground with that weighs most: the most severe, then the
// largest overlap (R9's nested tiers report the strictest zone a feature lies in).
void screen_intersects(const Rule& rule, const store::Layer& source, const std::vector<std::uint32_t>& sources,
                       const store::Layer& target, std::vector<Finding>& out) {
  unsigned threads = util::sweep_threads(sources.size());
  std::vector<std::vector<Finding>> found(threads);
  util::parallel_sweep(sources.size(), threads, [&](unsigned w) {
    return [&, w, target_geos = std::make_shared<GeosFeatures>(target)](std::size_t k) {
      std::uint32_t s = sources[k];
      if (!source.has_geometry(s)) return;
      QueryGeometry from(source.metric_geometry(s));
      std::optional<Finding> best;
      for (const Candidate& c : candidates_near(target, from.envelope(), 0)) {
        if (&source == &target && c.index == s) continue;
        if (!matches(target, c.index, rule.target->where)) continue;
        auto overlap =
            from.overlap(target_geos->geometry(c.index), geo::is_polygonal(target.metric_geometry(c.index).type));
        if (!overlap) continue;
        Attributes t(target, c.index);
        Finding f = finding(rule, severity_for(rule, &t), {&source, s}, {&target, c.index},
                            overlap->inside ? Relation::Inside : Relation::Intersects);
        f.overlap_m2 = overlap->area_m2;
        if (!best || f.severity < best->severity ||
            (f.severity == best->severity && f.overlap_m2.value_or(0) > best->overlap_m2.value_or(0)))
          best = f;
      }
      if (best) found[w].push_back(*best);
    };
  });
  for (auto& part : found) out.insert(out.end(), part.begin(), part.end());
}

}  // namespace

std::vector<std::uint32_t> rule_sources(const store::Layer& layer, const catalog::RuleSet& rules, const Rule& rule) {
  const std::string& use_property = rules.planned_use_property;
  auto is_source = [&](std::uint32_t i) {
    if (!matches(layer, i, rule.source.where)) return false;
    if (rule.planned_use.empty()) return true;
    const std::optional<store::ValueRef> use = Attributes(layer, i).get(use_property);
    const auto* text = use ? std::get_if<std::string_view>(&*use) : nullptr;
    return text && std::find(rule.planned_use.begin(), rule.planned_use.end(), *text) != rule.planned_use.end();
  };
  // In blocks on every core the sweep has: a city's layers hold hundreds of thousands of features.
  constexpr std::uint32_t kBlock = 8192;
  const std::uint32_t n = static_cast<std::uint32_t>(layer.feature_count());
  std::vector<std::vector<std::uint32_t>> found((n + kBlock - 1) / kBlock);
  util::parallel_sweep(found.size(), util::sweep_threads(found.size(), 1), [&](unsigned) {
    return [&](std::size_t b) {
      const std::uint32_t end = std::min<std::uint32_t>(n, static_cast<std::uint32_t>((b + 1) * kBlock));
      for (auto i = static_cast<std::uint32_t>(b * kBlock); i < end; ++i)
        if (is_source(i)) found[b].push_back(i);
    };
  });
  std::vector<std::uint32_t> out;
  for (const auto& part : found) out.insert(out.end(), part.begin(), part.end());
  return out;
}

std::vector<Finding> screen(const store::LayerSet& layers, const std::vector<const Rule*>& rules) {
  std::vector<Finding> out;
  const catalog::RuleSet& rule_set = layers.snapshot().catalog.rules;
  util::stage_count(rules.size());  // a job's progress: one stage per rule, its sources the items
  for (const Rule* rule : rules) {
    if (!layers.sees(*rule)) continue;
    const store::Layer& source = *layers.find(rule->source.layer);
    std::vector<std::uint32_t> sources = rule_sources(source, rule_set, *rule);
    util::begin_stage(rule->id, sources.size(), "features");
    if (rule->kind == RuleKind::PlotAttribute) {
      for (std::uint32_t s : sources)
        out.push_back(finding(*rule, severity_for(*rule, nullptr), {&source, s}, {}, Relation::Attribute));
      continue;
    }
    const store::Layer& target = *layers.find(rule->target->layer);
    if (rule->kind == RuleKind::Intersects)
      screen_intersects(*rule, source, sources, target, out);
    else
      screen_distance(*rule, source, sources, target, out);
  }
  sort_findings(out, rule_set);
  return out;
}

}  // namespace onemap::analysis
