#include "store/tile_thinning.h"

#include "geo/web_mercator.h"
#include "store/layer.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <variant>

namespace onemap::store {
namespace {

constexpr double kWorld = 2 * geo::kMercatorHalfWidth;  // the Web Mercator square, metres
constexpr double kExtent = 4096;                        // tile units across a tile
// Gzip shrinks MVT to roughly this share (delta-coded geometry compresses less than tags); the
// plan aims below the budget by a margin, since it estimates rather than renders.
constexpr double kGzipShare = 0.4;
constexpr double kAim = 0.85;

// SplitMix64: a fixed, even draw per feature index (the same at every load).
float even_draw(std::uint64_t i) {
  std::uint64_t z = i + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<float>((z >> 40) + 1) / static_cast<float>(1ULL << 24);
}

double ring_area(const geo::Geometry& g, std::size_t path) {
  const geo::Range r = geo::path_coords(g, path);
  double twice = 0;
  for (std::uint32_t k = r.begin; k + 1 < r.end; ++k)
    twice += g.coords[k].x * g.coords[k + 1].y - g.coords[k + 1].x * g.coords[k].y;
  return std::abs(twice) / 2;
}

double outline_length(const geo::Geometry& g) {
  double length = 0;
  for (std::size_t p = 0; p < g.path_ends.size(); ++p) {
    const geo::Range r = geo::path_coords(g, p);
    for (std::uint32_t k = r.begin; k + 1 < r.end; ++k)
      length += std::hypot(g.coords[k + 1].x - g.coords[k].x, g.coords[k + 1].y - g.coords[k].y);
  }
  return length;
}

// Feature i's geometry in Web Mercator, where tiles measure it, into `out`.
void project_to_mercator(const Layer& layer, std::uint32_t i, geo::Geometry& out) {
  out = geo::copy_geometry(layer.lonlat_geometry(i));
  for (geo::Coord& c : out.coords) c = geo::lonlat_to_mercator(c);
}

// `g`: feature i in Web Mercator; `length`: its outline length (lines rank by it).
float importance(const Layer& layer, std::uint32_t i, const geo::Geometry& g, double length) {
  switch (layer.kind) {
    case GeometryKind::Polygon: {
      double area = 0;
      for (std::size_t part = 0; part < g.part_count(); ++part) {
        const geo::Range paths = geo::part_paths(g, part);
        for (std::uint32_t p = paths.begin; p < paths.end; ++p) area += (p == paths.begin ? 1 : -1) * ring_area(g, p);
      }
      return static_cast<float>(std::max(area, 0.0));
    }
    case GeometryKind::Line:
      return static_cast<float>(length);
    default:
      return even_draw(i);
  }
}

bool kept(const Layer& layer, std::uint32_t i, const std::vector<catalog::Condition>& keep) {
  if (keep.empty()) return false;
  for (const catalog::Condition& c : keep) {
    const std::optional<std::size_t> field = layer.field_index(c.property);
    if (!field) return false;
    const ValueRef v = layer.value(i, *field);
    if (std::none_of(c.values.begin(), c.values.end(), [&](const auto& wanted) { return value_matches(v, wanted); }))
      return false;
  }
  return true;
}

// The fields whose values are mostly distinct (names, areas), from a sample: MVT keeps each
// distinct value once per tile, so only these cost a feature bytes of its own.
std::vector<bool> distinct_fields(const Layer& layer) {
  std::vector<bool> out(layer.fields.size(), false);
  const std::size_t n = layer.feature_count(), sample = std::min<std::size_t>(n, 4096);
  if (sample == 0) return out;
  for (std::size_t f = 0; f < layer.fields.size(); ++f) {
    std::unordered_set<std::string> seen;
    for (std::size_t k = 0; k < sample; ++k) {
      const ValueRef v = layer.value(static_cast<std::uint32_t>(k * n / sample), f);
      seen.insert(std::visit(
          [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::string_view>)
              return std::string(x);
            else if constexpr (std::is_same_v<T, std::monostate>)
              return {};
            else
              return std::to_string(x);
          },
          v));
    }
    out[f] = seen.size() * 2 > sample;
  }
  return out;
}

double own_value_bytes(const Layer& layer, std::uint32_t i, const std::vector<bool>& distinct) {
  double bytes = 0;
  for (std::size_t f = 0; f < distinct.size(); ++f) {
    if (!distinct[f]) continue;
    const ValueRef v = layer.value(i, f);
    if (const auto* s = std::get_if<std::string_view>(&v))
      bytes += 2 + static_cast<double>(s->size());
    else if (std::holds_alternative<double>(v))
      bytes += 9;
    else if (std::holds_alternative<std::int64_t>(v))
      bytes += 4;
  }
  return bytes;
}

struct Entry {
  float rank;
  float bytes;
};

// What a feature's size in a tile depends on, measured once for every zoom.
struct Footprint {
  geo::Envelope envelope;  // mercator
  double length = 0;       // of its outline, metres (0 for points)
  double vertices = 0;
  double paths = 1;
  double fixed_bytes = 0;  // feature header and id, a tag pair per property, a command per path, own values
};

// `g`: the feature in Web Mercator.
Footprint footprint_of(const Layer& layer, const geo::Geometry& g, double value_bytes) {
  Footprint f;
  f.envelope = g.envelope();
  if (layer.kind != GeometryKind::Point) f.length = outline_length(g);
  f.vertices = static_cast<double>(g.coords.size());
  f.paths = static_cast<double>(std::max<std::size_t>(g.path_ends.size(), 1));
  f.fixed_bytes = 8 + 2.0 * static_cast<double>(layer.fields.size()) + 2 * f.paths + value_bytes;
  return f;
}

// The feature's estimated share of a gzipped tile at zoom z: tile geometry snaps to a 4096 grid,
// so a line or polygon never costs more vertices than its outline spans units; each vertex is a
// zigzag varint pair (1–2 bytes each: deltas are small on the grid).
double estimated_bytes(const Footprint& f, bool point, int z) {
  const double units_per_metre = kExtent * std::ldexp(1.0, z) / kWorld;
  const double vertices = point ? f.vertices : std::min(f.vertices, std::max(2 * f.paths, f.length * units_per_metre));
  return (f.fixed_bytes + 3 * vertices) * kGzipShare;
}

}  // namespace

