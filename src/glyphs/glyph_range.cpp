#include "glyphs/glyph_range.h"

#include <protozero/pbf_writer.hpp>

#include <charconv>

namespace onemap::glyphs {
namespace {

// A decimal number with no sign, no leading zero and nothing after it.
std::optional<unsigned> whole_number(std::string_view text) {
  unsigned value = 0;
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string range_text(unsigned first) { return std::to_string(first) + "-" + std::to_string(first + kRangeSize - 1); }

}  // namespace

std::optional<unsigned> parse_range(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto first = whole_number(text.substr(0, dash)), last = whole_number(text.substr(dash + 1));
  if (!first || !last || *first % kRangeSize != 0 || *first > kLastCodePoint || *last != *first + kRangeSize - 1)
    return std::nullopt;
  return first;
}

std::string encode_range(std::string_view name, unsigned first, const std::vector<Glyph>& glyphs) {
  std::string out;
  {  // nested writers finish their message when they go out of scope
    protozero::pbf_writer message(out);
    protozero::pbf_writer stack(message, 1);
    stack.add_string(1, name.data(), name.size());
    stack.add_string(2, range_text(first));
    for (const Glyph& g : glyphs) {
      protozero::pbf_writer glyph(stack, 3);
      glyph.add_uint32(1, g.id);
      if (!g.bitmap.empty()) glyph.add_bytes(2, g.bitmap);
      glyph.add_uint32(3, g.width);
      glyph.add_uint32(4, g.height);
      glyph.add_sint32(5, g.left);
      glyph.add_sint32(6, g.top);
      glyph.add_uint32(7, g.advance);
    }
  }
  return out;
}

std::string render_range(FontChain& fonts, unsigned first) {
  std::vector<Glyph> glyphs;
  for (unsigned cp = first; cp < first + kRangeSize; ++cp)
    if (auto glyph = fonts.render(static_cast<char32_t>(cp))) glyphs.push_back(std::move(*glyph));
  return encode_range(fonts.name(), first, glyphs);
}

}  // namespace onemap::glyphs
