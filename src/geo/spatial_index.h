#pragma once
// The one GEOS STRtree wrapper: a read-only tree over item envelopes, answering "which items may
// intersect this box?" and "which item is nearest this box by a caller's distance?".
#include "geo/geometry.h"
#include "geo/geos_handles.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace onemap::geo {

class SpatialIndex {
 public:
  // Item i is envelopes[i]; empty envelopes (null geometries) are left out. The tree is built
  // here, so later queries only read it and may run concurrently.
  explicit SpatialIndex(const std::vector<Envelope>& envelopes);
  // Only the listed items (indices into `envelopes`).
  SpatialIndex(const std::vector<Envelope>& envelopes, const std::vector<std::uint32_t>& items);

  // Items in the tree (those with a non-empty envelope).
  std::size_t size() const { return size_; }

  // Appends the items whose envelope intersects `box`, in no particular order.
  void query(const Envelope& box, std::vector<std::uint32_t>& out) const;

  struct Hit {
    std::uint32_t item;
    double distance;
  };
  // Branch-and-bound nearest search: `distance` gives metres from the query to item i, at least
  // the envelope distance (the bound the tree prunes by), or +infinity to pass the item over.
  // nullopt when the tree is empty or every item was passed over.
  std::optional<Hit> nearest(const Envelope& box, const std::function<double(std::uint32_t)>& distance) const;

 private:
  void insert(GeosContext& ctx, std::uint32_t item, const Envelope& envelope);
  void build(GeosContext& ctx);

  GeosStrTreePtr tree_;
  std::size_t size_ = 0;
};

}  // namespace onemap::geo
