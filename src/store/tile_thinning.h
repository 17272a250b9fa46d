#pragma once
// A tile a browser can hold (P8): each layer's tiles keep within a byte budget (gzipped) and a
// feature cap at every zoom. Where a zoom's densest tile would be over, the layer's least
// important features are left out across the whole zoom level — one threshold per zoom,
// computed once at load — so a feature never shows in one tile and not in its neighbour, and
// what shows at a zoom shows at every higher one. Importance: area for polygons (the smallest
// go first, as tippecanoe's --coalesce-smallest-as-needed would merge them away), length for
// lines, and an even random draw for points (density thins evenly, as --drop-densest-as-needed
// keeps a dot map readable). Features of a configured class (e.g. 严格管控类 farmland) are
// always kept.
#include "catalog/catalog.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace onemap::store {

struct Layer;

inline constexpr int kThinningZooms = 25;  // zoom levels 0–24 (tiles::kMaxZoom)

struct TileThinning {
  std::vector<float> rank;  // per feature; +inf for kept classes; empty: nothing is thinned
  // At zoom z, features ranked below min_rank[z] are left out.
  std::array<float, kThinningZooms> min_rank;
  std::array<std::uint32_t, kThinningZooms> dropped{};  // features left out per zoom (for logs, /metrics)
  // Zooms where the kept class alone is estimated over the budget (it is kept anyway).
  std::array<bool, kThinningZooms> kept_over_budget{};

  TileThinning() { min_rank.fill(-std::numeric_limits<float>::infinity()); }
  bool shows(std::uint32_t i, int z) const { return rank.empty() || rank[i] >= min_rank[z]; }
};

// Plans the layer's thinning from its mercator geometries for zooms min_zoom..max_zoom−1 (the
// top zoom shows everything). `budget.max_bytes` 0 and `max_features` 0: none.
TileThinning plan_tile_thinning(const Layer& layer, const catalog::TileBudget& budget);

}  // namespace onemap::store
