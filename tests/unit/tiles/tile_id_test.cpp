#include "tiles/tile_id.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace onemap::tiles;

TEST(TileId, ZoomZeroIsTheWholeWebMercatorSquare) {
  auto b = tile_bounds({0, 0, 0});
  EXPECT_DOUBLE_EQ(b.min_x, -kMercatorHalfWidth);
  EXPECT_DOUBLE_EQ(b.max_x, kMercatorHalfWidth);
  EXPECT_DOUBLE_EQ(b.min_y, -kMercatorHalfWidth);
  EXPECT_DOUBLE_EQ(b.max_y, kMercatorHalfWidth);
  EXPECT_EQ(tile_at(112.6, 35.1, 0), (TileId{0, 0, 0}));
}

TEST(TileId, LastColumnAndRowEndExactlyAtTheWorldEdge) {
  for (int z : {1, 7, 18, kMaxZoom}) {
    const std::uint32_t last = tiles_per_side(z) - 1;
    auto b = tile_bounds({z, last, last});
    EXPECT_EQ(b.max_x, kMercatorHalfWidth) << z;
    EXPECT_EQ(b.min_y, -kMercatorHalfWidth) << z;
    EXPECT_LT(b.min_x, b.max_x);
    EXPECT_LT(b.min_y, b.max_y);
  }
}

TEST(TileId, NeighboursShareBitIdenticalEdges) {
  for (std::uint32_t x = 0; x < 1000; x += 37) {
    EXPECT_EQ(tile_bounds({14, x, 6000}).max_x, tile_bounds({14, x + 1, 6000}).min_x);
    EXPECT_EQ(tile_bounds({14, 13000, x}).min_y, tile_bounds({14, 13000, x + 1}).max_y);
  }
}

TEST(TileId, MakeTileIdChecksZoomAndRange) {
  EXPECT_TRUE(make_tile_id(0, 0, 0));
  EXPECT_FALSE(make_tile_id(0, 1, 0));
  EXPECT_FALSE(make_tile_id(-1, 0, 0));
  EXPECT_FALSE(make_tile_id(25, 0, 0));
  EXPECT_TRUE(make_tile_id(24, (1 << 24) - 1, (1 << 24) - 1));
  EXPECT_FALSE(make_tile_id(24, 1 << 24, 0));
  EXPECT_FALSE(make_tile_id(10, 5, 1024));
  EXPECT_FALSE(make_tile_id(10, -1, 5));
}

TEST(TileId, TileAtMatchesTheSlippyMapFormula) {
  // x = (lon + 180) / 360 · 2^z, y = (1 − ln(tan φ + sec φ) / π) / 2 · 2^z: 832.28, 405.26 at z 10.
  EXPECT_EQ(tile_at(112.6, 35.1, 10), (TileId{10, 832, 405}));
  EXPECT_EQ(tile_at(-0.1, 51.5, 1), (TileId{1, 0, 0}));
  EXPECT_EQ(tile_at(0.0, 0.0, 1), (TileId{1, 1, 1}));  // west and north edges belong to the tile
}

TEST(TileId, LatitudeIsClampedAtThePoles) {
  EXPECT_EQ(tile_at(10, 89.9, 5).y, 0u);
  EXPECT_EQ(tile_at(10, 90, 5).y, 0u);
  EXPECT_EQ(tile_at(10, -89.9, 5).y, 31u);
  EXPECT_EQ(tile_at(10, -90, 5).y, 31u);
  EXPECT_NEAR(lonlat_to_mercator({0, 90}).y, kMercatorHalfWidth, 1e-3);
  EXPECT_NEAR(mercator_to_lonlat({0, kMercatorHalfWidth}).y, kMaxLatitude, 1e-9);
}

TEST(TileId, LongitudeEdgesAndWrapping) {
  EXPECT_EQ(tile_at(180, 0, 3).x, 7u);  // the east edge stays in the last column
  EXPECT_EQ(tile_at(-180, 0, 3).x, 0u);
  EXPECT_EQ(tile_at(190, 0, 3).x, tile_at(-170, 0, 3).x);
  EXPECT_EQ(tile_at(-190, 0, 3).x, tile_at(170, 0, 3).x);
  EXPECT_EQ(tile_at(NAN, 0, 3), (TileId{3, 0, 0}));
}

TEST(TileId, MercatorBoxMapsToTheTilesLonLatBox) {
  const TileId t{10, 832, 405};
  auto ll = mercator_box_to_lonlat(tile_bounds(t));
  const double n = tiles_per_side(10);
  auto lat = [n](double y) { return std::atan(std::sinh(M_PI * (1 - 2 * y / n))) * 180 / M_PI; };
  EXPECT_NEAR(ll.min_x, 832 / n * 360 - 180, 1e-9);
  EXPECT_NEAR(ll.max_x, 833 / n * 360 - 180, 1e-9);
  EXPECT_NEAR(ll.max_y, lat(405), 1e-9);
  EXPECT_NEAR(ll.min_y, lat(406), 1e-9);
  // The top row reaches the pole, so features beyond ±85.05° are still found.
  EXPECT_EQ(mercator_box_to_lonlat(tile_bounds({2, 1, 0})).max_y, 90);
  EXPECT_EQ(mercator_box_to_lonlat(tile_bounds({2, 1, 3})).min_y, -90);
}
