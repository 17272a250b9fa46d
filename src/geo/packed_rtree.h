#pragma once
// A static R-tree packed into flat arrays, after Vladimir Agafonkin's flatbush: items sorted along
// a Hilbert curve through their box centres, nodes of up to 16 children built bottom up, each
// level stored after the one below it, the root last. Built once, then only read, so any number
// of threads may query it at once. Boxes are kept in double precision, exactly as given, so a box
// query answers exactly what Envelope::intersects would.
//
// The nearest search is best first (a priority queue of nodes and items ordered by box
// distance): it asks for the caller's exact distance only for items whose box could still hold
// the answer, so a search touches a few items however many lie within reach.
#include "geo/geometry.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace onemap::geo {

class PackedRTree {
 public:
  static constexpr std::uint32_t kNodeSize = 16;

  PackedRTree() = default;
  // Item i has box boxes[i]; empty boxes (null geometries) are left out.
  explicit PackedRTree(const std::vector<Envelope>& boxes);
  // Only the listed items (indices into `boxes`).
  PackedRTree(const std::vector<Envelope>& boxes, const std::vector<std::uint32_t>& items);

  // Items in the tree.
  std::size_t size() const { return items_; }
  // Memory held by the tree.
  std::size_t bytes() const;

  // Appends the items whose box intersects `box` (touching counts), in no particular order.
  void query(const Envelope& box, std::vector<std::uint32_t>& out) const;

  struct Hit {
    std::uint32_t item;
    double distance;
  };

  // `items` in the order of their box centres along a Hilbert curve through their extent (the
  // order the tree keeps them in): searches made in this order touch the same nodes one after
  // the other, which keeps them in the processor's cache. Empty boxes come first.
  static std::vector<std::uint32_t> hilbert_sorted(const std::vector<Envelope>& boxes,
                                                   std::vector<std::uint32_t> items);

  // Whether the caller's distance may pass items over (+infinity).
  enum class Items { MayBePassedOver, AllCount };

  // The item nearest `from` among those whose distance is at most `max_distance`: `distance(i)`
  // gives the exact distance to item i, at least the distance between `from` and the item's box
  // (up to rounding), or +infinity to pass the item over. Ties go to the lower item. nullopt
  // when no item is within `max_distance`.
  //
  // With Items::AllCount the caller promises that no item is passed over and that each item's
  // box is its geometry's envelope, so that every side of a box touches its geometry. A search
  // from a point then also bounds the answer from above by the boxes alone (no farther than the
  // nearer of a box's sides' far corners) and never opens a subtree beyond that bound.
  template <typename Distance>
  std::optional<Hit> nearest(const Envelope& from, double max_distance, Distance&& distance,
                             Items items = Items::MayBePassedOver) const;

 private:
  // The rounding slack of searches from `from`: coordinates of that magnitude are rounded to
  // 2^-52 of it, and exact distances computed from them (GEOS's included) stay within a few such
  // steps of the true value; 2^-40 leaves room to spare.
  static double margin_for(const Envelope& from);
  void build(const std::vector<Envelope>& boxes, std::vector<std::uint32_t> items);
  // One past the last position of the level holding `position`.
  std::size_t level_end(std::size_t position) const {
    for (std::size_t end : level_ends_)
      if (position < end) return end;
    return boxes_.size();
  }
  // Squared distance between two boxes (a lower bound of any distance between their contents).
  static double distance_sq(const Envelope& from, const Envelope& box);
  // Squared upper bound of the distance from `p` to a geometry whose envelope is `box`: every
  // side of the box touches the geometry, so it is no farther than the nearer of the sides'
  // farther corners.
  static double far_side_sq(const Coord& p, const Envelope& box);
  // (d plus the slack)²: boxes farther than this cannot hold anything within d.
  static double widened_sq(double d, double margin);

