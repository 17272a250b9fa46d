#pragma once
// Coordinate reference systems as OGC API names them (URIs) and as PROJ takes them.
#include <optional>
#include <string>
#include <string_view>

namespace onemap::geo {

// A CRS and the axis order coordinates are given in. `gis_order` means x = east/longitude,
// y = north/latitude whatever the authority says (how OGR and our store hold data);
// otherwise coordinates follow the authority's axis order (what OGC API Part 2 asks for).
struct CrsDef {
  std::string definition;  // anything proj_create accepts: "OGC:CRS84", "EPSG:4547", WKT2
  bool gis_order = true;
  bool operator==(const CrsDef&) const = default;
};

struct Crs {
  int epsg = 0;  // 0 for OGC CRS84
  bool is_crs84() const { return epsg == 0; }
  std::string uri() const;         // http://www.opengis.net/def/crs/...
  CrsDef authority_order() const;  // for output and bbox-crs
  CrsDef gis_order() const;
  bool operator==(const Crs&) const = default;
};

inline const Crs kCrs84{0};
inline const Crs kWebMercator{3857};

// Accepts OGC URIs (http://www.opengis.net/def/crs/EPSG/0/4326, .../OGC/1.3/CRS84), safe
// CURIEs ([EPSG:4326]) and the short forms EPSG:4326, CRS84, OGC:CRS84. nullopt otherwise.
std::optional<Crs> parse_crs(std::string_view text);

// The CGCS2000 3-degree Gauss-Kruger zone (EPSG:4534–4554, no zone prefix) whose central
// meridian is nearest `longitude`; the metric CRS for analysis when none is configured.
Crs gauss_kruger_zone_for(double longitude);

}  // namespace onemap::geo
