// The OpenAPI operations of what the web map is built from: its page and files, the MapLibre
// styles, and the name search.
#include "api/openapi_operations.h"

namespace onemap::api::doc {
namespace {

json not_modified() { return {{"description", "Unchanged since the ETag given in If-None-Match."}}; }

json style_parameters() {
  return json::array(
      {query_parameter("f", "The answer's format.", {{"type", "string"}, {"enum", {"json"}}}),
       query_parameter("v", "Any value (a client's cache breaker); the style always names the current versions.",
                       {{"type", "string"}})});
}

json style_responses() {
  return {{"200", body("A MapLibre style (v8): sources at /tiles/{id}.json?v={layer version}, glyphs at /fonts/…, "
                       "and metadata onemap:collections the map builds its switcher and legend from.",
                       {{"type", "object"}}, {"application/json"})},
          {"400", problem()},
          {"404", problem()}};
}

}  // namespace

json map_page(const DocScope&) {
  return {{"description", "The page reads its own parameters (layers, lang, plot, use) in the browser."},
          {"responses", {{"200", body("The page.", {{"type", "string"}}, {"text/html"})}, {"304", not_modified()}}}};
}

json web_asset(const DocScope&) {
  return {{"description",
           "Files under the configured web folder; path may hold several segments. Hidden files and "
           "anything outside the folder are 404."},
          {"parameters", {path_parameter("path", "The file's path under web/, e.g. src/app.js.")}},
          {"responses",
           {{"200", body("The file, with its media type and a strong ETag.", binary(), {"application/octet-stream"})},
            {"304", not_modified()},
            {"404", problem()}}}};
}

json onemap_style(const DocScope&) {
  return {{"description", "Every layer the caller may see, in their order, labels on top."},
          {"parameters", style_parameters()},
          {"responses", style_responses()}};
}

json layer_style(const DocScope&) {
  json parameters = style_parameters();
  parameters.push_back(path_parameter("collectionId", "The collection's id."));
  return {{"parameters", parameters}, {"responses", style_responses()}};
}

json search(const DocScope&) {
  json result = {{"type", "object"},
                 {"properties",
                  {{"collection", {{"type", "string"}}},
                   {"collection_title", {{"type", "string"}}},
                   {"collection_title_en", {{"type", "string"}}},
                   {"id", {{"oneOf", {{{"type", "string"}}, {{"type", "integer"}}}}}},
                   {"name", {{"type", "string"}}},
                   {"match", {{"type", "string"}, {"enum", {"exact", "prefix", "contains"}}}},
                   {"bbox", {{"type", "array"}, {"items", {{"type", "number"}}}}},
                   {"point", {{"type", "array"}, {"items", {{"type", "number"}}}}}}}};
  json q = query_parameter("q", "The name or part of it (at most 200 bytes).", {{"type", "string"}});
  q["required"] = true;
  return {{"description",
           "Each layer's name property: exact matches first, then prefixes, then the rest; shorter "
           "names first."},
          {"parameters",
           {q,
            query_parameter("limit", "Results at most.",
                            {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}, {"default", 10}}),
            query_parameter("f", "The answer's format.", {{"type", "string"}, {"enum", {"json"}}})}},
          {"responses",
           {{"200", body("The matches, best first.", {{"type", "object"},
                                                      {"properties",
                                                       {{"query", {{"type", "string"}}},
                                                        {"numberReturned", {{"type", "integer"}, {"minimum", 0}}},
                                                        {"results", {{"type", "array"}, {"items", result}}}}}})},
            {"400", problem()}}}};
}

}  // namespace onemap::api::doc
