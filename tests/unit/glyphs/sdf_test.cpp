// The distance field against distances computed by brute force.
#include "glyphs/sdf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using onemap::glyphs::SdfSettings;
using onemap::glyphs::signed_distance_field;

namespace {

int value_at(const std::string& field, int width, int x, int y) {
  return static_cast<unsigned char>(field[static_cast<std::size_t>(y * width + x)]);
}

// 255 − 255·(d/8 + 0.25), rounded and clamped: TinySDF's encoding.
int encoded(double d) { return static_cast<int>(std::clamp(std::round(255 - 255 * (d / 8 + 0.25)), 0.0, 255.0)); }

}  // namespace

TEST(Sdf, SizeIsTheGlyphPlusTheBufferOnEachSide) {
  std::vector<unsigned char> coverage(5 * 7, 255);
  EXPECT_EQ(signed_distance_field(coverage.data(), 5, 7, 5).size(), 11u * 13u);
  EXPECT_EQ(signed_distance_field(coverage.data(), 5, 7, 5, SdfSettings{2, 8, 0.25}).size(), 9u * 11u);
}

TEST(Sdf, SolidSquareMatchesBruteForceDistances) {
  // An 8×8 glyph whose middle 4×4 pixels are fully inside, the rest empty.
  constexpr int n = 8, b = 3, w = n + 2 * b;
  std::vector<unsigned char> coverage(n * n, 0);
  for (int y = 2; y < 6; ++y)
    for (int x = 2; x < 6; ++x) coverage[y * n + x] = 255;
  const std::string field = signed_distance_field(coverage.data(), n, n, n);
  ASSERT_EQ(field.size(), static_cast<std::size_t>(w * w));
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x) {
      // Pixel-centre distances between inside and outside pixels, as the transform defines them.
      const bool in = x >= 5 && x < 9 && y >= 5 && y < 9;
      double nearest = 1e9;
      for (int qy = 0; qy < w; ++qy)
        for (int qx = 0; qx < w; ++qx) {
          const bool q_in = qx >= 5 && qx < 9 && qy >= 5 && qy < 9;
          if (q_in != in) nearest = std::min(nearest, std::hypot(qx - x, qy - y));
        }
      // An outside pixel is `nearest` away from the glyph; an inside one as far from the background.
      EXPECT_EQ(value_at(field, w, x, y), encoded(in ? -nearest : nearest)) << "at " << x << "," << y;
    }
}

TEST(Sdf, PartialCoverageSitsOnTheEdge) {
  // One column fully inside, then half, then empty: the half pixel is the edge (d = 0 → 191).
  const unsigned char coverage[3] = {255, 128, 0};
  const std::string field = signed_distance_field(coverage, 3, 1, 3, SdfSettings{0, 8, 0.25});
  ASSERT_EQ(field.size(), 3u);
  EXPECT_EQ(value_at(field, 3, 1, 0), encoded(-(128 / 255.0 - 0.5)));
  EXPECT_GT(value_at(field, 3, 0, 0), 191);  // inside
  EXPECT_LT(value_at(field, 3, 2, 0), 191);  // outside
}

TEST(Sdf, FarPixelsClampToZeroAndDeepOnesTo255) {
  // A 40 px wide filled glyph: its centre is 20 px deep, well past the 8 px radius's range
  // inside (255 at 0.25·8 = 2 px), and the buffer with a 30 px halo would clamp to 0.
  std::vector<unsigned char> coverage(40 * 40, 255);
  const std::string field = signed_distance_field(coverage.data(), 40, 40, 40, SdfSettings{30, 8, 0.25});
  const int w = 100;
  EXPECT_EQ(value_at(field, w, 50, 50), 255);
  EXPECT_EQ(value_at(field, w, 0, 0), 0);
}

TEST(Sdf, NegativePitchReadsRowsUpward) {
  // A bottom-up bitmap: rows in memory bottom first, pitch −width from the top row's pointer.
  const unsigned char bottom_up[2 * 2] = {0, 0, 255, 255};  // memory: bottom row, then top row
  const unsigned char top_down[2 * 2] = {255, 255, 0, 0};
  EXPECT_EQ(signed_distance_field(bottom_up + 2, 2, 2, -2), signed_distance_field(top_down, 2, 2, 2));
}
