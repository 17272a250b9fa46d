#include "geo/reprojector.h"

#include "geo/geo_error.h"

#include <cmath>
#include <map>
#include <utility>

namespace onemap::geo {
namespace {

PjPtr make_crs(ProjContext& ctx, const CrsDef& def) {
  PjPtr crs(proj_create(ctx.handle(), def.definition.c_str()));
  if (!crs) throw GeoError("unknown CRS '" + def.definition.substr(0, 80) + "': " + ctx.last_error());
  if (def.gis_order) {
    PjPtr normalized(proj_normalize_for_visualization(ctx.handle(), crs.get()));
    if (!normalized) throw GeoError("cannot normalise axis order of '" + def.definition.substr(0, 80) + "'");
    return normalized;
  }
  return crs;
}

}  // namespace

Reprojector::Reprojector(const CrsDef& from, const CrsDef& to) : identity_(from == to) {
  if (identity_) return;
  ProjContext& ctx = ProjContext::for_this_thread();
  PjPtr source = make_crs(ctx, from);
  PjPtr target = make_crs(ctx, to);
  op_.reset(proj_create_crs_to_crs_from_pj(ctx.handle(), source.get(), target.get(), nullptr, nullptr));
  if (!op_)
    throw GeoError("no transformation from '" + from.definition.substr(0, 80) + "' to '" + to.definition.substr(0, 80) +
                   "': " + ctx.last_error());
}

void Reprojector::transform(Coord* coords, std::size_t count) const {
  if (identity_ || count == 0) return;
  proj_trans_generic(op_.get(), PJ_FWD, &coords->x, sizeof(Coord), count, &coords->y, sizeof(Coord), count, nullptr, 0,
                     0, nullptr, 0, 0);
  for (std::size_t i = 0; i < count; ++i)
    if (!std::isfinite(coords[i].x) || !std::isfinite(coords[i].y))
      throw GeoError("coordinate outside the area where the CRS transformation is defined");
}

void Reprojector::transform(Geometry& geometry) const { transform(geometry.coords.data(), geometry.coords.size()); }

Coord Reprojector::transform(Coord c) const {
  transform(&c, 1);
  return c;
}

const Reprojector& Reprojector::for_this_thread(const CrsDef& from, const CrsDef& to) {
  ProjContext::for_this_thread();  // constructed first so it outlives the cached operations
  thread_local std::map<std::pair<std::string, std::string>, Reprojector> cache;
  auto key =
      std::make_pair((from.gis_order ? "g:" : "a:") + from.definition, (to.gis_order ? "g:" : "a:") + to.definition);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, Reprojector(from, to)).first;
  return it->second;
}

}  // namespace onemap::geo
