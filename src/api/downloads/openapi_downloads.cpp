#include "api/downloads/openapi_downloads.h"

#include "export/formats.h"

namespace onemap::api {

using nlohmann::json;

json township_parameters() {
  return json::array(
      {{{"name", "township"},
        {"in", "query"},
        {"required", false},
        {"description",
         "Only features that intersect this township's polygon (its id or its name), from the rules' township_layer "
         "or the collection 'townships'."},
        {"schema", {{"type", "string"}}}},
       {{"name", "clip"},
        {"in", "query"},
        {"required", false},
        {"description", "Cut each feature to the township (polygons stay polygons); needs township."},
        {"schema", {{"type", "boolean"}, {"default", false}}}}});
}

json downloads_openapi_paths(const std::vector<const store::Layer*>& layers) {
  json extensions = json::array({"zip"});
  json content = json::object();
  for (const exports::Format& f : exports::formats()) {
    extensions.push_back(f.extension);
    content[std::string(f.media_type)] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
  }
  json paths = json::object();
  for (const store::Layer* layer : layers) {
    const std::string& id = layer->config.id;
    json params = json::array(
        {{{"name", "format"},
          {"in", "path"},
          {"required", true},
          {"description", "The file format: GeoPackage, zipped Shapefile, KML, GeoJSON, CSV or FlatGeobuf."},
          {"schema", {{"type", "string"}, {"enum", extensions}}}},
         {{"$ref", "#/components/parameters/bbox"}},
         {{"$ref", "#/components/parameters/bbox-crs"}},
         {{"$ref", "#/components/parameters/crs"}},
         {{"name", "geometry"},
          {"in", "query"},
          {"required", false},
          {"description", "CSV only: a WKT column, or X and Y columns (points only)."},
          {"schema", {{"type", "string"}, {"enum", {"wkt", "xy"}}, {"default", "wkt"}}}}});
    for (const json& p : township_parameters()) params.push_back(p);
    for (const store::Field& f : layer->fields)
      params.push_back({{"name", f.name},
                        {"in", "query"},
                        {"required", false},
                        {"description", "Only features whose " + f.name + " equals this value."},
                        {"schema", {{"type", store::json_type_name(f.type)}}}});
    paths["/download/" + id + ".{format}"] = {
        {"get",
         {{"summary", layer->config.title + ": download"},
          {"description",
           "The whole selection as one file, named {collection}-{township}-{YYYYMMDD}.{format} (Content-Disposition). "
           "Also asked for as /collections/" +
               id + "/items?f=gpkg|shp|kml|csv|fgb or by Accept."},
          {"operationId", "download_" + id},
          {"tags", {"Downloads"}},
          {"parameters", params},
          {"responses",
           {{"200", {{"description", "The file."}, {"content", content}}},
            {"400", {{"$ref", "#/components/responses/Problem"}}},
            {"404", {{"$ref", "#/components/responses/Problem"}}},
            {"503", {{"$ref", "#/components/responses/Problem"}}}}}}}};
  }
  paths["/download/township/{township}"] = {
      {"get",
       {{"summary", "A township's offline package for QField and QGIS"},
        {"description",
         "One zip: data.gpkg (every collection cut to the township, styles in layer_styles), basemap.mbtiles "
         "(vector tiles z10-16) and township.qgs (a QGIS project). Named {township}-{YYYYMMDD}.zip; kept until "
         "the data changes."},
        {"operationId", "download_township_package"},
        {"tags", {"Downloads"}},
        {"parameters",
         {{{"name", "township"},
           {"in", "path"},
           {"required", true},
           {"description", "The township's name or id."},
           {"schema", {{"type", "string"}}}}}},
        {"responses",
         {{"200",
           {{"description", "The package."},
            {"content", {{"application/zip", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
          {"404", {{"$ref", "#/components/responses/Problem"}}},
          {"503", {{"$ref", "#/components/responses/Problem"}}}}}}}};
  return paths;
}

}  // namespace onemap::api
