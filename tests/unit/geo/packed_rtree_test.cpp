// The packed R-tree against brute force on random boxes with a fixed seed: box queries give
// exactly the intersecting items, the nearest search exactly the nearest within the limit.
#include "geo/packed_rtree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace onemap::geo;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double gap(const Envelope& a, const Envelope& b) {
  return std::hypot(std::max({0.0, a.min_x - b.max_x, b.min_x - a.max_x}),
                    std::max({0.0, a.min_y - b.max_y, b.min_y - a.max_y}));
}

// Boxes in a metric CRS's range (coordinates in the millions), some empty, some on one grid so
// that distances tie.
std::vector<Envelope> random_boxes(std::mt19937& rng, int n) {
  std::uniform_real_distribution<double> at(0, 20000), size(0, 300);
  std::vector<Envelope> boxes;
  for (int i = 0; i < n; ++i) {
    if (i % 17 == 5) {
      boxes.push_back(Envelope{});
      continue;
    }
    double x = 500000 + (i % 3 == 0 ? std::floor(at(rng) / 1000) * 1000 : at(rng));
    double y = 3800000 + (i % 3 == 0 ? std::floor(at(rng) / 1000) * 1000 : at(rng));
    double w = i % 5 == 0 ? 0 : size(rng), h = i % 5 == 0 ? 0 : size(rng);  // every fifth a point
    boxes.push_back({x, y, x + w, y + h});
  }
  return boxes;
}

std::vector<std::uint32_t> sorted_query(const PackedRTree& tree, const Envelope& box) {
  std::vector<std::uint32_t> out;
  tree.query(box, out);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(PackedRTree, QueryFindsExactlyTheIntersectingBoxes) {
  std::mt19937 rng(7);
  for (int n : {0, 1, 15, 16, 17, 255, 256, 257, 3000}) {
    std::vector<Envelope> boxes = random_boxes(rng, n);
    PackedRTree tree(boxes);
    EXPECT_EQ(tree.size(), static_cast<std::size_t>(std::count_if(boxes.begin(), boxes.end(),
                                                                  [](const Envelope& b) { return !b.empty(); })));
    std::uniform_real_distribution<double> at(-500, 20500), size(0, 3000);
    for (int q = 0; q < 200; ++q) {
      double x = 500000 + at(rng), y = 3800000 + at(rng);
      Envelope box{x, y, x + (q % 4 == 0 ? 0 : size(rng)), y + (q % 4 == 0 ? 0 : size(rng))};
      std::vector<std::uint32_t> want;
      for (std::uint32_t i = 0; i < boxes.size(); ++i)
        if (box.intersects(boxes[i])) want.push_back(i);
      ASSERT_EQ(sorted_query(tree, box), want) << n << " boxes, query " << q;
    }
    // A box touching an item's corner finds it; an empty box finds nothing.
    for (std::uint32_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i].empty()) continue;
      Envelope corner{boxes[i].max_x, boxes[i].max_y, boxes[i].max_x + 1, boxes[i].max_y + 1};
      std::vector<std::uint32_t> hits = sorted_query(tree, corner);
      EXPECT_TRUE(std::binary_search(hits.begin(), hits.end(), i));
      break;
    }
    EXPECT_TRUE(sorted_query(tree, Envelope{}).empty());
  }
}

TEST(PackedRTree, SubsetHoldsOnlyTheListedItems) {
  std::vector<Envelope> boxes = {{0, 0, 1, 1}, {10, 0, 11, 1}, Envelope{}, {30, 0, 31, 1}};
  PackedRTree tree(boxes, {0, 2, 3});
  EXPECT_EQ(tree.size(), 2u);
  EXPECT_EQ(sorted_query(tree, {-5, -5, 100, 5}), (std::vector<std::uint32_t>{0, 3}));
  EXPECT_THROW(PackedRTree(boxes, {7}), std::out_of_range);
}

TEST(PackedRTree, NearestIsTheBruteForceNearestWithinTheLimitTiesToTheLowerItem) {
  std::mt19937 rng(11);
  std::vector<Envelope> boxes = random_boxes(rng, 4000);
  // An exact distance at least the box distance, often equal (ties), some items passed over.
  std::vector<double> extra(boxes.size());
  for (std::size_t i = 0; i < extra.size(); ++i) extra[i] = i % 7 == 0 ? kInf : i % 2 ? 0 : std::floor(rng() % 50);
  PackedRTree tree(boxes);
  std::uniform_real_distribution<double> at(-2000, 22000), size(0, 500);
  for (int q = 0; q < 500; ++q) {
    double x = 500000 + (q % 3 == 0 ? std::floor(at(rng) / 1000) * 1000 : at(rng));
    double y = 3800000 + (q % 3 == 0 ? std::floor(at(rng) / 1000) * 1000 : at(rng));
    Envelope from{x, y, x + (q % 2 ? size(rng) : 0), y + (q % 2 ? size(rng) : 0)};
    auto distance = [&](std::uint32_t i) { return gap(from, boxes[i]) + extra[i]; };
    for (double limit : {0.0, 10.0, 700.0, 5000.0, kInf}) {
      std::optional<PackedRTree::Hit> want;
      for (std::uint32_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].empty()) continue;
        double d = distance(i);
        if (std::isfinite(d) && d <= limit && (!want || d < want->distance)) want = PackedRTree::Hit{i, d};
      }
      auto got = tree.nearest(from, limit, distance);
      ASSERT_EQ(got.has_value(), want.has_value()) << "query " << q << ", limit " << limit;
      if (!got) continue;
      EXPECT_EQ(got->item, want->item) << "query " << q << ", limit " << limit;
      EXPECT_EQ(got->distance, want->distance);
    }
  }
}

