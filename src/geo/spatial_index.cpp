#include "geo/spatial_index.h"

#include "geo/geo_error.h"
#include "geo/geos_convert.h"

namespace onemap::geo {
namespace {

void* as_item(std::uint32_t i) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(i)); }

void collect_item(void* item, void* userdata) {
  static_cast<std::vector<std::uint32_t>*>(userdata)->push_back(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(item)));
}

}  // namespace

SpatialIndex::SpatialIndex(const std::vector<Envelope>& envelopes) {
  GeosContext& ctx = GeosContext::for_this_thread();
  tree_ = GEOSSTRtree_create_r(ctx.handle(), 10);
  if (!tree_) throw GeoError("GEOSSTRtree_create: " + ctx.last_error());
  for (std::uint32_t i = 0; i < envelopes.size(); ++i) {
    if (envelopes[i].empty()) continue;
    GeosGeometryPtr box = envelope_to_geos(ctx, envelopes[i]);  // the tree copies the envelope
    GEOSSTRtree_insert_r(ctx.handle(), tree_, box.get(), as_item(i));
  }
  // GEOS 3.11 builds the tree lazily on the first query; do it now, single-threaded.
  std::vector<std::uint32_t> ignored;
  query(Envelope{0, 0, 0, 0}, ignored);
}

SpatialIndex::~SpatialIndex() { GEOSSTRtree_destroy_r(GeosContext::for_this_thread().handle(), tree_); }

void SpatialIndex::query(const Envelope& box, std::vector<std::uint32_t>& out) const {
  if (box.empty()) return;
  GeosContext& ctx = GeosContext::for_this_thread();
  GeosGeometryPtr query_box = envelope_to_geos(ctx, box);
  GEOSSTRtree_query_r(ctx.handle(), tree_, query_box.get(), collect_item, &out);
}

}  // namespace onemap::geo
