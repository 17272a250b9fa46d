// The glyph route through the Api handler, as the server calls it but without sockets.
#include "api_test_support.h"
#include "catalog/font_files.h"
#include "glyph_decode.h"
#include "gunzip.h"

#include <gtest/gtest.h>

using namespace onemap;
using onemap::testing::ApiFixture;
using onemap::testing::decode_glyphs;
using field = http::beast_http::field;

namespace {

// The demo fixture, labelled with the fonts Debian installs (the catalog's default).
const ApiFixture& fixture() {
  static ApiFixture f([](catalog::Catalog& c) { c.fonts = catalog::default_fonts(); });
  return f;
}

bool have_fonts() { return !fixture().snapshot->catalog.fonts.empty(); }

}  // namespace

TEST(FontsApi, LatinRangeIsAGlyphPbf) {
  if (!have_fonts()) GTEST_SKIP() << "no fonts installed (install fonts-wqy-microhei)";
  auto r = fixture().get("/fonts/OneMap%20Sans/0-255.pbf");
  ASSERT_EQ(r.result_int(), 200) << r.body().text();
  EXPECT_EQ(r[field::content_type], "application/x-protobuf");
  EXPECT_EQ(r[field::cache_control], "public, max-age=86400");
  EXPECT_EQ(r[field::content_encoding], "");  // not asked for gzip
  EXPECT_EQ(r[field::access_control_allow_origin], "*");
  const std::string etag(r[field::etag]);
  EXPECT_TRUE(etag.starts_with("\"")) << etag;  // strong
  const auto stacks = decode_glyphs(std::string(r.body().text()));
  ASSERT_EQ(stacks.size(), 1u);
  EXPECT_EQ(stacks[0].range, "0-255");
  ASSERT_TRUE(stacks[0].glyphs.count(65));
  EXPECT_TRUE(stacks[0].glyphs.at(65).has_bitmap);
  EXPECT_GT(stacks[0].glyphs.at(32).advance, 0u);
}

TEST(FontsApi, EveryFontstackNameGetsTheSameGlyphs) {
  if (!have_fonts()) GTEST_SKIP() << "no fonts installed";
  auto one = fixture().get("/fonts/OneMap%20Sans/19968-20223.pbf");
  auto two = fixture().get("/fonts/Noto%20Sans%20Regular,Arial%20Unicode%20MS%20Regular/19968-20223.pbf");
  ASSERT_EQ(one.result_int(), 200) << one.body().text();
  EXPECT_EQ(one.body().text(), two.body().text());
  EXPECT_EQ(one[field::etag], two[field::etag]);
}

TEST(FontsApi, ChineseRangeHasTheIdeographs) {
  if (!have_fonts()) GTEST_SKIP() << "no fonts installed";
  auto r = fixture().get("/fonts/OneMap%20Sans/19968-20223.pbf");
  ASSERT_EQ(r.result_int(), 200) << r.body().text();
  const auto stacks = decode_glyphs(std::string(r.body().text()));
  ASSERT_EQ(stacks.size(), 1u);
  if (!stacks[0].glyphs.count(0x4E00)) GTEST_SKIP() << "the installed fonts have no Chinese";
  EXPECT_TRUE(stacks[0].glyphs.at(0x4E00).has_bitmap);
}

TEST(FontsApi, ARangeTheFontsLackIsAnEmptyFontstack) {
  if (!have_fonts()) GTEST_SKIP() << "no fonts installed";
  auto r = fixture().get("/fonts/OneMap%20Sans/57344-57599.pbf");  // private use area
  ASSERT_EQ(r.result_int(), 200) << r.body().text();
  const auto stacks = decode_glyphs(std::string(r.body().text()));
  ASSERT_EQ(stacks.size(), 1u);
  EXPECT_EQ(stacks[0].range, "57344-57599");
  EXPECT_TRUE(stacks[0].glyphs.empty());
}

TEST(FontsApi, BadRangesAreJsonProblems) {
  for (const char* bad :
       {"/fonts/OneMap%20Sans/0-255", "/fonts/OneMap%20Sans/0-255.json", "/fonts/OneMap%20Sans/1-256.pbf",
        "/fonts/OneMap%20Sans/0-511.pbf", "/fonts/OneMap%20Sans/65536-65791.pbf", "/fonts/OneMap%20Sans/a-b.pbf",
        "/fonts/OneMap%20Sans/0255.pbf", "/fonts/OneMap%20Sans/-256-0.pbf"}) {
    auto r = fixture().get(bad);
    EXPECT_EQ(r.result_int(), 400) << bad << ": " << r.body().text();
    EXPECT_EQ(r[field::content_type], "application/json") << bad;
    EXPECT_EQ(ApiFixture::body(r)["code"], "InvalidParameterValue") << bad;
  }
}

