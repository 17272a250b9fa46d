#pragma once
// Reads a MapLibre glyph PBF field by field with protozero's reader, as MapLibre's parser does,
// without the server's types: what a map client would see.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace onemap::testing {

struct DecodedGlyph {
  std::uint32_t id = 0;
  std::string bitmap;
  bool has_bitmap = false;
  std::uint32_t width = 0, height = 0;
  std::int32_t left = 0, top = 0;
  std::uint32_t advance = 0;
  int fields_seen = 0;  // of the required 1, 3, 4, 5, 6, 7
};

struct DecodedFontstack {
  std::string name;
  std::string range;
  std::map<std::uint32_t, DecodedGlyph> glyphs;  // by id
};

// Every fontstack of the PBF. Throws on malformed protobuf.
std::vector<DecodedFontstack> decode_glyphs(const std::string& pbf);

}  // namespace onemap::testing
