#pragma once
// A range of 256 code points as MapLibre asks for it ("{start}-{end}" in the glyphs URL) and
// its glyph PBF (MapLibre's glyphs.proto):
//   glyphs    { repeated fontstack stacks = 1; }
//   fontstack { required string name = 1; required string range = 2; repeated glyph glyphs = 3; }
//   glyph     { required uint32 id = 1; optional bytes bitmap = 2; required uint32 width = 3;
//               required uint32 height = 4; required sint32 left = 5; required sint32 top = 6;
//               required uint32 advance = 7; }
#include "glyphs/font_chain.h"
#include "glyphs/glyph.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::glyphs {

inline constexpr unsigned kRangeSize = 256;
inline constexpr unsigned kLastCodePoint = 65535;  // MapLibre asks for the Basic Multilingual Plane only

// "0-255", "256-511" … "65280-65535" → the range's first code point; nullopt for anything else
// (not a multiple of 256, not 255 apart, beyond 65535, leading zeros, signs, spaces).
std::optional<unsigned> parse_range(std::string_view text);

// One fontstack of the given name and range holding `glyphs` (possibly none).
std::string encode_range(std::string_view name, unsigned first, const std::vector<Glyph>& glyphs);

// Every code point of the range that the chain has, drawn and encoded; the name is the chain's.
std::string render_range(FontChain& fonts, unsigned first);

}  // namespace onemap::glyphs
