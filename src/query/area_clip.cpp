#include "query/area_clip.h"

#include "geo/geos_convert.h"

namespace onemap::query {

AreaClipper::AreaClipper(const geo::Geometry& area)
    : ctx_(geo::GeosContext::for_this_thread()),
      envelope_(area.envelope()),
      area_(geo::to_geos(ctx_, area)),
      prepared_(geo::geos_prepare(ctx_, area_.get())) {}

const geo::Geometry* AreaClipper::clip(const geo::Geometry& g, geo::Geometry& scratch) const {
  if (g.empty() || !envelope_.intersects(g.envelope())) return nullptr;
  geo::GeosGeometryPtr feature = geo::to_geos(ctx_, g);
  // Most features of a township lie wholly inside it: the prepared test spares them the overlay.
  if (GEOSPreparedContains_r(ctx_.handle(), prepared_.get(), feature.get()) == 1) return &g;
  if (GEOSPreparedIntersects_r(ctx_.handle(), prepared_.get(), feature.get()) != 1) return nullptr;
  geo::GeosGeometryPtr cut =
      geo::geos_owned(ctx_, GEOSIntersection_r(ctx_.handle(), feature.get(), area_.get()), "clip to area");
  scratch = geo::from_geos(ctx_, cut.get(), g.type);
  return scratch.empty() ? nullptr : &scratch;
}

}  // namespace onemap::query
