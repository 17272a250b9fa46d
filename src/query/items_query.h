#pragma once
// Selecting features of a layer: bounding box, an area (a township), property equality and
// paging, as the features API and downloads ask for them.
#include "geo/geometry.h"
#include "store/layer.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace onemap::query {

struct PropertyFilter {
  std::size_t field;  // index into Layer::fields
  store::Value value;
};

struct ItemsQuery {
  std::optional<geo::Envelope> bbox;    // CRS84; features whose geometry intersects it
  std::vector<PropertyFilter> filters;  // all must match
  // CRS84; features whose geometry intersects it (a township's polygon); it must outlive the
  // query. With clip_to_area, features of which clipping to it leaves nothing of their own
  // kind (a parcel that only touches the township's edge) are not selected either.
  std::optional<geo::GeometryView> area;
  bool clip_to_area = false;
  std::size_t offset = 0;
  std::size_t limit = 10;
};

struct ItemsResult {
  std::vector<std::uint32_t> page;  // feature indices, in layer order
  std::size_t number_matched = 0;
};

ItemsResult run_items_query(const store::Layer& layer, const ItemsQuery& query);

// Every matching index in layer order, without paging.
std::vector<std::uint32_t> matching_features(const store::Layer& layer, const ItemsQuery& query);

}  // namespace onemap::query
