#include "query/items_query.h"

#include "geo/geos_convert.h"

#include <algorithm>
#include <numeric>

namespace onemap::query {
namespace {

bool matches_filters(const store::Layer& layer, std::uint32_t i, const std::vector<PropertyFilter>& filters) {
  for (const PropertyFilter& f : filters)
    if (layer.features[i].values[f.field] != f.value) return false;
  return true;
}

// Candidates from the index, then the exact GEOS test for those the box does not contain whole.
std::vector<std::uint32_t> intersecting(const store::Layer& layer, const geo::Envelope& box) {
  std::vector<std::uint32_t> candidates;
  layer.index->query(box, candidates);
  std::sort(candidates.begin(), candidates.end());

  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  geo::GeosGeometryPtr box_geometry;
  geo::GeosPreparedPtr prepared;
  std::vector<std::uint32_t> hits;
  hits.reserve(candidates.size());
  for (std::uint32_t i : candidates) {
    const geo::Geometry& g = layer.lonlat[i];
    if (g.type == geo::GeometryType::Point || box.contains(g.envelope())) {
      hits.push_back(i);
      continue;
    }
    if (!prepared) {
      box_geometry = geo::envelope_to_geos(ctx, box);
      prepared = geo::geos_prepare(ctx, box_geometry.get());
    }
    geo::GeosGeometryPtr feature = geo::to_geos(ctx, g);
    if (GEOSPreparedIntersects_r(ctx.handle(), prepared.get(), feature.get()) == 1) hits.push_back(i);
  }
  return hits;
}

}  // namespace

std::vector<std::uint32_t> matching_features(const store::Layer& layer, const ItemsQuery& query) {
  std::vector<std::uint32_t> selected;
  if (query.bbox) {
    selected = intersecting(layer, *query.bbox);
  } else {
    selected.resize(layer.features.size());
    std::iota(selected.begin(), selected.end(), 0u);
  }
  if (!query.filters.empty())
    std::erase_if(selected, [&](std::uint32_t i) { return !matches_filters(layer, i, query.filters); });
  return selected;
}

ItemsResult run_items_query(const store::Layer& layer, const ItemsQuery& query) {
  ItemsResult result;
  if (!query.bbox && query.filters.empty()) {  // a plain page: no need to list every feature
    result.number_matched = layer.features.size();
    for (std::size_t i = query.offset; i < layer.features.size() && result.page.size() < query.limit; ++i)
      result.page.push_back(static_cast<std::uint32_t>(i));
    return result;
  }
  std::vector<std::uint32_t> all = matching_features(layer, query);
  result.number_matched = all.size();
  if (query.offset < all.size()) {
    auto first = all.begin() + static_cast<std::ptrdiff_t>(query.offset);
    auto last = first + static_cast<std::ptrdiff_t>(std::min(query.limit, all.size() - query.offset));
    result.page.assign(first, last);
  }
  return result;
}

}  // namespace onemap::query
