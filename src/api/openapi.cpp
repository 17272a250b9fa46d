// The OpenAPI 3.0 document of /api, generated from the catalog so that every collection's
// queryable properties are listed. Self-contained: every $ref points inside the document.
#include "api/downloads/openapi_downloads.h"
#include "api/errors.h"
#include "api/features/crs_params.h"
#include "api/fonts/openapi_fonts.h"
#include "api/processes/openapi_processes.h"
#include "api/routes.h"
#include "api/tiles/openapi_tiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace onemap::api {
namespace {

using nlohmann::json;

json component_ref(const std::string& where) { return {{"$ref", "#/components/" + where}}; }

json json_response_of(const std::string& description, const std::string& schema,
                      const std::string& type = "application/json") {
  return {{"description", description}, {"content", {{type, {{"schema", component_ref("schemas/" + schema)}}}}}};
}

json error_responses(json responses) {
  responses["400"] = component_ref("responses/Problem");
  responses["404"] = component_ref("responses/Problem");
  return responses;
}

json components(const store::Snapshot& snapshot) {
  json crs_enum = json::array();
  for (const geo::Crs& crs : supported_crs(snapshot)) crs_enum.push_back(crs.uri());
  json link = {{"type", "object"},
               {"required", {"href"}},
               {"properties",
                {{"href", {{"type", "string"}}},
                 {"rel", {{"type", "string"}}},
                 {"type", {{"type", "string"}}},
                 {"title", {{"type", "string"}}}}}};
  json links = {{"type", "array"}, {"items", component_ref("schemas/link")}};
  json any_object = {{"type", "object"}, {"additionalProperties", true}};
  return {
      {"parameters",
       {{"limit",
         {{"name", "limit"},
          {"in", "query"},
          {"required", false},
          {"style", "form"},
          {"explode", false},
          {"description",
           "Number of features per page (larger values are clamped to the maximum, the server's "
           "max_page_features)."},
          {"schema",
           {{"type", "integer"},
            {"minimum", 1},
            {"maximum", snapshot.catalog.server.max_page_features},
            {"default", std::min<std::size_t>(10, snapshot.catalog.server.max_page_features)}}}}},
        {"offset",
         {{"name", "offset"},
          {"in", "query"},
          {"required", false},
          {"description", "Features to skip (paging)."},
          {"schema", {{"type", "integer"}, {"minimum", 0}, {"default", 0}}}}},
        {"bbox",
         {{"name", "bbox"},
          {"in", "query"},
          {"required", false},
          {"style", "form"},
          {"explode", false},
          {"description", "minx,miny,maxx,maxy in bbox-crs (CRS84 by default), in that CRS's axis order."},
          {"schema", {{"type", "array"}, {"minItems", 4}, {"maxItems", 6}, {"items", {{"type", "number"}}}}}}},
        {"bbox-crs",
         {{"name", "bbox-crs"},
          {"in", "query"},
          {"required", false},
          {"schema", {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}}}}},
        {"crs",
         {{"name", "crs"},
          {"in", "query"},
          {"required", false},
          {"schema", {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}}}}},
        {"f",
         {{"name", "f"},
          {"in", "query"},
          {"required", false},
          {"schema", {{"type", "string"}, {"enum", {"json", "geojson"}}}}}},
        {"featureId", {{"name", "featureId"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}}}},
      {"schemas",
       {{"link", link},
        {"statusInfo", status_info_schema()},
        {"exception",
         {{"type", "object"},
          {"required", {"code"}},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"description", {{"type", "string"}}},
            {"status", {{"type", "integer"}}}}}}},
        {"landingPage",
         {{"type", "object"},
          {"required", {"links"}},
          {"properties", {{"title", {{"type", "string"}}}, {"description", {{"type", "string"}}}, {"links", links}}}}},
        {"confClasses",
         {{"type", "object"},
          {"required", {"conformsTo"}},
          {"properties", {{"conformsTo", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}},
        {"collection",
         {{"type", "object"},
          {"required", {"id", "links"}},
          {"properties",
           {{"id", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"description", {{"type", "string"}}},
            {"links", links},
            {"extent", any_object},
            {"itemType", {{"type", "string"}}},
            {"crs", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"storageCrs", {{"type", "string"}}}}}}},
        {"collections",
         {{"type", "object"},
          {"required", {"links", "collections"}},
          {"properties",
           {{"links", links}, {"collections", {{"type", "array"}, {"items", component_ref("schemas/collection")}}}}}}},
        {"featureGeoJSON",
         {{"type", "object"},
          {"required", {"type", "geometry", "properties"}},
          {"properties",
           {{"type", {{"type", "string"}, {"enum", {"Feature"}}}},
            {"id", {{"oneOf", {{{"type", "string"}}, {{"type", "integer"}}}}}},
            {"geometry", {{"type", "object"}, {"nullable", true}}},
            {"properties", {{"type", "object"}, {"nullable", true}}},
            {"links", links}}}}},
        {"featureCollectionGeoJSON",
         {{"type", "object"},
          {"required", {"type", "features"}},
          {"properties",
           {{"type", {{"type", "string"}, {"enum", {"FeatureCollection"}}}},
            {"features", {{"type", "array"}, {"items", component_ref("schemas/featureGeoJSON")}}},
            {"links", links},
            {"numberMatched", {{"type", "integer"}, {"minimum", 0}}},
            {"numberReturned", {{"type", "integer"}, {"minimum", 0}}}}}}}}},
      {"responses", {{"Problem", json_response_of("The request cannot be answered; the body says why.", "exception")}}},
  };
}

