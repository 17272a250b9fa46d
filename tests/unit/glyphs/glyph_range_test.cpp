// Range names and the PBF encoding, read back with protozero's reader as MapLibre would.
#include "glyphs/glyph_range.h"
#include "glyph_decode.h"

#include <gtest/gtest.h>

using namespace onemap::glyphs;
using onemap::testing::decode_glyphs;

TEST(GlyphRange, ParsesTheRangesMapLibreAsksFor) {
  EXPECT_EQ(parse_range("0-255"), 0u);
  EXPECT_EQ(parse_range("256-511"), 256u);
  EXPECT_EQ(parse_range("19968-20223"), 19968u);
  EXPECT_EQ(parse_range("65280-65535"), 65280u);
}

TEST(GlyphRange, RejectsEverythingElse) {
  for (const char* bad : {"",
                          "-",
                          "0",
                          "0-",
                          "-255",
                          "0-254",
                          "0-256",
                          "1-256",
                          "128-383",
                          "65536-65791",
                          "4294967040-4294967295",
                          "00-255",
                          "0-0255",
                          "+0-255",
                          "0 -255",
                          "0-255 ",
                          "a-b",
                          "0x0-255",
                          "0-255-511",
                          "256-255"})
    EXPECT_FALSE(parse_range(bad)) << bad;
}

TEST(GlyphRange, EncodesEveryFieldAndLeavesOutEmptyBitmaps) {
  Glyph a{65, std::string(7 * 8, '\x7f'), 1, 2, -1, -7, 14};  // a made-up 1×2 glyph and its 7×8 field
  Glyph space{32, "", 0, 0, 0, -25, 6};
  const auto stacks = decode_glyphs(encode_range("Test Sans", 0, {space, a}));
  ASSERT_EQ(stacks.size(), 1u);
  EXPECT_EQ(stacks[0].name, "Test Sans");
  EXPECT_EQ(stacks[0].range, "0-255");
  ASSERT_EQ(stacks[0].glyphs.size(), 2u);
  const auto& ga = stacks[0].glyphs.at(65);
  EXPECT_EQ(ga.fields_seen, 6);
  EXPECT_TRUE(ga.has_bitmap);
  EXPECT_EQ(ga.bitmap, a.bitmap);
  EXPECT_EQ(ga.width, 1u);
  EXPECT_EQ(ga.height, 2u);
  EXPECT_EQ(ga.left, -1);  // sint32: zig-zag encoded, negative values survive
  EXPECT_EQ(ga.top, -7);
  EXPECT_EQ(ga.advance, 14u);
  const auto& gs = stacks[0].glyphs.at(32);
  EXPECT_EQ(gs.fields_seen, 6);
  EXPECT_FALSE(gs.has_bitmap);
  EXPECT_EQ(gs.advance, 6u);
}

TEST(GlyphRange, ARangeWithNoGlyphsIsAnEmptyFontstack) {
  const auto stacks = decode_glyphs(encode_range("Test Sans", 57344, {}));
  ASSERT_EQ(stacks.size(), 1u);
  EXPECT_EQ(stacks[0].range, "57344-57599");
  EXPECT_TRUE(stacks[0].glyphs.empty());
}
