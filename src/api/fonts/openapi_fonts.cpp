#include "api/fonts/openapi_fonts.h"

namespace onemap::api {

nlohmann::json fonts_openapi_paths() {
  using nlohmann::json;
  const json problem = {{"$ref", "#/components/responses/Problem"}};
  json parameters = json::array(
      {{{"name", "fontstack"},
        {"in", "path"},
        {"required", true},
        {"description",
         "The style's text-font names, comma-separated (1–256 bytes); every name is drawn with the "
         "server's fonts."},
        {"schema", {{"type", "string"}}}},
       {{"name", "range"},
        {"in", "path"},
        {"required", true},
        {"description", "{start}-{end}: start a multiple of 256 (0–65280), end = start + 255, e.g. 19968-20223."},
        {"schema", {{"type", "string"}, {"pattern", "^[0-9]+-[0-9]+$"}}}}});
  json responses = {
      {"200",
       {{"description",
         "Signed distance fields (24 px, 3 px buffer) of the range's characters the fonts have, as "
         "a MapLibre glyph PBF, with a strong ETag."},
        {"content", {{"application/x-protobuf", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
      {"304", {{"description", "Unchanged since the ETag given in If-None-Match."}}},
      {"400", problem},
      {"404", problem}};
  json paths;
  paths["/fonts/{fontstack}/{range}.pbf"] = {{"get",
                                              {{"summary", "Map label glyphs (MapLibre glyphs URL)"},
                                               {"operationId", "getGlyphs"},
                                               {"tags", {"Tiles"}},
                                               {"parameters", parameters},
                                               {"responses", responses}}}};
  return paths;
}

}  // namespace onemap::api
