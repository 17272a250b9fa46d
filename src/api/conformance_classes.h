#pragma once
// The conformance classes OneMap passes, declared once for /conformance and the API document.
#include <string>
#include <vector>

namespace onemap::api {

inline std::vector<std::string> conformance_classes() {
  return {
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
      "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/ogc-process-description",
      "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/json",
      "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/oas30",
      "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/job-list",
      "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/dismiss",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
  };
}

}  // namespace onemap::api
