#pragma once
// Web Mercator (EPSG:3857) in closed form: layers keep lon/lat, and tiles and the tile budget
// project on the way (cheaper than keeping a third copy of every coordinate).
#include "geo/geometry.h"

namespace onemap::geo {

// Half the width of the Web Mercator square: π · 6378137 m.
inline constexpr double kMercatorHalfWidth = 20037508.342789244;
inline constexpr double kMaxLatitude = 85.0511287798066;

// Web Mercator ⇄ longitude/latitude; latitudes beyond ±kMaxLatitude and longitudes beyond ±180
// are clamped.
Coord lonlat_to_mercator(Coord lonlat);
Coord mercator_to_lonlat(Coord mercator);

}  // namespace onemap::geo
