#include "analysis/nearest_index.h"

#include "geo/geo_error.h"
#include "geo/geos_convert.h"

#include <cmath>
#include <limits>

namespace onemap::analysis {
namespace {

// Tree items carry index + 1, so that no item is the null pointer GEOS returns for "none".
void* as_item(std::uint32_t i) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(i) + 1); }
std::uint32_t index_of(const void* item) { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(item) - 1); }

struct Search {
  const void* query_item;  // stands for the query in GEOS's callbacks
  const std::function<double(std::uint32_t)>* distance;
};

// GEOS asks for the distance between a tree item and the query item, in either order.
int item_distance(const void* a, const void* b, double* out, void* userdata) {
  const auto* search = static_cast<const Search*>(userdata);
  const void* item = a == search->query_item ? b : a;
  double d = (*search->distance)(index_of(item));
  *out = std::isfinite(d) ? d : std::numeric_limits<double>::max();
  return 1;
}

}  // namespace

NearestIndex::NearestIndex(const store::Layer& layer, const std::vector<std::uint32_t>& items) {
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  tree_ = GEOSSTRtree_create_r(ctx.handle(), 10);
  if (!tree_) throw geo::GeoError("GEOSSTRtree_create: " + ctx.last_error());
  for (std::uint32_t i : items) {
    const geo::Envelope& e = layer.metric_envelopes[i];
    if (e.empty()) continue;
    geo::GeosGeometryPtr box = geo::envelope_to_geos(ctx, e);  // the tree copies the envelope
    GEOSSTRtree_insert_r(ctx.handle(), tree_, box.get(), as_item(i));
    ++size_;
  }
  // GEOS 3.11 builds the tree on the first query: do it now, on this one thread.
  geo::GeosGeometryPtr probe = geo::envelope_to_geos(ctx, geo::Envelope{0, 0, 0, 0});
  GEOSSTRtree_query_r(ctx.handle(), tree_, probe.get(), [](void*, void*) {}, nullptr);
}

NearestIndex::~NearestIndex() { GEOSSTRtree_destroy_r(geo::GeosContext::for_this_thread().handle(), tree_); }

std::optional<NearestIndex::Hit> NearestIndex::nearest(const geo::Envelope& box,
                                                       const std::function<double(std::uint32_t)>& distance) const {
  if (size_ == 0 || box.empty()) return std::nullopt;
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  geo::GeosGeometryPtr query = geo::envelope_to_geos(ctx, box);
  int marker = 0;
  Search search{&marker, &distance};
  const void* found = GEOSSTRtree_nearest_generic_r(ctx.handle(), tree_, &marker, query.get(), item_distance, &search);
  if (!found) return std::nullopt;
  double d = distance(index_of(found));
  if (!std::isfinite(d)) return std::nullopt;
  return Hit{index_of(found), d};
}

}  // namespace onemap::analysis
