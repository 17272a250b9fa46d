#include "glyphs/font_chain.h"

#include "glyphs/sdf.h"

#include <algorithm>
#include <cmath>

namespace onemap::glyphs {
namespace {

// The glyph of `face` at `index`, or nullopt when FreeType cannot draw it. Unhinted, as
// node-fontnik does: MapLibre scales glyphs, and hinting for 24 px would distort every other
// size. Outlines only: an embedded bitmap would not scale.
std::optional<Glyph> draw(FT_Face face, FT_UInt index, char32_t code_point) {
  if (FT_Load_Glyph(face, index, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) return std::nullopt;
  FT_GlyphSlot slot = face->glyph;
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE || FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)) return std::nullopt;
  const FT_Bitmap& coverage = slot->bitmap;
  if (coverage.pixel_mode != FT_PIXEL_MODE_GRAY) return std::nullopt;

  Glyph glyph;
  glyph.id = static_cast<std::uint32_t>(code_point);
  // Unhinted advances are fractional (26.6 fixed point); rounding keeps a label's width within
  // half a pixel per glyph (node-fontnik truncates).
  glyph.advance = static_cast<std::uint32_t>(std::max(0L, std::lround(slot->advance.x / 64.0)));
  glyph.left = slot->bitmap_left;
  glyph.top = slot->bitmap_top - kTopOrigin;
  if (coverage.width == 0 || coverage.rows == 0) return glyph;  // blank (a space): advance only
  // FreeType's pixel grid is the one MapLibre draws on: column 0 of the coverage spans
  // [bitmap_left, bitmap_left + 1) px from the pen, row 0 ends bitmap_top px above the baseline.
  const auto pitch = static_cast<std::ptrdiff_t>(coverage.pitch);
  const unsigned char* top_row =
      pitch >= 0 ? coverage.buffer : coverage.buffer + (static_cast<std::ptrdiff_t>(coverage.rows) - 1) * -pitch;
  glyph.width = coverage.width;
  glyph.height = coverage.rows;
  glyph.bitmap = signed_distance_field(top_row, static_cast<int>(coverage.width), static_cast<int>(coverage.rows),
                                       pitch, SdfSettings{});
  return glyph;
}

}  // namespace

FontChain::FontChain(const std::vector<std::filesystem::path>& files) : library_(make_library()) {
  for (const auto& file : files) faces_.push_back(open_face(library_.get(), file, kEmPixels));
}

std::optional<Glyph> FontChain::render(char32_t code_point) {
  for (const FtFacePtr& face : faces_) {
    const FT_UInt index = FT_Get_Char_Index(face.get(), code_point);
    if (index == 0) continue;  // not in this font: the next one may have it
    if (auto glyph = draw(face.get(), index, code_point)) return glyph;
  }
  return std::nullopt;
}

std::string FontChain::name() const {
  std::string out;
  for (const FtFacePtr& face : faces_) {
    if (!out.empty()) out += ",";
    out += face->family_name ? face->family_name : "unnamed";
    if (face->style_name) out += std::string(" ") + face->style_name;
  }
  return out;
}

}  // namespace onemap::glyphs
