#include "analysis/geos_features.h"

#include "geo/geos_convert.h"

namespace onemap::analysis {

GeosFeatures::GeosFeatures(const store::Layer& layer) : layer_(layer), ctx_(geo::GeosContext::for_this_thread()) {}

const GEOSGeometry* GeosFeatures::geometry(std::uint32_t i) {
  if (!layer_.has_geometry(i)) return nullptr;
  auto it = geometries_.find(i);
  if (it == geometries_.end()) it = geometries_.emplace(i, geo::to_geos(ctx_, layer_.metric_geometry(i))).first;
  return it->second.get();
}

const GEOSPreparedGeometry* GeosFeatures::prepared(std::uint32_t i) {
  const GEOSGeometry* g = geometry(i);
  if (!g) return nullptr;
  auto it = prepared_.find(i);
  if (it == prepared_.end()) it = prepared_.emplace(i, geo::geos_prepare(ctx_, g)).first;
  return it->second.get();
}

namespace {

geo::Envelope envelope_of(GEOSContextHandle_t h, const GEOSGeometry* g) {
  geo::Envelope e;
  if (GEOSGeom_getXMin_r(h, g, &e.min_x) != 1 || GEOSGeom_getYMin_r(h, g, &e.min_y) != 1 ||
      GEOSGeom_getXMax_r(h, g, &e.max_x) != 1 || GEOSGeom_getYMax_r(h, g, &e.max_y) != 1)
    return {};
  return e;
}

}  // namespace

QueryGeometry::QueryGeometry(geo::GeometryView metric)
    : ctx_(geo::GeosContext::for_this_thread()),
      geometry_(geo::to_geos(ctx_, metric)),
      prepared_(geo::geos_prepare(ctx_, geometry_.get())),
      envelope_(metric.envelope()),
      polygonal_(geo::is_polygonal(metric.type)) {}

double QueryGeometry::area() const {
  double a = 0;
  if (polygonal_) GEOSArea_r(ctx_.handle(), geometry_.get(), &a);
  return a;
}

double QueryGeometry::distance(const GEOSGeometry* other) const {
  GEOSContextHandle_t h = ctx_.handle();
  double d = 0;
  if (GEOSPreparedDistance_r(h, prepared_.get(), other, &d) != 1) geo::throw_geos_error(ctx_, "GEOSPreparedDistance");
  // GEOS 3.11 measures a prepared point or line lying inside a polygon to the polygon's
  // boundary, not 0; only an intersection test tells.
  if (d > 0 &&
      (polygonal_ || GEOSGeomTypeId_r(h, other) == GEOS_POLYGON || GEOSGeomTypeId_r(h, other) == GEOS_MULTIPOLYGON) &&
      envelope_.intersects(envelope_of(h, other))) {
    char hit = geo::geos_predicate(ctx_, [&] { return GEOSPreparedIntersects_r(h, prepared_.get(), other); });
    if (hit == 2) geo::throw_geos_error(ctx_, "GEOSPreparedIntersects");
    if (hit == 1) d = 0;
  }
  return d;
}

std::optional<Overlap> QueryGeometry::overlap(const GEOSGeometry* other, bool other_polygonal) const {
  GEOSContextHandle_t h = ctx_.handle();
  char hit = geo::geos_predicate(ctx_, [&] { return GEOSPreparedIntersects_r(h, prepared_.get(), other); });
  if (hit == 2) geo::throw_geos_error(ctx_, "GEOSPreparedIntersects");
  if (hit != 1) return std::nullopt;
  Overlap o;
  o.inside = geo::geos_predicate(ctx_, [&] { return GEOSPreparedCoveredBy_r(h, prepared_.get(), other); }) == 1;
  if (polygonal_ && other_polygonal) {
    geo::GeosGeometryPtr common =
        geo::geos_make(ctx_, "GEOSIntersection", [&] { return GEOSIntersection_r(h, geometry_.get(), other); });
    double area = 0;
    GEOSArea_r(h, common.get(), &area);
    if (area <= 0) return std::nullopt;
    o.area_m2 = area;
  }
  return o;
}

}  // namespace onemap::analysis