TileThinning plan_tile_thinning(const Layer& layer, const catalog::TileBudget& budget) {
  TileThinning plan;
  const std::size_t n = layer.feature_count();
  if (n == 0 || (budget.max_bytes == 0 && budget.max_features == 0)) return plan;
  const double target_bytes = budget.max_bytes ? kAim * static_cast<double>(budget.max_bytes) : HUGE_VAL;
  const std::size_t max_features = budget.max_features ? budget.max_features : SIZE_MAX;
  std::vector<float> rank(n);
  const std::vector<bool> distinct = distinct_fields(layer);
  std::vector<Footprint> footprints(n);
  geo::Geometry mercator;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!layer.has_geometry(i)) continue;
    project_to_mercator(layer, i, mercator);
    footprints[i] = footprint_of(layer, mercator, own_value_bytes(layer, i, distinct));
    rank[i] = kept(layer, i, budget.keep) ? std::numeric_limits<float>::infinity()
                                          : importance(layer, i, mercator, footprints[i].length);
  }
  const bool points = layer.kind == GeometryKind::Point;

  const int top = std::min(layer.config.max_zoom, kThinningZooms - 1);
  std::unordered_map<std::uint64_t, std::vector<Entry>> tiles;
  bool thinned = false;
  for (int z = top - 1; z >= std::max(layer.config.min_zoom, 0); --z) {
    // Each feature counts in the tiles its envelope covers (its bytes shared between them), or
    // in its centre's tile when it covers very many.
    tiles.clear();
    const double tile_metres = kWorld / std::ldexp(1.0, z);
    const auto last = static_cast<std::int64_t>(std::ldexp(1.0, z)) - 1;
    auto column = [&](double x) {
      return std::clamp<std::int64_t>(std::floor((x + kWorld / 2) / tile_metres), 0, last);
    };
    auto row = [&](double y) { return std::clamp<std::int64_t>(std::floor((kWorld / 2 - y) / tile_metres), 0, last); };
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!layer.has_geometry(i)) continue;
      const geo::Envelope& e = footprints[i].envelope;
      const std::int64_t x0 = column(e.min_x), x1 = column(e.max_x), y0 = row(e.max_y), y1 = row(e.min_y);
      const std::int64_t count = (x1 - x0 + 1) * (y1 - y0 + 1);
      const auto bytes = static_cast<float>(estimated_bytes(footprints[i], points, z));
      if (count > 64) {
        const std::int64_t cx = column((e.min_x + e.max_x) / 2), cy = row((e.min_y + e.max_y) / 2);
        tiles[static_cast<std::uint64_t>(cx) << 32 | static_cast<std::uint64_t>(cy)].push_back({rank[i], bytes});
        continue;
      }
      for (std::int64_t x = x0; x <= x1; ++x)
        for (std::int64_t y = y0; y <= y1; ++y)
          tiles[static_cast<std::uint64_t>(x) << 32 | static_cast<std::uint64_t>(y)].push_back(
              {rank[i], bytes / static_cast<float>(count)});
    }
    float threshold = -std::numeric_limits<float>::infinity();
    for (auto& [key, entries] : tiles) {
      double total = 0;
      for (const Entry& e : entries) total += e.bytes;
      if (total <= target_bytes && entries.size() <= max_features) continue;
      // The most important first; the first that does not fit sets this tile's threshold.
      std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.rank > b.rank; });
      double sum = 0;
      for (std::size_t k = 0; k < entries.size(); ++k) {
        sum += entries[k].bytes;
        if (sum > target_bytes || k + 1 > max_features) {
          if (!std::isfinite(entries[k].rank)) {
            plan.kept_over_budget[z] = true;  // the kept class alone does not fit: said at load
            continue;
          }
          threshold = std::max(threshold, std::nextafter(entries[k].rank, std::numeric_limits<float>::infinity()));
          break;
        }
      }
    }
    // What shows at a zoom shows at every higher one.
    plan.min_rank[z] = std::max(threshold, plan.min_rank[z + 1]);
    thinned = thinned || std::isfinite(plan.min_rank[z]);
  }
  if (!thinned) return plan;
  plan.rank = std::move(rank);
  for (int z = 0; z < kThinningZooms; ++z)
    if (std::isfinite(plan.min_rank[z]))
      plan.dropped[z] = static_cast<std::uint32_t>(
          std::count_if(plan.rank.begin(), plan.rank.end(), [&](float r) { return r < plan.min_rank[z]; }));
  return plan;
}

}  // namespace onemap::store