TEST(FontsApi, FontstackMustBeOneTo256Bytes) {
  auto too_long = fixture().get("/fonts/" + std::string(257, 'a') + "/0-255.pbf");
  EXPECT_EQ(too_long.result_int(), 400) << too_long.body().text();
  // 256 bytes once decoded: "%E4%B8%80" is three bytes of 一.
  std::string name;
  for (int i = 0; i < 85; ++i) name += "%E4%B8%80";
  name += "a";
  EXPECT_NE(fixture().get("/fonts/" + name + "/0-255.pbf").result_int(), 400);
  EXPECT_EQ(fixture().get("/fonts/" + name + "a/0-255.pbf").result_int(), 400);
  EXPECT_EQ(fixture().get("/fonts/%20/0-255.pbf").result_int(), have_fonts() ? 200 : 404);
}

TEST(FontsApi, EtagAndNotModified) {
  if (!have_fonts()) GTEST_SKIP() << "no fonts installed";
  auto r = fixture().get("/fonts/OneMap%20Sans/0-255.pbf");
  const std::string etag(r[field::etag]);
  auto again = fixture().get("/fonts/OneMap%20Sans/0-255.pbf", {{field::if_none_match, etag}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_EQ(again[field::etag], etag);
  EXPECT_EQ(again.body().text(), "");
  EXPECT_EQ(fixture().get("/fonts/OneMap%20Sans/256-511.pbf", {{field::if_none_match, etag}}).result_int(), 200);
}

TEST(FontsApi, GzipVariantDecompressesToTheSameBytes) {
  if (!have_fonts()) GTEST_SKIP() << "no fonts installed";
  auto plain = fixture().get("/fonts/OneMap%20Sans/19968-20223.pbf");
  auto gz = fixture().get("/fonts/OneMap%20Sans/19968-20223.pbf", {{field::accept_encoding, "gzip, deflate, br"}});
  ASSERT_EQ(gz.result_int(), 200);
  EXPECT_EQ(gz[field::content_encoding], "gzip");
  EXPECT_EQ(gz[field::vary], "Accept-Encoding");
  EXPECT_EQ(gz[field::etag], "W/" + std::string(plain[field::etag]));
  EXPECT_LT(gz.body().text().size(), plain.body().text().size());
  EXPECT_EQ(onemap::testing::gunzip(std::string(gz.body().text())), plain.body().text());
  // The weak ETag of the gzip variant is also "not modified".
  auto again =
      fixture().get("/fonts/OneMap%20Sans/19968-20223.pbf", {{field::if_none_match, std::string(gz[field::etag])}});
  EXPECT_EQ(again.result_int(), 304);
}

TEST(FontsApi, NoFontsIsANotFoundProblem) {
  ApiFixture none([](catalog::Catalog& c) { c.fonts.clear(); });
  auto r = none.get("/fonts/OneMap%20Sans/0-255.pbf");
  EXPECT_EQ(r.result_int(), 404);
  EXPECT_EQ(r[field::content_type], "application/json");
  EXPECT_NE(ApiFixture::body(r)["description"].get<std::string>().find("no fonts configured"), std::string::npos);
}

TEST(FontsApi, RouteIsListedInOpenApi) {
  auto doc = ApiFixture::body(fixture().get("/api"));
  EXPECT_TRUE(doc["paths"].contains("/fonts/{fontstack}/{range}.pbf"));
}

// Glyph ranges have a cache of their own: drawn once, never in the tile cache's budget.
TEST(FontsApi, RangesAreKeptInTheirOwnCacheNotTheTileCache) {
  if (!have_fonts()) GTEST_SKIP() << "no fonts installed";
  const ApiFixture f([](catalog::Catalog& c) { c.fonts = catalog::default_fonts(); });
  const auto first = f.get("/fonts/OneMap%20Sans/256-511.pbf", {{field::accept_encoding, "gzip"}});
  ASSERT_EQ(first.result_int(), 200) << first.body().text();
  const auto again = f.get("/fonts/OneMap%20Sans/256-511.pbf", {{field::accept_encoding, "gzip"}});
  EXPECT_EQ(again[field::etag], first[field::etag]);
  EXPECT_EQ(again.body().text(), first.body().text());
  const std::string metrics(f.get("/metrics").body().text());
  EXPECT_NE(metrics.find("onemap_tile_cache_entries 0\n"), std::string::npos) << metrics;
  const std::string sample = "\nonemap_glyph_cache_bytes ";
  const auto at = metrics.find(sample);
  ASSERT_NE(at, std::string::npos) << metrics;
  EXPECT_GT(std::stod(metrics.substr(at + sample.size())), 0.0);
}
