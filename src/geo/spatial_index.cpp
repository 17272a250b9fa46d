#include "geo/spatial_index.h"

#include "geo/geo_error.h"
#include "geo/geos_convert.h"

#include <cmath>
#include <limits>

namespace onemap::geo {
namespace {

// Tree items carry item + 1, so that no item is the null pointer GEOS returns for "none".
void* as_tree_item(std::uint32_t i) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(i) + 1); }
std::uint32_t item_of(const void* tree_item) {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(tree_item) - 1);
}

void collect_item(void* tree_item, void* userdata) {
  static_cast<std::vector<std::uint32_t>*>(userdata)->push_back(item_of(tree_item));
}

GeosStrTreePtr new_tree(GeosContext& ctx) {
  GEOSSTRtree* tree = GEOSSTRtree_create_r(ctx.handle(), 10);
  if (!tree) throw GeoError("GEOSSTRtree_create: " + ctx.last_error());
  return GeosStrTreePtr(tree);
}

struct NearestSearch {
  const void* query_item;  // stands for the query in GEOS's callbacks
  const std::function<double(std::uint32_t)>* distance;
};

// GEOS asks for the distance between a tree item and the query item, in either order.
int item_distance(const void* a, const void* b, double* out, void* userdata) {
  const auto* search = static_cast<const NearestSearch*>(userdata);
  const void* tree_item = a == search->query_item ? b : a;
  double d = (*search->distance)(item_of(tree_item));
  *out = std::isfinite(d) ? d : std::numeric_limits<double>::max();
  return 1;
}

}  // namespace

SpatialIndex::SpatialIndex(const std::vector<Envelope>& envelopes) {
  GeosContext& ctx = GeosContext::for_this_thread();
  tree_ = new_tree(ctx);
  for (std::uint32_t i = 0; i < envelopes.size(); ++i) insert(ctx, i, envelopes[i]);
  build(ctx);
}

SpatialIndex::SpatialIndex(const std::vector<Envelope>& envelopes, const std::vector<std::uint32_t>& items) {
  GeosContext& ctx = GeosContext::for_this_thread();
  tree_ = new_tree(ctx);
  for (std::uint32_t i : items) insert(ctx, i, envelopes.at(i));
  build(ctx);
}

void SpatialIndex::insert(GeosContext& ctx, std::uint32_t item, const Envelope& envelope) {
  if (envelope.empty()) return;
  GeosGeometryPtr box = envelope_to_geos(ctx, envelope);  // the tree copies the envelope
  GEOSSTRtree_insert_r(ctx.handle(), tree_.get(), box.get(), as_tree_item(item));
  ++size_;
}

// GEOS 3.11 builds the tree lazily on the first query; do it now, on this one thread, so that
// concurrent queries only read it.
void SpatialIndex::build(GeosContext& ctx) {
  GeosGeometryPtr probe = envelope_to_geos(ctx, Envelope{0, 0, 0, 0});
  GEOSSTRtree_query_r(
      ctx.handle(), tree_.get(), probe.get(), [](void*, void*) {}, nullptr);
}

void SpatialIndex::query(const Envelope& box, std::vector<std::uint32_t>& out) const {
  if (box.empty() || size_ == 0) return;
  GeosContext& ctx = GeosContext::for_this_thread();
  GeosGeometryPtr query_box = envelope_to_geos(ctx, box);
  GEOSSTRtree_query_r(ctx.handle(), tree_.get(), query_box.get(), collect_item, &out);
}

std::optional<SpatialIndex::Hit> SpatialIndex::nearest(const Envelope& box,
                                                       const std::function<double(std::uint32_t)>& distance) const {
  if (size_ == 0 || box.empty()) return std::nullopt;
  GeosContext& ctx = GeosContext::for_this_thread();
  GeosGeometryPtr query = envelope_to_geos(ctx, box);
  int marker = 0;
  NearestSearch search{&marker, &distance};
  const void* found =
      GEOSSTRtree_nearest_generic_r(ctx.handle(), tree_.get(), &marker, query.get(), item_distance, &search);
  if (!found) return std::nullopt;
  double d = distance(item_of(found));
  if (!std::isfinite(d)) return std::nullopt;
  return Hit{item_of(found), d};
}

}  // namespace onemap::geo
