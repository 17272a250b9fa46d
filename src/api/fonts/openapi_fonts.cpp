// The OpenAPI operation of the glyph route (/fonts/{fontstack}/{range}.pbf): the map client
// fetches glyphs beside the tiles.
#include "api/openapi_operations.h"

namespace onemap::api::doc {

json font_glyphs(const DocScope&) {
  json parameters = json::array(
      {path_parameter("fontstack",
                      "The style's text-font names, comma-separated (1–256 bytes); every name is drawn with the "
                      "server's fonts."),
       path_parameter("range", "{start}-{end}: start a multiple of 256 (0–65280), end = start + 255, e.g. 19968-20223.",
                      {{"type", "string"}, {"pattern", "^[0-9]+-[0-9]+$"}})});
  json responses = {{"200", body("Signed distance fields (24 px, 3 px buffer) of the range's characters the fonts "
                                 "have, as a MapLibre glyph PBF, with a strong ETag.",
                                 binary(), {"application/x-protobuf"})},
                    {"304", {{"description", "Unchanged since the ETag given in If-None-Match."}}},
                    {"400", problem()},
                    {"404", problem()}};
  return {{"parameters", parameters}, {"responses", responses}};
}

}  // namespace onemap::api::doc
