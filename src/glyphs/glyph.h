#pragma once
// One glyph as MapLibre's glyph PBF carries it, in px of a 24 px em (MapLibre's ONE_EM; it
// scales every size from there).
#include <cstdint>
#include <string>

namespace onemap::glyphs {

inline constexpr int kEmPixels = 24;
// `top` is measured down from a line this many px above the baseline, not from the baseline:
// MapLibre's shaping was calibrated on Mapbox's server glyphs (DIN Pro, ascender ≈ 25 px at
// 24 px), and MapLibre's font-maker writes glyph top − 25 for every face. node-fontnik writes
// top − the face's own ascender, which would put a chain's fonts on different baselines.
inline constexpr int kTopOrigin = 25;

struct Glyph {
  std::uint32_t id = 0;     // the code point
  std::string bitmap;       // signed distance field, (width + 6) × (height + 6) bytes; empty if blank
  std::uint32_t width = 0;  // the ink box, px
  std::uint32_t height = 0;
  std::int32_t left = 0;      // from the pen position to the ink box's left edge, px
  std::int32_t top = 0;       // ink box top − kTopOrigin, px (y up)
  std::uint32_t advance = 0;  // px to the next pen position
};

}  // namespace onemap::glyphs
