#include "analysis/zonal_summary.h"

#include "analysis/attributes.h"
#include "analysis/candidates.h"
#include "analysis/geos_features.h"
#include "util/parallel.h"

#include <algorithm>
#include <memory>

namespace onemap::analysis {
namespace {

constexpr std::uint32_t kNoZone = UINT32_MAX;

std::string text_of(const store::Layer& layer, std::uint32_t i, const char* property) {
  const store::Value* v = Attributes(layer, i).get(property);
  return v ? value_text(*v) : "";
}

// The zone each feature of `layer` is counted in (kNoZone when none).
std::vector<std::uint32_t> assign_to_zones(const store::Layer& layer, const store::Layer& zones) {
  std::vector<std::uint32_t> zone_of(layer.features.size(), kNoZone);
  unsigned threads = util::sweep_threads(layer.features.size(), 64);
  util::parallel_sweep(layer.features.size(), threads, [&](unsigned) {
    return [&, zone_geos = std::make_shared<GeosFeatures>(zones)](std::size_t k) {
      auto i = static_cast<std::uint32_t>(k);
      if (layer.metric[i].empty()) return;
      QueryGeometry feature(layer.metric[i]);
      double best_area = -1;
      std::vector<Candidate> near = candidates_near(zones, feature.envelope(), 0);
      std::sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) { return a.index < b.index; });
      for (const Candidate& c : near) {
        auto overlap = feature.overlap(zone_geos->geometry(c.index), geo::is_polygonal(zones.metric[c.index].type));
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

void count_enterprises(const store::Layer& layer, const store::Layer& zones, std::vector<ZoneFigures>& out) {
  std::vector<std::uint32_t> zone_of = assign_to_zones(layer, zones);
  bool has_heavy = layer.field_index("heavy_metal").has_value();
  for (ZoneFigures& z : out) z.enterprises = 0, z.heavy_metal_enterprises = has_heavy ? std::optional<std::size_t>(0) : std::nullopt;
  for (std::uint32_t i = 0; i < zone_of.size(); ++i) {
    if (zone_of[i] == kNoZone) continue;
    ZoneFigures& z = out[zone_of[i]];
    ++*z.enterprises;
    if (has_heavy && text_of(layer, i, "heavy_metal") == "true") ++*z.heavy_metal_enterprises;
  }
}

void count_plots(const store::Layer& layer, const store::Layer& zones, std::vector<ZoneFigures>& out) {
  std::vector<std::uint32_t> zone_of = assign_to_zones(layer, zones);
  for (ZoneFigures& z : out) z.polluted_plots = 0;
  for (std::uint32_t i = 0; i < zone_of.size(); ++i) {
    if (zone_of[i] == kNoZone) continue;
    ++*out[zone_of[i]].polluted_plots;
    if (std::string status = text_of(layer, i, "status"); !status.empty()) ++out[zone_of[i]].polluted_plots_by_status[status];
  }
}

void count_sections(const store::Layer& layer, const store::Layer& zones, std::vector<ZoneFigures>& out) {
  std::vector<std::uint32_t> zone_of = assign_to_zones(layer, zones);
  for (ZoneFigures& z : out) z.sections_meeting = z.sections_missing = z.sections_unknown = 0;
  for (std::uint32_t i = 0; i < zone_of.size(); ++i) {
    if (zone_of[i] == kNoZone) continue;
    ZoneFigures& z = out[zone_of[i]];
    auto target = water_class_rank(text_of(layer, i, "target_class"));
    auto latest = water_class_rank(text_of(layer, i, "latest_class"));
    if (!target || !latest) ++*z.sections_unknown;
    else if (*latest <= *target) ++*z.sections_meeting;
    else ++*z.sections_missing, z.sections_missing_target.push_back(i);
  }
}

// Farmland area split exactly between zones, one zone per task.
void sum_farmland(const store::Layer& farmland, const store::Layer& zones, std::vector<ZoneFigures>& out) {
  util::parallel_sweep(out.size(), util::sweep_threads(out.size(), 2), [&](unsigned) {
    return [&, farm_geos = std::make_shared<GeosFeatures>(farmland)](std::size_t k) {
      ZoneFigures& z = out[k];
      QueryGeometry zone(zones.metric[z.zone]);
      z.farmland_m2 = 0;
      for (const Candidate& c : candidates_near(farmland, zone.envelope(), 0)) {
        if (!geo::is_polygonal(farmland.metric[c.index].type)) continue;
        auto overlap = zone.overlap(farm_geos->geometry(c.index), true);
        if (!overlap || !overlap->area_m2) continue;
        *z.farmland_m2 += *overlap->area_m2;
        z.farmland_m2_by_category[text_of(farmland, c.index, "category")] += *overlap->area_m2;
      }
    };
  });
}

}  // namespace

std::optional<int> water_class_rank(const std::string& text) {
  static const char* const kClasses[] = {"I", "II", "III", "IV", "V", "劣V"};
  for (int i = 0; i < 6; ++i)
    if (text == kClasses[i]) return i + 1;
  return std::nullopt;
}

std::vector<ZoneFigures> zonal_summary(const store::Snapshot& snapshot, const store::Layer& zones) {
  std::vector<ZoneFigures> out(zones.features.size());
  for (std::uint32_t i = 0; i < out.size(); ++i) out[i].zone = i;
  if (const store::Layer* l = snapshot.find("enterprises")) count_enterprises(*l, zones, out);
  if (const store::Layer* l = snapshot.find("polluted_plots")) count_plots(*l, zones, out);
  if (const store::Layer* l = snapshot.find("water_sections"); l && l->field_index("target_class") && l->field_index("latest_class"))
    count_sections(*l, zones, out);
  std::erase_if(out, [&](const ZoneFigures& z) { return zones.metric[z.zone].empty(); });
  if (const store::Layer* l = snapshot.find("farmland"); l && l->field_index("category")) sum_farmland(*l, zones, out);
  return out;
}

}  // namespace onemap::analysis
