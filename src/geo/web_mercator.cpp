#include "geo/web_mercator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace onemap::geo {
namespace {

constexpr double kEarthRadius = 6378137.0;
constexpr double kDegToRad = std::numbers::pi / 180.0;

}  // namespace

Coord lonlat_to_mercator(Coord lonlat) {
  const double lat = std::clamp(lonlat.y, -kMaxLatitude, kMaxLatitude);
  return {std::clamp(lonlat.x, -180.0, 180.0) * kDegToRad * kEarthRadius,
          std::log(std::tan(std::numbers::pi / 4 + lat * kDegToRad / 2)) * kEarthRadius};
}

Coord mercator_to_lonlat(Coord mercator) {
  const double lat = (2 * std::atan(std::exp(mercator.y / kEarthRadius)) - std::numbers::pi / 2) / kDegToRad;
  return {mercator.x / kEarthRadius / kDegToRad, std::clamp(lat, -kMaxLatitude, kMaxLatitude)};
}

}  // namespace onemap::geo
