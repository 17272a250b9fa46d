#include "geo/geos_ops.h"

#include "geo/geo_error.h"
#include "geo/geos_convert.h"

#include <cmath>

namespace onemap::geo {

std::optional<std::string> invalidity_reason(GeometryView g) {
  GeosContext& ctx = GeosContext::for_this_thread();
  GeosGeometryPtr geos;
  try {
    geos = to_geos(ctx, g);
  } catch (const GeoError& e) {
    return std::string(e.what());
  }
  // A plot of many thin spikes takes GEOS long to check: interrupted when the job must stop.
  if (geos_predicate(ctx, [&] { return GEOSisValid_r(ctx.handle(), geos.get()); }) == 1) return std::nullopt;
  char* reason = geos_call(
      ctx, [&] { return GEOSisValidReason_r(ctx.handle(), geos.get()); }, [](const char* r) { return !r; });
  std::string text = reason ? reason : "unknown reason";
  GEOSFree_r(ctx.handle(), reason);
  return text;
}

Coord point_on_surface(GeometryView g) {
  if (g.empty()) return {std::nan(""), std::nan("")};
  if (g.type == GeometryType::Point) return g.coords[0];
  GeosContext& ctx = GeosContext::for_this_thread();
  GeosGeometryPtr geos = to_geos(ctx, g);
  GeosGeometryPtr p =
      geos_make(ctx, "GEOSPointOnSurface", [&] { return GEOSPointOnSurface_r(ctx.handle(), geos.get()); });
  Coord c;
  GEOSGeomGetX_r(ctx.handle(), p.get(), &c.x);
  GEOSGeomGetY_r(ctx.handle(), p.get(), &c.y);
  return c;
}

}  // namespace onemap::geo
