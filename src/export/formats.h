#pragma once
// The file formats a collection can be downloaded in: how a client names each (f=, the file
// ending, a media type in Accept) and how GDAL writes it (OGR driver, options).
#include <string>
#include <string_view>
#include <vector>

namespace onemap::exports {

struct Format {
  std::string_view key;           // f= value and the format's short name: gpkg, shp, kml, geojson, csv, fgb
  std::string_view extension;     // the download's file ending, without the dot: gpkg, shp.zip, …
  std::string_view media_type;    // Content-Type of the download
  std::string_view accept_alias;  // another media type Accept may name it by; empty: none
  std::string_view title;         // for links: "GeoPackage"
  std::string_view driver;        // the OGR driver that writes it
  bool zipped = false;            // several files (a Shapefile's parts) sent as one zip
  bool lonlat_only = false;       // WGS 84 longitude/latitude by definition (KML)
  bool has_crs = true;            // the file says its CRS (CSV does not)
  // Features without geometry cannot be written (FlatGeobuf's index needs a box for each; GDAL
  // 3.6 drops them): they are left out, and the log says how many.
  bool geometry_required = false;
  // One geometry kind a file (Shapefile): a layer of several kinds is split, a file per kind.
  bool one_kind_per_file = false;
};

// Every format, in the order links list them.
const std::vector<Format>& formats();

// By f= value ("gpkg"); null when unknown. "json"/"geojson" on items stay the features API's own.
const Format* format_by_key(std::string_view key);
// By file ending ("shp.zip", also "zip"); null when unknown.
const Format* format_by_extension(std::string_view extension);
// By media type (parameters ignored, case-insensitive); null when unknown.
const Format* format_by_media_type(std::string_view media_type);

// "gpkg, shp, kml, geojson, csv, fgb" or with `extensions` "gpkg, shp.zip, …": for messages.
std::string format_list(bool extensions);

}  // namespace onemap::exports
