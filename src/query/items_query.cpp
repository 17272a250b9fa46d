#include "query/items_query.h"

#include "geo/geos_convert.h"
#include "query/area_clip.h"

#include <algorithm>
#include <numeric>

namespace onemap::query {
namespace {

bool matches_filters(const store::Layer& layer, std::uint32_t i, const std::vector<PropertyFilter>& filters) {
  for (const PropertyFilter& f : filters)
    if (layer.value(i, f.field) != store::to_ref(f.value)) return false;
  return true;
}

// Candidates from the index over the box (and the area's envelope), then the exact GEOS tests:
// the box for those it does not contain whole, the area (prepared) for every one.
std::vector<std::uint32_t> intersecting(const store::Layer& layer, const std::optional<geo::Envelope>& box,
                                        std::optional<geo::GeometryView> area) {
  geo::Envelope search = box ? *box : area->envelope();
  if (box && area) {
    const geo::Envelope a = area->envelope();
    search = {std::max(search.min_x, a.min_x), std::max(search.min_y, a.min_y), std::min(search.max_x, a.max_x),
              std::min(search.max_y, a.max_y)};
  }
  std::vector<std::uint32_t> candidates;
  if (search.empty()) return candidates;
  layer.index->query(search, candidates);
  std::sort(candidates.begin(), candidates.end());

  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  geo::GeosGeometryPtr box_geometry, area_geometry;
  geo::GeosPreparedPtr box_prepared, area_prepared;
  std::vector<std::uint32_t> hits;
  hits.reserve(candidates.size());
  for (std::uint32_t i : candidates) {
    const geo::GeometryView g = layer.lonlat_geometry(i);
    geo::GeosGeometryPtr feature;
    if (box && g.type != geo::GeometryType::Point && !box->contains(g.envelope())) {
      if (!box_prepared) {
        box_geometry = geo::envelope_to_geos(ctx, *box);
        box_prepared = geo::geos_prepare(ctx, box_geometry.get());
      }
      feature = geo::to_geos(ctx, g);
      if (GEOSPreparedIntersects_r(ctx.handle(), box_prepared.get(), feature.get()) != 1) continue;
    }
    if (area) {
      if (!area_prepared) {
        area_geometry = geo::to_geos(ctx, *area);
        area_prepared = geo::geos_prepare(ctx, area_geometry.get());
      }
      if (!feature) feature = geo::to_geos(ctx, g);
      if (GEOSPreparedIntersects_r(ctx.handle(), area_prepared.get(), feature.get()) != 1) continue;
    }
    hits.push_back(i);
  }
  return hits;
}

}  // namespace

std::vector<std::uint32_t> matching_features(const store::Layer& layer, const ItemsQuery& query) {
  std::vector<std::uint32_t> selected;
  if (query.bbox || query.area) {
    selected = intersecting(layer, query.bbox, query.area);
  } else {
    selected.resize(layer.feature_count());
    std::iota(selected.begin(), selected.end(), 0u);
  }
  if (!query.filters.empty())
    std::erase_if(selected, [&](std::uint32_t i) { return !matches_filters(layer, i, query.filters); });
  if (query.area && query.clip_to_area) {
    const AreaClipper clipper(*query.area);
    geo::Geometry scratch;
    std::erase_if(selected, [&](std::uint32_t i) { return !clipper.clip(layer.lonlat_geometry(i), scratch); });
  }
  return selected;
}

ItemsResult run_items_query(const store::Layer& layer, const ItemsQuery& query) {
  ItemsResult result;
  if (!query.bbox && !query.area && query.filters.empty()) {  // a plain page: no need to list every feature
    result.number_matched = layer.feature_count();
    for (std::size_t i = query.offset; i < layer.feature_count() && result.page.size() < query.limit; ++i)
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
