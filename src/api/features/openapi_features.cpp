// The OpenAPI operations of OGC API – Features: the collections, and per collection its
// description, its features (with a parameter per queryable property) and one feature.
#include "api/openapi_operations.h"

namespace onemap::api::doc {
namespace {

json with_errors(json responses) {
  responses["400"] = problem();
  responses["404"] = problem();
  return responses;
}

}  // namespace

json collections(const DocScope&) {
  return {{"parameters", {query_parameter("f", "The answer's format.", {{"type", "string"}, {"enum", {"json"}}})}},
          {"responses", {{"200", body("The layers", ref("schemas/collections"))}, {"400", problem()}}}};
}

json collection(const DocScope&) {
  return {{"responses", with_errors({{"200", body("The collection.", ref("schemas/collection"))}})}};
}

json items(const DocScope& scope) {
  json params = json::array({ref("parameters/limit"), ref("parameters/offset"), ref("parameters/bbox"),
                             ref("parameters/bbox-crs"), ref("parameters/crs"), ref("parameters/f")});
  for (const json& p : township_parameters()) params.push_back(p);
  for (const json& p : field_parameters(*scope.collection)) params.push_back(p);
  return {{"description",
           "A page of features. f=gpkg|shp|kml|csv|fgb, or an Accept naming one of those formats, answers the "
           "whole selection as a file instead (as /download/" +
               scope.collection->config.id + ".{format})."},
          {"parameters", params},
          {"responses", with_errors({{"200", body("The features.", ref("schemas/featureCollectionGeoJSON"),
                                                  {"application/geo+json"})}})}};
}

json item(const DocScope&) {
  return {{"parameters", {ref("parameters/featureId"), ref("parameters/crs"), ref("parameters/f")}},
          {"responses",
           with_errors({{"200", body("The feature.", ref("schemas/featureGeoJSON"), {"application/geo+json"})}})}};
}

}  // namespace onemap::api::doc
