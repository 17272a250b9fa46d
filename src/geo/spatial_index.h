#pragma once
// A read-only GEOS STRtree over envelopes, answering "which items may intersect this box?".
#include "geo/geometry.h"

#include <geos_c.h>

#include <cstdint>
#include <vector>

namespace onemap::geo {

class SpatialIndex {
 public:
  // Item i is envelopes[i]; empty envelopes (null geometries) are left out. The tree is built
  // here, so later queries only read it and may run concurrently.
  explicit SpatialIndex(const std::vector<Envelope>& envelopes);
  ~SpatialIndex();
  SpatialIndex(const SpatialIndex&) = delete;
  SpatialIndex& operator=(const SpatialIndex&) = delete;

  // Appends the items whose envelope intersects `box`, in no particular order.
  void query(const Envelope& box, std::vector<std::uint32_t>& out) const;

 private:
  GEOSSTRtree* tree_;
};

}  // namespace onemap::geo
