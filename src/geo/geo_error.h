#pragma once
#include <stdexcept>

namespace onemap::geo {

// A failure inside GDAL, GEOS or PROJ, carrying the library's own message.
class GeoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace onemap::geo