  std::size_t items_ = 0;
  std::vector<Envelope> boxes_;          // items (Hilbert order), then each level of nodes; root last
  std::vector<std::uint32_t> refs_;      // an item's index, or a node's first child position
  std::vector<std::size_t> level_ends_;  // one past the last position of each level, bottom up
};

inline double PackedRTree::margin_for(const Envelope& from) {
  const double magnitude =
      std::max({std::abs(from.min_x), std::abs(from.max_x), std::abs(from.min_y), std::abs(from.max_y)});
  return magnitude * 0x1p-40;
}

inline double PackedRTree::distance_sq(const Envelope& from, const Envelope& box) {
  const double dx = std::max({0.0, box.min_x - from.max_x, from.min_x - box.max_x});
  const double dy = std::max({0.0, box.min_y - from.max_y, from.min_y - box.max_y});
  return dx * dx + dy * dy;
}

inline double PackedRTree::far_side_sq(const Coord& p, const Envelope& box) {
  const double ax = std::abs(p.x - box.min_x), bx = std::abs(p.x - box.max_x);
  const double ay = std::abs(p.y - box.min_y), by = std::abs(p.y - box.max_y);
  const double near_x = std::min(ax, bx), far_x = std::max(ax, bx);
  const double near_y = std::min(ay, by), far_y = std::max(ay, by);
  return std::min(near_x * near_x + far_y * far_y, near_y * near_y + far_x * far_x);
}

inline double PackedRTree::widened_sq(double d, double margin) {
  const double w = d + margin + d * 0x1p-40;
  return w * w;
}

template <typename Distance>
std::optional<PackedRTree::Hit> PackedRTree::nearest(const Envelope& from, double max_distance, Distance&& distance,
                                                     Items items) const {
  if (items_ == 0 || from.empty() || !(max_distance >= 0)) return std::nullopt;
  struct Entry {
    double key;  // the squared distance to the entry's box
    std::size_t position;
    bool operator<(const Entry& o) const { return key > o.key; }  // a min-heap by key
  };
  const double margin = margin_for(from);
  const bool bounded_above = items == Items::AllCount && from.min_x == from.max_x && from.min_y == from.max_y;
  const Coord point{from.min_x, from.min_y};
  std::vector<Entry> queue;
  queue.reserve(64);
  std::optional<Hit> hit;
  // The answer lies at most `cap` away: the limit, the best exact distance so far, or (bounded
  // above) what a box guarantees. Boxes beyond `reach_sq` (squared, with the slack) cannot hold it.
  double cap = max_distance;
  double reach_sq = widened_sq(cap, margin);
  auto tighten = [&](double d) {
    cap = d;
    reach_sq = widened_sq(d, margin);
  };
  auto consider = [&](std::size_t position) {
    const Envelope& box = boxes_[position];
    const double key = distance_sq(from, box);
    if (key > reach_sq) return;
    queue.push_back({key, position});
    std::push_heap(queue.begin(), queue.end());
    if (bounded_above) {
      const double far_sq = far_side_sq(point, box);
      if (far_sq < cap * cap) {
        const double far = std::sqrt(far_sq);
        const double bound = far + margin + far * 0x1p-40;
        if (bound < cap) tighten(bound);
      }
    }
  };
  consider(boxes_.size() - 1);
  while (!queue.empty()) {
    std::pop_heap(queue.begin(), queue.end());
    const Entry e = queue.back();
    queue.pop_back();
    if (e.key > reach_sq) break;  // nothing left can be nearer, nor as near
    if (e.position < items_) {
      const std::uint32_t item = refs_[e.position];
      const double d = distance(item);
      if (d <= cap && std::isfinite(d) && (!hit || d < hit->distance || item < hit->item)) {
        hit = Hit{item, d};
        tighten(d);
      }
      continue;
    }
    const std::size_t first = refs_[e.position];
    const std::size_t end = std::min<std::size_t>(first + kNodeSize, level_end(first));
    for (std::size_t c = first; c < end; ++c) consider(c);
  }
  return hit;
}

}  // namespace onemap::geo
