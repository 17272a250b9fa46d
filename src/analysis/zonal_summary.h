#pragma once
// Figures per zone (a township, or the features of any polygon layer): enterprises, polluted
// plots, farmland area by category, water sections meeting or missing their target. Reads the
// domain layers by their schema ids (enterprises, polluted_plots, farmland, water_sections);
// a layer or property the data lacks leaves its figures out.
#include "store/snapshot.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onemap::analysis {

struct ZoneFigures {
  std::uint32_t zone = 0;
  std::optional<std::size_t> enterprises, heavy_metal_enterprises;
  std::optional<std::size_t> polluted_plots;
  std::map<std::string, std::size_t> polluted_plots_by_status;
  std::optional<double> farmland_m2;
  std::map<std::string, double> farmland_m2_by_category;
  std::optional<std::size_t> sections_meeting, sections_missing, sections_unknown;
  std::vector<std::uint32_t> sections_missing_target;  // indices into water_sections
};

// Water-quality class rank, I = 1 … V = 5, 劣V = 6; nullopt for anything else.
std::optional<int> water_class_rank(const std::string& text);

// One entry per zone feature with geometry, in layer order. Points and polygons are counted
// once each: a point in the first zone that covers it, a polygon in the zone it shares most
// ground with; farmland area is split exactly between zones.
std::vector<ZoneFigures> zonal_summary(const store::Snapshot& snapshot, const store::Layer& zones);

}  // namespace onemap::analysis