// With Items::AllCount a point's search also prunes by the boxes' upper bound; each item here is
// its box's diagonal (a geometry touching every side of its envelope).
TEST(PackedRTree, NearestWhenEveryItemCountsIsStillTheBruteForceNearest) {
  std::mt19937 rng(13);
  std::vector<Envelope> boxes = random_boxes(rng, 4000);
  PackedRTree tree(boxes);
  auto to_diagonal = [&](Coord p, std::uint32_t i) {
    const Envelope& b = boxes[i];
    const double dx = b.max_x - b.min_x, dy = b.max_y - b.min_y, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - b.min_x) * dx + (p.y - b.min_y) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - (b.min_x + t * dx), p.y - (b.min_y + t * dy));
  };
  std::uniform_real_distribution<double> at(-2000, 22000);
  for (int q = 0; q < 500; ++q) {
    // Some points on the grid the tied boxes use: equal distances to several items.
    const Coord p{500000 + (q % 3 == 0 ? std::floor(at(rng) / 1000) * 1000 : at(rng)),
                  3800000 + (q % 3 == 0 ? std::floor(at(rng) / 1000) * 1000 : at(rng))};
    auto distance = [&](std::uint32_t i) { return to_diagonal(p, i); };
    for (double limit : {0.0, 10.0, 700.0, kInf}) {
      std::optional<PackedRTree::Hit> want;
      for (std::uint32_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].empty()) continue;
        double d = distance(i);
        if (d <= limit && (!want || d < want->distance)) want = PackedRTree::Hit{i, d};
      }
      auto got = tree.nearest(Envelope{p.x, p.y, p.x, p.y}, limit, distance, PackedRTree::Items::AllCount);
      ASSERT_EQ(got.has_value(), want.has_value()) << "query " << q << ", limit " << limit;
      if (!got) continue;
      EXPECT_EQ(got->item, want->item) << "query " << q << ", limit " << limit;
      EXPECT_EQ(got->distance, want->distance);
    }
  }
}

TEST(PackedRTree, NearestAsksOnlyForItemsThatCanWin) {
  // A row of unit boxes 10 apart: from the first, only the first few are measured.
  std::vector<Envelope> boxes;
  for (int i = 0; i < 1000; ++i) boxes.push_back({10.0 * i, 0, 10.0 * i + 1, 1});
  PackedRTree tree(boxes);
  int asked = 0;
  auto hit = tree.nearest(Envelope{-3, 0, -3, 0}, kInf, [&](std::uint32_t i) {
    ++asked;
    return gap(Envelope{-3, 0, -3, 0}, boxes[i]);
  });
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->item, 0u);
  EXPECT_EQ(hit->distance, 3.0);
  EXPECT_EQ(asked, 1);
}

TEST(PackedRTree, EmptyTreesAndPassedOverItemsGiveNoAnswer) {
  PackedRTree empty(std::vector<Envelope>{Envelope{}});
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_FALSE(empty.nearest(Envelope{0, 0, 0, 0}, kInf, [](std::uint32_t) { return 0.0; }));
  PackedRTree one(std::vector<Envelope>{{5, 5, 6, 6}});
  EXPECT_FALSE(one.nearest(Envelope{0, 0, 0, 0}, kInf, [](std::uint32_t) { return kInf; }));
  EXPECT_FALSE(one.nearest(Envelope{}, kInf, [](std::uint32_t) { return 1.0; }));
  auto hit = one.nearest(Envelope{0, 0, 0, 0}, kInf, [](std::uint32_t) { return 9.0; });
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->item, 0u);
  EXPECT_GT(one.bytes(), sizeof(PackedRTree));
}

TEST(PackedRTree, HilbertSortedIsAPermutationEmptiesFirstNeighboursTogether) {
  // A 4 × 4 grid of unit boxes, listed row by row, and one empty box.
  std::vector<Envelope> boxes;
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) boxes.push_back({10.0 * x, 10.0 * y, 10.0 * x + 1, 10.0 * y + 1});
  boxes.push_back(Envelope{});
  std::vector<std::uint32_t> items(boxes.size());
  for (std::uint32_t i = 0; i < items.size(); ++i) items[i] = i;
  std::vector<std::uint32_t> order = PackedRTree::hilbert_sorted(boxes, items);
  EXPECT_EQ(order.front(), 16u);
  std::vector<std::uint32_t> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, items);
  // Along a Hilbert curve each box is next to the one before it.
  for (std::size_t k = 2; k < order.size(); ++k) EXPECT_EQ(gap(boxes[order[k - 1]], boxes[order[k]]), 9.0) << k;
  std::reverse(items.begin(), items.end());
  EXPECT_EQ(PackedRTree::hilbert_sorted(boxes, items), order);
}
