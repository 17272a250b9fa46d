// The derived cache: shared values, a byte budget kept by least-recently-used eviction, and
// keys compared in full.
#include "store/derived_cache.h"

#include <gtest/gtest.h>

#include <atomic>

using namespace onemap::store;

namespace {

// A derived value of a given size.
struct Blob {
  std::size_t size;
  int id;
  std::size_t bytes() const { return size; }
};

template <typename Cache>
std::shared_ptr<const Blob> get(Cache& cache, const std::string& key, std::size_t size, int id, int* builds = nullptr) {
  return cache.template get_or_build<Blob>(key, [&] {
    if (builds) ++*builds;
    return std::make_shared<const Blob>(Blob{size, id});
  });
}

// Every key lands in the same bucket: only comparing keys in full tells them apart.
struct CollidingHash {
  std::size_t operator()(const std::string&) const { return 42; }
};

}  // namespace

TEST(DerivedCache, BuildsOnceAndShares) {
  DerivedCache cache(1 << 20);
  int builds = 0;
  auto a = get(cache, "k", 100, 1, &builds);
  auto b = get(cache, "k", 100, 2, &builds);
  EXPECT_EQ(builds, 1);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(cache.size(), 1u);
}

TEST(DerivedCache, AThousandFiltersStayWithinTheBudget) {
  const std::size_t budget = 64 * 1024;
  DerivedCache cache(budget);
  for (int i = 0; i < 1000; ++i) {
    std::string filter = "nearest;layer=9:farmland;where={8:category=[s5:类别" + std::to_string(i) + ",]}";
    auto value = get(cache, filter, 1000, i);
    EXPECT_EQ(value->id, i);  // the caller always gets its own value
    ASSERT_LE(cache.bytes(), budget) << "after filter " << i;
  }
  EXPECT_GT(cache.size(), 10u);   // it does keep what fits
  EXPECT_LT(cache.size(), 100u);  // … and no more
}

TEST(DerivedCache, EvictsTheLeastRecentlyUsed) {
  DerivedCache cache(3 * (1000 + 128 + 1));  // three entries of 1000 bytes with a one-letter key
  int builds = 0;
  get(cache, "a", 1000, 1, &builds);
  get(cache, "b", 1000, 2, &builds);
  get(cache, "c", 1000, 3, &builds);
  get(cache, "a", 1000, 1, &builds);  // a is now the most recent
  get(cache, "d", 1000, 4, &builds);  // b goes
  EXPECT_EQ(builds, 4);
  get(cache, "a", 1000, 1, &builds);
  get(cache, "c", 1000, 3, &builds);
  get(cache, "d", 1000, 4, &builds);
  EXPECT_EQ(builds, 4);
  get(cache, "b", 1000, 2, &builds);
  EXPECT_EQ(builds, 5);
}

TEST(DerivedCache, AValueLargerThanTheBudgetIsServedNotKept) {
  DerivedCache cache(1000);
  int builds = 0;
  auto big = get(cache, "big", 5000, 1, &builds);
  EXPECT_EQ(big->id, 1);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  get(cache, "big", 5000, 1, &builds);
  EXPECT_EQ(builds, 2);
  DerivedCache none(0);  // derived_cache_mb: 0 keeps nothing
  EXPECT_EQ(get(none, "x", 1, 7)->id, 7);
  EXPECT_EQ(none.size(), 0u);
}

TEST(DerivedCache, KeysWithTheSameHashDoNotShareAnEntry) {
  BasicDerivedCache<CollidingHash> cache(1 << 20);
  auto a = get(cache, "nearest;reach=1000", 10, 1);
  auto b = get(cache, "nearest;reach=3000", 10, 2);
  EXPECT_EQ(a->id, 1);
  EXPECT_EQ(b->id, 2);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(get(cache, "nearest;reach=1000", 10, 3)->id, 1);
}

TEST(DerivedCache, AKeyHoldsOneType) {
  DerivedCache cache(1 << 20);
  get(cache, "k", 10, 1);
  struct Other {
    std::size_t bytes() const { return 1; }
  };
  EXPECT_THROW(cache.get_or_build<Other>("k", [] { return std::make_shared<const Other>(); }), std::logic_error);
}
