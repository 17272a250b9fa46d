#pragma once
// The spatial index of a layer's features: a read-only packed R-tree (packed_rtree.h) over item
// envelopes, answering "which items may intersect this box?" and "which item is nearest this box
// by a caller's distance?".
#include "geo/geometry.h"
#include "geo/packed_rtree.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace onemap::geo {

class SpatialIndex {
 public:
  // Item i is envelopes[i]; empty envelopes (null geometries) are left out. The tree is built
  // here, so later queries only read it and may run concurrently.
  explicit SpatialIndex(const std::vector<Envelope>& envelopes) : tree_(envelopes) {}
  // Only the listed items (indices into `envelopes`).
  SpatialIndex(const std::vector<Envelope>& envelopes, const std::vector<std::uint32_t>& items)
      : tree_(envelopes, items) {}

  // Items in the tree (those with a non-empty envelope).
  std::size_t size() const { return tree_.size(); }

  // Appends the items whose envelope intersects `box` (touching counts), in no particular order.
  void query(const Envelope& box, std::vector<std::uint32_t>& out) const { tree_.query(box, out); }

  struct Hit {
    std::uint32_t item;
    double distance;
  };
  // Nearest search: `distance` gives metres from the query to item i, at least the envelope
  // distance (the bound the tree prunes by), or +infinity to pass the item over. Ties go to the
  // lower item. nullopt when the tree is empty or every item was passed over.
  std::optional<Hit> nearest(const Envelope& box, const std::function<double(std::uint32_t)>& distance) const;

 private:
  PackedRTree tree_;
};

}  // namespace onemap::geo
