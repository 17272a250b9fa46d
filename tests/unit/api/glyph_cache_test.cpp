#include "api/fonts/glyph_cache.h"

#include <gtest/gtest.h>

using onemap::api::GlyphCache;
using onemap::http::make_cached_body;

TEST(GlyphCache, ARangeIsKeptForTheConfigurationItWasDrawnFrom) {
  GlyphCache cache;
  EXPECT_EQ(cache.get(1, 0), nullptr);
  auto latin = make_cached_body(std::string(1000, 'a'), true);
  cache.put(1, 0, latin);
  EXPECT_EQ(cache.get(1, 0), latin);
  EXPECT_EQ(cache.get(1, 256), nullptr);          // another range
  EXPECT_EQ(cache.get(2, 0), nullptr);            // another configuration
  EXPECT_EQ(cache.get(1, 65536 + 256), nullptr);  // past the last range: never kept
  EXPECT_EQ(cache.bytes(), latin->bytes.size() + latin->gzipped.size());
}

TEST(GlyphCache, ANewerConfigurationEmptiesWhatAnOlderDrew) {
  GlyphCache cache;
  cache.put(1, 0, make_cached_body("old", true));
  cache.put(1, 19968, make_cached_body("old cjk", true));
  auto fresh = make_cached_body("new", true);
  cache.put(2, 0, fresh);
  EXPECT_EQ(cache.get(2, 0), fresh);
  EXPECT_EQ(cache.get(2, 19968), nullptr);
  EXPECT_EQ(cache.get(1, 0), nullptr);
  cache.put(1, 512, make_cached_body("late", true));  // drawn from fonts a reload replaced
  EXPECT_EQ(cache.get(1, 512), nullptr);
  EXPECT_EQ(cache.get(2, 512), nullptr);
  EXPECT_EQ(cache.bytes(), 3u);
}
