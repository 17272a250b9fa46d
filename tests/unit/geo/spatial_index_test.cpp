#include "geo/spatial_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace onemap::geo;

namespace {

std::vector<std::uint32_t> query(const SpatialIndex& index, const Envelope& box) {
  std::vector<std::uint32_t> hits;
  index.query(box, hits);
  std::sort(hits.begin(), hits.end());
  return hits;
}

// Unit boxes at x = 0, 10, 20, … along y = 0; item 2 has no geometry.
std::vector<Envelope> row_of_boxes() {
  std::vector<Envelope> boxes;
  for (int i = 0; i < 6; ++i) boxes.push_back({10.0 * i, 0, 10.0 * i + 1, 1});
  boxes[2] = Envelope{};
  return boxes;
}

double gap(const Envelope& a, const Envelope& b) {
  return std::hypot(std::max({0.0, a.min_x - b.max_x, b.min_x - a.max_x}),
                    std::max({0.0, a.min_y - b.max_y, b.min_y - a.max_y}));
}

}  // namespace

TEST(SpatialIndex, QueryFindsIntersectingEnvelopesAndSkipsEmptyOnes) {
  SpatialIndex index(row_of_boxes());
  EXPECT_EQ(index.size(), 5u);
  EXPECT_EQ(query(index, {0.5, 0.5, 10.5, 0.6}), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(query(index, {19, -1, 22, 2}), (std::vector<std::uint32_t>{}));  // item 2 has none
  EXPECT_EQ(query(index, {50, 1, 50, 1}), (std::vector<std::uint32_t>{5}));  // a corner touches
  EXPECT_EQ(query(index, Envelope{}), (std::vector<std::uint32_t>{}));
}

TEST(SpatialIndex, SubsetHoldsOnlyTheListedItems) {
  SpatialIndex index(row_of_boxes(), {0, 2, 3});
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(query(index, {-5, -5, 100, 5}), (std::vector<std::uint32_t>{0, 3}));
}

TEST(SpatialIndex, NearestByTheCallersDistance) {
  std::vector<Envelope> boxes = row_of_boxes();
  SpatialIndex index(boxes);
  Envelope probe{23, 0, 23, 0};
  auto distance = [&](std::uint32_t i) { return gap(probe, boxes[i]); };
  auto hit = index.nearest(probe, distance);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->item, 3u);  // box 3 spans x 30..31: 7 away; box 1 spans 10..11: 12 away
  EXPECT_DOUBLE_EQ(hit->distance, 7.0);

  // Item 0 is found too (GEOS reserves the null item for "none").
  Envelope origin{-2, 0, -2, 0};
  hit = index.nearest(origin, [&](std::uint32_t i) { return gap(origin, boxes[i]); });
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->item, 0u);

  // Passed-over items are skipped; all passed over is no answer.
  hit = index.nearest(probe,
                      [&](std::uint32_t i) { return i == 3 ? std::numeric_limits<double>::infinity() : distance(i); });
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->item, 1u);
  EXPECT_FALSE(index.nearest(probe, [](std::uint32_t) { return std::numeric_limits<double>::infinity(); }));
  EXPECT_FALSE(SpatialIndex(std::vector<Envelope>{}).nearest(probe, distance));
}
