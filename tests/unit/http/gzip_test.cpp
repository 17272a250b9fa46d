#include "http/gzip.h"

#include "gunzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <stdexcept>
#include <string>

namespace onemap::http {
namespace {

using onemap::testing::gunzip;

void expect_round_trip(const std::string& input) {
  const std::string compressed = gzip_compress(input);
  ASSERT_GE(compressed.size(), 18U);  // 10-byte header + 8-byte trailer at least
  EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8b);
  EXPECT_EQ(gunzip(compressed), input);
}

TEST(GzipCompress, RoundTripsEmptyInput) { expect_round_trip(""); }

TEST(GzipCompress, RoundTripsShortText) { expect_round_trip(R"({"type":"FeatureCollection"})"); }

TEST(GzipCompress, RoundTripsBinaryWithNulBytes) { expect_round_trip(std::string("\x1a\x00\x12\x00\xff\x00", 6)); }

TEST(GzipCompress, ShrinksRepetitiveText) {
  std::string json;
  for (int i = 0; i < 5000; ++i) json += R"({"name":"乡镇","value":)" + std::to_string(i % 7) + "},";
  const std::string compressed = gzip_compress(json);
  EXPECT_LT(compressed.size(), json.size() / 5);
  EXPECT_EQ(gunzip(compressed), json);
}

TEST(GzipCompress, RoundTripsIncompressibleMegabyte) {
  std::mt19937 rng(42);
  std::string noise(1 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  expect_round_trip(noise);
}

TEST(AcceptsGzip, PlainGzip) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.5"));
  EXPECT_TRUE(accepts_gzip(" gzip ; q=1.0 "));
}

TEST(AcceptsGzip, AmongOtherCodings) {
  EXPECT_TRUE(accepts_gzip("deflate, gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
}

TEST(AcceptsGzip, QZeroRefuses) {
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000"));
  EXPECT_FALSE(accepts_gzip("deflate, gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0, *"));  // the explicit entry outranks the wildcard
}

TEST(AcceptsGzip, Wildcard) {
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("br, *;q=0.1"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_TRUE(accepts_gzip("gzip, *;q=0"));
}

TEST(AcceptsGzip, IsCaseInsensitive) {
  EXPECT_TRUE(accepts_gzip("GZIP"));
  EXPECT_TRUE(accepts_gzip("Deflate, GZip;Q=0.5"));
  EXPECT_FALSE(accepts_gzip("GZIP;Q=0"));
}

TEST(AcceptsGzip, RefusesWhenNotOffered) {
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("deflate, br"));
  EXPECT_FALSE(accepts_gzip("gzipx"));
  EXPECT_FALSE(accepts_gzip("gzip;q=abc"));
}

TEST(IsCompressibleType, CompressesTextJsonAndTiles) {
  EXPECT_TRUE(is_compressible_type("text/html; charset=utf-8"));
  EXPECT_TRUE(is_compressible_type("text/csv"));
  EXPECT_TRUE(is_compressible_type("application/json"));
  EXPECT_TRUE(is_compressible_type("application/geo+json"));
  EXPECT_TRUE(is_compressible_type("Application/JSON"));
  EXPECT_TRUE(is_compressible_type("application/javascript"));
  EXPECT_TRUE(is_compressible_type("application/xml"));
  EXPECT_TRUE(is_compressible_type("application/vnd.google-earth.kml+xml"));
  EXPECT_TRUE(is_compressible_type("application/vnd.mapbox-vector-tile"));
  EXPECT_TRUE(is_compressible_type("application/x-protobuf"));
}

TEST(IsCompressibleType, LeavesCompressedFormatsAlone) {
  EXPECT_FALSE(is_compressible_type(""));
  EXPECT_FALSE(is_compressible_type("image/png"));
  EXPECT_FALSE(is_compressible_type("application/zip"));
  EXPECT_FALSE(is_compressible_type("application/geopackage+sqlite3"));
  EXPECT_FALSE(is_compressible_type("application/octet-stream"));
}

}  // namespace
}  // namespace onemap::http
