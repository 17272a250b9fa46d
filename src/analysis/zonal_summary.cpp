#include "analysis/zonal_summary.h"

#include "analysis/attributes.h"
#include "analysis/candidates.h"
#include "analysis/geos_features.h"
#include "util/parallel.h"

#include <algorithm>
#include <memory>

namespace onemap::analysis {
namespace {

using catalog::FigureKind;
using catalog::SummaryFigure;

constexpr std::uint32_t kNoZone = UINT32_MAX;

std::string text_of(const store::Layer& layer, std::uint32_t i, const std::string& property) {
  const std::optional<store::ValueRef> v = Attributes(layer, i).get(property);
  return v ? value_text(*v) : "";
}

// The zone each feature of `layer` is counted in (kNoZone when none).
std::vector<std::uint32_t> assign_to_zones(const store::Layer& layer, const store::Layer& zones) {
  std::vector<std::uint32_t> zone_of(layer.feature_count(), kNoZone);
  unsigned threads = util::sweep_threads(layer.feature_count(), 64);
  util::parallel_sweep(layer.feature_count(), threads, [&](unsigned) {
    return [&, zone_geos = std::make_shared<GeosFeatures>(zones)](std::size_t k) {
      auto i = static_cast<std::uint32_t>(k);
      if (!layer.has_geometry(i)) return;
      QueryGeometry feature(layer.metric_geometry(i));
      double best_area = -1;
      std::vector<Candidate> near = candidates_near(zones, feature.envelope(), 0);
      std::sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) { return a.index < b.index; });
      for (const Candidate& c : near) {
        auto overlap =
            feature.overlap(zone_geos->geometry(c.index), geo::is_polygonal(zones.metric_geometry(c.index).type));
        if (!overlap) continue;
        double area = overlap->area_m2.value_or(0);
        if (!feature.polygonal()) {  // the first zone covering a point or line
          zone_of[i] = c.index;
          return;
        }
        if (area > best_area) best_area = area, zone_of[i] = c.index;
      }
    };
  });
  return zone_of;
}

// Counting figures: each feature of the layer meeting the figure's conditions adds to its zone.
void count(const SummaryFigure& figure, const store::Layer& layer, const std::vector<std::uint32_t>& zone_of,
           std::size_t f, std::vector<ZoneFigures>& out) {
  for (ZoneFigures& z : out) {
    switch (figure.kind) {
      case FigureKind::Count:
        z.figures[f] = std::size_t{0};
        break;
      case FigureKind::CountBy:
        z.figures[f] = GroupedCount{};
        break;
      default:
        z.figures[f] = ClassTargetFigure{};
        break;
    }
  }
  for (std::uint32_t i = 0; i < zone_of.size(); ++i) {
    if (zone_of[i] == kNoZone || !matches(layer, i, figure.of.where)) continue;
    FigureValue& value = out[zone_of[i]].figures[f];
    if (auto* n = std::get_if<std::size_t>(&value)) {
      ++*n;
    } else if (auto* grouped = std::get_if<GroupedCount>(&value)) {
      ++grouped->total;
      if (std::string group = text_of(layer, i, figure.by); !group.empty()) ++grouped->by[group];
    } else if (auto* classes = std::get_if<ClassTargetFigure>(&value)) {
      auto target = figure.class_rank(text_of(layer, i, figure.target_property));
      auto observed = figure.class_rank(text_of(layer, i, figure.class_property));
      if (!target || !observed)
        ++classes->unknown;
      else if (*observed <= *target)
        ++classes->meeting;
      else
        ++classes->missing, classes->missing_items.push_back(i);
    }
  }
}

// Area split exactly between zones, one zone per task.
void measure(const SummaryFigure& figure, const store::Layer& layer, const store::Layer& zones, std::size_t f,
             std::vector<ZoneFigures>& out) {
  util::parallel_sweep(out.size(), util::sweep_threads(out.size(), 2), [&](unsigned) {
    return [&, layer_geos = std::make_shared<GeosFeatures>(layer)](std::size_t k) {
      ZoneFigures& z = out[k];
      AreaFigure area;
      QueryGeometry zone(zones.metric_geometry(z.zone));
      for (const Candidate& c : candidates_near(layer, zone.envelope(), 0)) {
        if (!geo::is_polygonal(layer.metric_geometry(c.index).type) || !matches(layer, c.index, figure.of.where))
          continue;
        auto overlap = zone.overlap(layer_geos->geometry(c.index), true);
        if (!overlap || !overlap->area_m2) continue;
        area.m2 += *overlap->area_m2;
        if (!figure.by.empty()) area.by[text_of(layer, c.index, figure.by)] += *overlap->area_m2;
      }
      z.figures[f] = std::move(area);
    };
  });
}

}  // namespace

std::vector<ZoneFigures> zonal_summary(const store::LayerSet& layers, const store::Layer& zones,
                                       const std::vector<SummaryFigure>& figures) {
  std::vector<ZoneFigures> out(zones.feature_count());
  for (std::uint32_t i = 0; i < out.size(); ++i) out[i].zone = i, out[i].figures.resize(figures.size());
  // Counting figures are indexed by zone feature, so count before zones without geometry go.
  std::map<std::string, std::vector<std::uint32_t>> zone_of;  // per layer, shared by its figures
  // A job's progress: one stage per figure (a layer's features are assigned to zones once, in
  // the stage of its first counting figure; area figures sweep the zones).
  util::stage_count(figures.size());
  for (std::size_t f = 0; f < figures.size(); ++f) {
    const store::Layer* layer = layers.find(figures[f].of.layer);
    if (!layer || figures[f].kind == FigureKind::Area) continue;
    auto [it, fresh] = zone_of.try_emplace(layer->config.id);
    util::begin_stage(figures[f].key, fresh ? layer->feature_count() : 0, "features");
    if (fresh) it->second = assign_to_zones(*layer, zones);
    count(figures[f], *layer, it->second, f, out);
  }
  std::erase_if(out, [&](const ZoneFigures& z) { return !zones.has_geometry(z.zone); });
  for (std::size_t f = 0; f < figures.size(); ++f)
    if (const store::Layer* layer = layers.find(figures[f].of.layer); layer && figures[f].kind == FigureKind::Area) {
      util::begin_stage(figures[f].key, out.size(), "zones");
      measure(figures[f], *layer, zones, f, out);
    }
  return out;
}

}  // namespace onemap::analysis
