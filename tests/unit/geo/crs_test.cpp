#include "geo/crs.h"

#include <gtest/gtest.h>

using namespace onemap::geo;

TEST(Crs, ParsesOgcUrisCuriesAndShortForms) {
  EXPECT_EQ(parse_crs("http://www.opengis.net/def/crs/OGC/1.3/CRS84"), kCrs84);
  EXPECT_EQ(parse_crs("http://www.opengis.net/def/crs/EPSG/0/4326")->epsg, 4326);
  EXPECT_EQ(parse_crs("[EPSG:4490]")->epsg, 4490);
  EXPECT_EQ(parse_crs("EPSG:4547")->epsg, 4547);
  EXPECT_EQ(parse_crs("epsg:3857")->epsg, 3857);
  EXPECT_EQ(parse_crs("CRS84"), kCrs84);
}

TEST(Crs, RejectsMalformedNames) {
  EXPECT_FALSE(parse_crs(""));
  EXPECT_FALSE(parse_crs("EPSG:"));
  EXPECT_FALSE(parse_crs("EPSG:abc"));
  EXPECT_FALSE(parse_crs("EPSG:-4326"));
  EXPECT_FALSE(parse_crs("http://www.opengis.net/def/crs/EPSG/0/"));
  EXPECT_FALSE(parse_crs("http://example.com/4326"));
}

TEST(Crs, UriRoundTrips) {
  for (int code : {4326, 4490, 3857, 4547}) EXPECT_EQ(parse_crs(Crs{code}.uri())->epsg, code);
  EXPECT_EQ(parse_crs(kCrs84.uri()), kCrs84);
}

TEST(Crs, GaussKrugerZoneFollowsTheCentralMeridian) {
  EXPECT_EQ(gauss_kruger_zone_for(112.6).epsg, 4547);  // Jiyuan: CM 114E
  EXPECT_EQ(gauss_kruger_zone_for(113.6).epsg, 4547);  // Zhengzhou
  EXPECT_EQ(gauss_kruger_zone_for(120.2).epsg, 4549);  // Hangzhou: CM 120E
  EXPECT_EQ(gauss_kruger_zone_for(75.0).epsg, 4534);
  EXPECT_EQ(gauss_kruger_zone_for(135.0).epsg, 4554);
  EXPECT_EQ(gauss_kruger_zone_for(10.0).epsg, 4534);  // clamped to the CGCS2000 zones
}
