#pragma once
// The signed distance field of a glyph, encoded as MapLibre reads it from a glyph PBF: the
// encoding of Mapbox's TinySDF (what MapLibre itself uses for glyphs it draws locally).
#include <cstddef>
#include <string>

namespace onemap::glyphs {

struct SdfSettings {
  int buffer = 3;        // px of field around the glyph (MapLibre's GLYPH_PBF_BORDER)
  double radius = 8;     // px of distance the 0–255 range spans
  double cutoff = 0.25;  // share of the range left for the inside: the edge is 255 * 0.75 ≈ 191
};

// `coverage` is a width × height 8-bit image (0 outside the glyph, 255 inside, anti-aliased
// between), `pitch` bytes from one row to the next, top row first. Returns the field, row by
// row, (width + 2·buffer) × (height + 2·buffer) bytes: 255 − 255·(d / radius + cutoff), rounded
// and clamped, d the distance in px from the pixel to the glyph's edge, negative inside.
std::string signed_distance_field(const unsigned char* coverage, int width, int height, std::ptrdiff_t pitch,
                                  const SdfSettings& settings = {});

}  // namespace onemap::glyphs
