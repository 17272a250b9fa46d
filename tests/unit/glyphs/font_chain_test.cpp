// Glyphs drawn from the installed fonts (Debian's fonts-wqy-microhei and fonts-dejavu-core),
// checked against FreeType itself, loaded here on its own, and against what a label needs.
#include "glyphs/font_chain.h"
#include "catalog/font_files.h"
#include "fixtures.h"
#include "glyph_decode.h"
#include "glyphs/glyph_range.h"

#include <gtest/gtest.h>

#include FT_OUTLINE_H

#include <cmath>

using namespace onemap;
using onemap::testing::decode_glyphs;
namespace fs = std::filesystem;

namespace {

const std::vector<fs::path>& installed_fonts() {
  static const std::vector<fs::path> fonts = catalog::default_fonts();
  return fonts;
}

// The first installed font that has the code point, as the chain picks it; empty if none.
fs::path font_with(char32_t code_point) {
  for (const fs::path& file : installed_fonts()) {
    FT_Library library = nullptr;
    FT_Init_FreeType(&library);
    FT_Face face = nullptr;
    bool has = FT_New_Face(library, file.c_str(), 0, &face) == 0 && FT_Get_Char_Index(face, code_point) != 0;
    if (face) FT_Done_Face(face);
    FT_Done_FreeType(library);
    if (has) return file;
  }
  return {};
}

// What FreeType reports for the glyph at 24 px, unhinted: the reference the PBF must match.
struct Reference {
  unsigned width, height;
  int bitmap_left, bitmap_top;
  double advance;                       // px
  double x_min, x_max, y_max;           // the outline's control box, px
  std::vector<unsigned char> coverage;  // width × height, top row first
};

Reference freetype_reference(const fs::path& file, char32_t code_point) {
  FT_Library library = nullptr;
  EXPECT_EQ(FT_Init_FreeType(&library), 0);
  FT_Face face = nullptr;
  EXPECT_EQ(FT_New_Face(library, file.c_str(), 0, &face), 0);
  EXPECT_EQ(FT_Set_Char_Size(face, 0, 24 * 64, 72, 72), 0);  // 24 pt at 72 dpi: 24 px per em
  EXPECT_EQ(FT_Load_Char(face, code_point, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP), 0);
  FT_BBox box;
  FT_Outline_Get_CBox(&face->glyph->outline, &box);
  EXPECT_EQ(FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL), 0);
  const FT_Bitmap& bm = face->glyph->bitmap;
  Reference r{bm.width,
              bm.rows,
              face->glyph->bitmap_left,
              face->glyph->bitmap_top,
              face->glyph->advance.x / 64.0,
              box.xMin / 64.0,
              box.xMax / 64.0,
              box.yMax / 64.0,
              {}};
  for (unsigned y = 0; y < bm.rows; ++y)
    for (unsigned x = 0; x < bm.width; ++x) r.coverage.push_back(bm.buffer[y * bm.pitch + x]);
  FT_Done_Face(face);
  FT_Done_FreeType(library);
  return r;
}

onemap::testing::DecodedFontstack range_of(unsigned first) {
  glyphs::FontChain chain(installed_fonts());
  auto stacks = decode_glyphs(glyphs::render_range(chain, first));
  EXPECT_EQ(stacks.size(), 1u);
  return stacks.at(0);
}

}  // namespace

TEST(FontChain, LatinCapitalAMatchesFreeTypesOwnMetrics) {
  const fs::path file = font_with(U'A');
  if (file.empty()) GTEST_SKIP() << "no installed font has 'A' (install fonts-wqy-microhei)";
  const Reference ref = freetype_reference(file, U'A');
  const auto stack = range_of(0);
  EXPECT_EQ(stack.range, "0-255");
  ASSERT_TRUE(stack.glyphs.count(65));
  const auto& a = stack.glyphs.at(65);
  EXPECT_EQ(a.width, ref.width);
  EXPECT_EQ(a.height, ref.height);
  EXPECT_EQ(a.left, ref.bitmap_left);
  EXPECT_EQ(a.top, ref.bitmap_top - glyphs::kTopOrigin);
  EXPECT_EQ(a.advance, static_cast<unsigned>(std::lround(ref.advance)));
  EXPECT_EQ(a.bitmap.size(), (a.width + 6u) * (a.height + 6u));
  // node-fontnik's convention, from the outline's box rounded: within the pixel FreeType's grid
  // (floor left, ceil top) may add.
  EXPECT_NEAR(a.left, std::round(ref.x_min), 1);
  EXPECT_NEAR(a.top + glyphs::kTopOrigin, std::round(ref.y_max), 1);
  EXPECT_NEAR(a.width, std::round(ref.x_max) - std::round(ref.x_min), 1);
  // A capital stands on the baseline: its ink ends at y = 0 (top is kTopOrigin below the origin).
  const int bottom = a.top + glyphs::kTopOrigin - static_cast<int>(a.height);
  EXPECT_GE(bottom, -1);
  EXPECT_LE(bottom, 0);
  EXPECT_GT(a.height, 14u);  // a cap height of 0.6–0.8 em at 24 px
  EXPECT_LT(a.height, 21u);
}

TEST(FontChain, DescenderGoesBelowTheBaseline) {
  if (font_with(U'g').empty()) GTEST_SKIP() << "no installed font has 'g'";
  const auto& g = range_of(0).glyphs.at(U'g');
  EXPECT_LT(g.top + glyphs::kTopOrigin - static_cast<int>(g.height), -3);
}

