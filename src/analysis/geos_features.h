#pragma once
// GEOS views of a layer's metric geometries, made on first use, and the one geometry a search
// starts from, prepared once for the many tests against it. Both belong to the thread that made
// them: GEOS builds prepared and cached state lazily, so sharing them would race.
#include "geo/geometry.h"
#include "geo/geos_handles.h"
#include "store/layer.h"

#include <cstdint>
#include <optional>
#include <unordered_map>

namespace onemap::analysis {

class GeosFeatures {
 public:
  explicit GeosFeatures(const store::Layer& layer);
  const store::Layer& layer() const { return layer_; }
  // nullptr for a feature without geometry.
  const GEOSGeometry* geometry(std::uint32_t i);
  const GEOSPreparedGeometry* prepared(std::uint32_t i);

 private:
  const store::Layer& layer_;
  geo::GeosContext& ctx_;
  std::unordered_map<std::uint32_t, geo::GeosGeometryPtr> geometries_;
  std::unordered_map<std::uint32_t, geo::GeosPreparedPtr> prepared_;
};

// How two geometries share ground: whether the first lies inside the second, and for two
// polygonal geometries the area they share.
struct Overlap {
  bool inside = false;
  std::optional<double> area_m2;
};

class QueryGeometry {
 public:
  // `metric` must not be empty.
  explicit QueryGeometry(geo::GeometryView metric);
  const geo::Envelope& envelope() const { return envelope_; }
  const GEOSGeometry* geometry() const { return geometry_.get(); }
  bool polygonal() const { return polygonal_; }
  double area() const;

  // Exact distance in metres (0 when they intersect).
  double distance(const GEOSGeometry* other) const;
  // Shared ground: any common point, except that two polygons must share area (touching
  // edges are adjacency, not overlap). nullopt when they share none.
  std::optional<Overlap> overlap(const GEOSGeometry* other, bool other_polygonal) const;

 private:
  geo::GeosContext& ctx_;
  geo::GeosGeometryPtr geometry_;
  geo::GeosPreparedPtr prepared_;
  geo::Envelope envelope_;
  bool polygonal_;
};

}  // namespace onemap::analysis
