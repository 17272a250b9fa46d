// The OpenAPI document's components (parameters, schemas, the problem response, the ways a
// caller names itself) and the small pieces every part's operations are written with.
#include "api/features/crs_params.h"
#include "api/openapi_operations.h"

#include <algorithm>

namespace onemap::api::doc {

json ref(const std::string& component) { return {{"$ref", "#/components/" + component}}; }

json problem() { return ref("responses/Problem"); }

json body(const std::string& description, const json& schema, std::initializer_list<std::string_view> media_types) {
  json content = json::object();
  for (std::string_view type : media_types) content[std::string(type)] = {{"schema", schema}};
  return {{"description", description}, {"content", content}};
}

json binary() { return {{"type", "string"}, {"format", "binary"}}; }

json path_parameter(const std::string& name, const std::string& description, json schema) {
  return {{"name", name}, {"in", "path"}, {"required", true}, {"description", description}, {"schema", schema}};
}

json query_parameter(const std::string& name, const std::string& description, json schema) {
  return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", schema}};
}

json field_parameters(const store::Layer& layer) {
  json params = json::array();
  for (const store::Field& f : layer.fields)
    params.push_back(query_parameter(f.name, "Only features whose " + f.name + " equals this value.",
                                     {{"type", store::json_type_name(f.type)}}));
  return params;
}

json township_parameters() {
  return json::array(
      {query_parameter("township",
                       "Only features that intersect this township's polygon (its id or its name), from the rules' "
                       "township_layer or the collection 'townships'.",
                       {{"type", "string"}}),
       query_parameter("clip", "Cut each feature to the township (polygons stay polygons); needs township.",
                       {{"type", "boolean"}, {"default", false}})});
}

json components(const store::Snapshot& snapshot) {
  const std::size_t max_page = snapshot.catalog.server.max_page_features;
  json crs_enum = json::array();
  for (const geo::Crs& crs : supported_crs(snapshot)) crs_enum.push_back(crs.uri());
  json crs_schema = {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}};
  json link = {{"type", "object"},
               {"required", {"href"}},
               {"properties",
                {{"href", {{"type", "string"}}},
                 {"rel", {{"type", "string"}}},
                 {"type", {{"type", "string"}}},
                 {"title", {{"type", "string"}}}}}};
  json links = {{"type", "array"}, {"items", ref("schemas/link")}};
  json any_object = {{"type", "object"}, {"additionalProperties", true}};
  json limit = query_parameter(
      "limit",
      "Number of features per page (larger values are clamped to the maximum, the server's max_page_features).",
      {{"type", "integer"}, {"minimum", 1}, {"maximum", max_page}, {"default", std::min<std::size_t>(10, max_page)}});
  limit["style"] = "form";
  limit["explode"] = false;
  json bbox = query_parameter("bbox", "minx,miny,maxx,maxy in bbox-crs (CRS84 by default), in that CRS's axis order.",
                              {{"type", "array"}, {"minItems", 4}, {"maxItems", 6}, {"items", {{"type", "number"}}}});
  bbox["style"] = "form";
  bbox["explode"] = false;
  json bbox_crs = query_parameter("bbox-crs", "The CRS of bbox (OGC API – Features Part 2).", crs_schema);
  json crs = query_parameter("crs", "The CRS of the geometries answered (OGC API – Features Part 2).", crs_schema);
  json f = query_parameter("f", "The answer's format.", {{"type", "string"}, {"enum", {"json", "geojson"}}});
  json offset =
      query_parameter("offset", "Features to skip (paging).", {{"type", "integer"}, {"minimum", 0}, {"default", 0}});
  // Any role reaches a route by one of these; none (anonymous) is the public role.
  json schemes = {
      {"apiKey",
       {{"type", "apiKey"}, {"in", "header"}, {"name", "X-API-Key"}, {"description", "An API key, om_<id>_<secret>."}}},
      {"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "The same API key as a bearer token."}}},
      {"urlToken",
       {{"type", "apiKey"},
        {"in", "query"},
        {"name", "token"},
        {"description", "A signed URL token of a key (POST /auth/token), for clients that cannot send headers."}}}};
  return {
      {"parameters",
       {{"limit", limit},
        {"offset", offset},
        {"bbox", bbox},
        {"bbox-crs", bbox_crs},
        {"crs", crs},
        {"f", f},
        {"featureId", path_parameter("featureId", "The feature's id.")}}},
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
           {{"links", links}, {"collections", {{"type", "array"}, {"items", ref("schemas/collection")}}}}}}},
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
            {"features", {{"type", "array"}, {"items", ref("schemas/featureGeoJSON")}}},
            {"links", links},
            {"numberMatched", {{"type", "integer"}, {"minimum", 0}}},
            {"numberReturned", {{"type", "integer"}, {"minimum", 0}}}}}}}}},
      {"responses",
       {{"Problem", body("The request cannot be answered; the body says why.", ref("schemas/exception"))}}},
      {"securitySchemes", schemes},
  };
}

}  // namespace onemap::api::doc