TEST(FontChain, ThresholdedFieldReproducesFreeTypesCoverage) {
  const fs::path file = font_with(U'A');
  if (file.empty()) GTEST_SKIP() << "no installed font has 'A'";
  const Reference ref = freetype_reference(file, U'A');
  const auto& a = range_of(0).glyphs.at(65);
  const unsigned w = a.width + 6, h = a.height + 6;
  ASSERT_EQ(a.bitmap.size(), std::size_t{w} * h);
  unsigned agree = 0, inked = 0;
  for (unsigned y = 0; y < h; ++y)
    for (unsigned x = 0; x < w; ++x) {
      const bool in_glyph = x >= 3 && y >= 3 && x < w - 3 && y < h - 3;
      const bool covered = in_glyph && ref.coverage[(y - 3) * ref.width + (x - 3)] > 127;
      const bool sdf_inside = static_cast<unsigned char>(a.bitmap[y * w + x]) >= 192;
      agree += covered == sdf_inside;
      inked += covered;
    }
  EXPECT_GT(inked, 20u);
  EXPECT_GE(agree, 0.95 * w * h) << agree << " of " << w * h << " pixels agree";
}

TEST(FontChain, ThresholdedFieldsOfALabelReproduceTheCoverage) {
  // Over the glyphs of a Chinese label with Latin, nearly every pixel agrees; those that do not
  // are edge pixels about half covered, where > 127 and ≥ 192 (d ≈ 0) part ways.
  unsigned agree = 0, total = 0;
  for (char32_t cp : std::u32string(U"OneMap 济源市生态环境一张图 Jiyuan 2024")) {
    const fs::path file = font_with(cp);
    if (file.empty()) GTEST_SKIP() << "no installed font has U+" << std::hex << unsigned(cp);
    const Reference ref = freetype_reference(file, cp);
    glyphs::FontChain chain(installed_fonts());
    const auto g = chain.render(cp);
    ASSERT_TRUE(g);
    const unsigned w = g->width + 6, h = g->height + 6;
    if (g->bitmap.empty()) continue;  // the spaces
    for (unsigned y = 0; y < h; ++y)
      for (unsigned x = 0; x < w; ++x) {
        const bool in_glyph = x >= 3 && y >= 3 && x < w - 3 && y < h - 3;
        const bool covered = in_glyph && ref.coverage[(y - 3) * ref.width + (x - 3)] > 127;
        agree += covered == (static_cast<unsigned char>(g->bitmap[y * w + x]) >= 192);
        ++total;
      }
  }
  EXPECT_GE(agree, 0.98 * total) << agree << " of " << total;
}

TEST(FontChain, SpaceHasAnAdvanceAndNoBitmap) {
  if (font_with(U' ').empty()) GTEST_SKIP() << "no installed font has ' '";
  const auto& space = range_of(0).glyphs.at(32);
  EXPECT_GT(space.advance, 0u);
  EXPECT_FALSE(space.has_bitmap);
  EXPECT_EQ(space.width, 0u);
  EXPECT_EQ(space.height, 0u);
}

TEST(FontChain, ChineseIdeographFromTheCjkFont) {
  if (font_with(U'一').empty()) GTEST_SKIP() << "no CJK font installed (install fonts-wqy-microhei)";
  const auto stack = range_of(19968);
  EXPECT_EQ(stack.range, "19968-20223");
  EXPECT_GT(stack.glyphs.size(), 200u);  // a CJK font has nearly all of U+4E00–U+4EFF
  ASSERT_TRUE(stack.glyphs.count(0x4E00));
  const auto& yi = stack.glyphs.at(0x4E00);
  EXPECT_TRUE(yi.has_bitmap);
  EXPECT_EQ(yi.bitmap.size(), (yi.width + 6u) * (yi.height + 6u));
  EXPECT_GT(yi.width, 15u);  // one long horizontal stroke
  EXPECT_LT(yi.height, 6u);
  EXPECT_GE(yi.advance, 23u);  // ideographs are a full em wide
  EXPECT_LE(yi.advance, 25u);
}

TEST(FontChain, EachCodePointComesFromTheFirstFontThatHasIt) {
  const fs::path latin = catalog::latin_font_candidate(), cjk = font_with(U'一');
  if (!fs::exists(latin) || cjk.empty()) GTEST_SKIP() << "needs DejaVu Sans and a CJK font";
  // DejaVu first: 'A' is DejaVu's; 一, which DejaVu lacks, falls through to the CJK font.
  glyphs::FontChain chain({latin, cjk});
  EXPECT_EQ(chain.render(U'A')->advance, static_cast<unsigned>(std::lround(freetype_reference(latin, U'A').advance)));
  EXPECT_EQ(chain.render(U'一')->width, freetype_reference(cjk, U'一').width);
  EXPECT_FALSE(chain.render(0xE000));  // private use: in neither font
  EXPECT_NE(chain.name().find("DejaVu Sans"), std::string::npos) << chain.name();
}

TEST(FontChain, AFileThatIsNotAFontIsAFontErrorNamingIt) {
  onemap::testing::TempDir dir;
  onemap::testing::write_text(dir / "notes.ttf", "not a font");
  try {
    glyphs::FontChain chain({dir / "notes.ttf"});
    FAIL() << "a text file opened as a font";
  } catch (const glyphs::FontError& e) {
    EXPECT_NE(std::string(e.what()).find("notes.ttf"), std::string::npos) << e.what();
  }
  EXPECT_THROW(glyphs::FontChain({dir / "missing.ttf"}), glyphs::FontError);
}
