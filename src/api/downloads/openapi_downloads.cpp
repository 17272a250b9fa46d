// The OpenAPI operations of downloads: a collection's selection as one file
// (/download/{collectionId}.{format}, with the features API's filters), and a township's package.
#include "api/openapi_operations.h"
#include "export/formats.h"

namespace onemap::api::doc {

json download_file(const DocScope& scope) {
  const std::string& id = scope.collection->config.id;
  json extensions = json::array({"zip"});
  json content = json::object();
  for (const exports::Format& f : exports::formats()) {
    extensions.push_back(f.extension);
    content[std::string(f.media_type)] = {{"schema", binary()}};
  }
  json params = json::array(
      {path_parameter("format", "The file format: GeoPackage, zipped Shapefile, KML, GeoJSON, CSV or FlatGeobuf.",
                      {{"type", "string"}, {"enum", extensions}}),
       ref("parameters/bbox"), ref("parameters/bbox-crs"), ref("parameters/crs"),
       query_parameter("geometry", "CSV only: a WKT column, or X and Y columns (points only).",
                       {{"type", "string"}, {"enum", {"wkt", "xy"}}, {"default", "wkt"}})});
  for (const json& p : township_parameters()) params.push_back(p);
  for (const json& p : field_parameters(*scope.collection)) params.push_back(p);
  return {{"description",
           "The whole selection as one file, named {collection}-{township}-{YYYYMMDD}.{format} (Content-Disposition). "
           "Also asked for as /collections/" +
               id + "/items?f=gpkg|shp|kml|csv|fgb or by Accept."},
          {"parameters", params},
          {"responses",
           {{"200", {{"description", "The file."}, {"content", content}}},
            {"400", problem()},
            {"404", problem()},
            {"503", problem()}}}};
}

json download_township(const DocScope&) {
  return {{"description",
           "One zip: data.gpkg (every collection cut to the township, styles in layer_styles), basemap.mbtiles "
           "(vector tiles z10-16) and township.qgs (a QGIS project). Named {township}-{YYYYMMDD}.zip; kept until "
           "the data changes."},
          {"parameters", {path_parameter("township", "The township's name or id.")}},
          {"responses",
           {{"200", body("The package.", binary(), {"application/zip"})}, {"404", problem()}, {"503", problem()}}}};
}

}  // namespace onemap::api::doc
