#include "geo/reprojector.h"

#include <gtest/gtest.h>

using namespace onemap::geo;

TEST(Reprojector, CentralMeridianMapsToFalseEasting) {
  // EPSG:4547 is a transverse Mercator on 114E with a 500 km false easting.
  Coord c = Reprojector(kCrs84.gis_order(), Crs{4547}.gis_order()).transform(Coord{114.0, 35.0});
  EXPECT_NEAR(c.x, 500000.0, 1e-6);
  EXPECT_GT(c.y, 3.8e6);
  EXPECT_LT(c.y, 3.9e6);
}

TEST(Reprojector, AuthorityOrderPutsNorthingFirst) {
  Coord gis = Reprojector(kCrs84.gis_order(), Crs{4547}.gis_order()).transform(Coord{112.6, 35.1});
  Coord authority = Reprojector(kCrs84.gis_order(), Crs{4547}.authority_order()).transform(Coord{112.6, 35.1});
  EXPECT_DOUBLE_EQ(gis.x, authority.y);
  EXPECT_DOUBLE_EQ(gis.y, authority.x);
  Coord latlon = Reprojector(kCrs84.gis_order(), Crs{4326}.authority_order()).transform(Coord{112.6, 35.1});
  EXPECT_NEAR(latlon.x, 35.1, 1e-12);
  EXPECT_NEAR(latlon.y, 112.6, 1e-12);
}

TEST(Reprojector, WebMercatorOfKnownPoint) {
  // x = R * lon in radians, R = 6378137.
  Coord c = Reprojector(kCrs84.gis_order(), kWebMercator.gis_order()).transform(Coord{180.0, 0.0});
  EXPECT_NEAR(c.x, 20037508.342789244, 1e-6);
  EXPECT_NEAR(c.y, 0.0, 1e-6);
}

TEST(Reprojector, RoundTripThroughGaussKruger) {
  Coord start{112.58, 35.09};
  Coord metric = Reprojector(Crs{4490}.gis_order(), Crs{4547}.gis_order()).transform(start);
  Coord back = Reprojector(Crs{4547}.gis_order(), Crs{4490}.gis_order()).transform(metric);
  EXPECT_NEAR(back.x, start.x, 1e-9);
  EXPECT_NEAR(back.y, start.y, 1e-9);
}

TEST(Reprojector, UnknownCrsThrows) {
  EXPECT_THROW(Reprojector(CrsDef{"EPSG:999999", true}, kCrs84.gis_order()), std::runtime_error);
}

TEST(Reprojector, CachePerThreadReturnsSameObject) {
  const Reprojector& a = Reprojector::for_this_thread(kCrs84.gis_order(), kWebMercator.gis_order());
  const Reprojector& b = Reprojector::for_this_thread(kCrs84.gis_order(), kWebMercator.gis_order());
  EXPECT_EQ(&a, &b);
}
