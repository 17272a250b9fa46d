#include "glyph_decode.h"

#include <protozero/pbf_reader.hpp>

namespace onemap::testing {
namespace {

DecodedGlyph decode_glyph(protozero::pbf_reader message) {
  DecodedGlyph g;
  while (message.next()) {
    switch (message.tag()) {
      case 1:
        g.id = message.get_uint32();
        ++g.fields_seen;
        break;
      case 2:
        g.bitmap = message.get_string();
        g.has_bitmap = true;
        break;
      case 3:
        g.width = message.get_uint32();
        ++g.fields_seen;
        break;
      case 4:
        g.height = message.get_uint32();
        ++g.fields_seen;
        break;
      case 5:
        g.left = message.get_sint32();
        ++g.fields_seen;
        break;
      case 6:
        g.top = message.get_sint32();
        ++g.fields_seen;
        break;
      case 7:
        g.advance = message.get_uint32();
        ++g.fields_seen;
        break;
      default:
        message.skip();
    }
  }
  return g;
}

}  // namespace

std::vector<DecodedFontstack> decode_glyphs(const std::string& pbf) {
  std::vector<DecodedFontstack> out;
  protozero::pbf_reader message(pbf);
  while (message.next()) {
    if (message.tag() != 1) {
      message.skip();
      continue;
    }
    DecodedFontstack stack;
    protozero::pbf_reader fields = message.get_message();
    while (fields.next()) {
      switch (fields.tag()) {
        case 1:
          stack.name = fields.get_string();
          break;
        case 2:
          stack.range = fields.get_string();
          break;
        case 3: {
          DecodedGlyph g = decode_glyph(fields.get_message());
          stack.glyphs[g.id] = std::move(g);
          break;
        }
        default:
          fields.skip();
      }
    }
    out.push_back(std::move(stack));
  }
  return out;
}

}  // namespace onemap::testing
