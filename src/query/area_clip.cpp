#include "query/area_clip.h"

#include "geo/geos_convert.h"

namespace onemap::query {

AreaClipper::AreaClipper(geo::GeometryView area)
    : ctx_(geo::GeosContext::for_this_thread()),
      envelope_(area.envelope()),
      area_(geo::to_geos(ctx_, area)),
      prepared_(geo::geos_prepare(ctx_, area_.get())) {}

std::optional<geo::GeometryView> AreaClipper::clip(geo::GeometryView g, geo::Geometry& scratch) const {
  if (g.empty() || !envelope_.intersects(g.envelope())) return std::nullopt;
  geo::GeosGeometryPtr feature = geo::to_geos(ctx_, g);
  // Most features of a township lie wholly inside it: the prepared test spares them the overlay.
  if (geo::geos_predicate(ctx_,
                          [&] { return GEOSPreparedContains_r(ctx_.handle(), prepared_.get(), feature.get()); }) == 1)
    return g;
  if (GEOSPreparedIntersects_r(ctx_.handle(), prepared_.get(), feature.get()) != 1) return std::nullopt;
  geo::GeosGeometryPtr cut = geo::geos_make(
      ctx_, "clip to area", [&] { return GEOSIntersection_r(ctx_.handle(), feature.get(), area_.get()); });
  scratch = geo::from_geos(ctx_, cut.get(), g.type);
  if (scratch.empty()) return std::nullopt;
  return scratch.view();
}

}  // namespace onemap::query