json collection_paths(const store::Layer& layer) {
  const std::string& id = layer.config.id;
  json params = json::array({component_ref("parameters/limit"), component_ref("parameters/offset"),
                             component_ref("parameters/bbox"), component_ref("parameters/bbox-crs"),
                             component_ref("parameters/crs"), component_ref("parameters/f")});
  for (const json& p : township_parameters()) params.push_back(p);
  for (const store::Field& f : layer.fields)
    params.push_back({{"name", f.name},
                      {"in", "query"},
                      {"required", false},
                      {"description", "Only features whose " + f.name + " equals this value."},
                      {"schema", {{"type", store::json_type_name(f.type)}}}});
  json paths;
  paths["/collections/" + id] = {
      {"get",
       {{"summary", layer.config.title},
        {"operationId", "describeCollection_" + id},
        {"tags", {"Data"}},
        {"responses", error_responses({{"200", json_response_of("The collection.", "collection")}})}}}};
  paths["/collections/" + id + "/items"] = {
      {"get",
       {{"summary", layer.config.title + ": features"},
        {"operationId", "getFeatures_" + id},
        {"tags", {"Data"}},
        {"parameters", params},
        {"responses", error_responses({{"200", json_response_of("The features.", "featureCollectionGeoJSON",
                                                                "application/geo+json")}})}}}};
  paths["/collections/" + id + "/items/{featureId}"] = {
      {"get",
       {{"summary", layer.config.title + ": one feature"},
        {"operationId", "getFeature_" + id},
        {"tags", {"Data"}},
        {"parameters",
         {component_ref("parameters/featureId"), component_ref("parameters/crs"), component_ref("parameters/f")}},
        {"responses",
         error_responses({{"200", json_response_of("The feature.", "featureGeoJSON", "application/geo+json")}})}}}};
  return paths;
}

}  // namespace

http::Response openapi_document(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  const store::Snapshot& snapshot = *ctx.snapshot;
  auto simple_get = [](const std::string& summary, const std::string& op, const std::string& schema) {
    return json{
        {"get",
         {{"summary", summary},
          {"operationId", op},
          {"tags", {"Capabilities"}},
          {"responses", {{"200", json_response_of(summary, schema)}, {"400", component_ref("responses/Problem")}}}}}};
  };
  json paths = {
      {"/", simple_get("Landing page", "getLandingPage", "landingPage")},
      {"/conformance", simple_get("Conformance classes", "getConformance", "confClasses")},
      {"/collections", simple_get("The layers", "getCollections", "collections")},
      {"/api",
       {{"get",
         {{"summary", "This document"},
          {"operationId", "getApi"},
          {"tags", {"Capabilities"}},
          {"responses",
           {{"200",
             {{"description", "The OpenAPI document."},
              {"content",
               {{"application/vnd.oai.openapi+json;version=3.0", {{"schema", {{"type", "object"}}}}}}}}}}}}}}},
  };
  for (const store::Layer* layer : ctx.layers()) paths.update(collection_paths(*layer));
  paths.update(processes_openapi_paths());
  paths.update(tiles_openapi_paths(ctx.layers()));
  paths.update(fonts_openapi_paths());
  paths.update(downloads_openapi_paths(ctx.layers()));
  json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", snapshot.catalog.title},
        {"version", "1.0.0"},
        {"description",
         "OneMap: OGC API – Features (Part 1 and Part 2) for the city's environmental layers, and OGC API – Processes "
         "for its analyses."}}},
      {"servers", {{{"url", ctx.base_url}}}},
      {"tags",
       {{{"name", "Capabilities"}},
        {{"name", "Data"}},
        {{"name", "Processes"}},
        {{"name", "Tiles"}},
        {{"name", "Downloads"}}}},
      {"paths", paths},
      {"components", components(snapshot)},
  };
  return json_response(ctx, doc, "application/vnd.oai.openapi+json;version=3.0");
}

}  // namespace onemap::api
