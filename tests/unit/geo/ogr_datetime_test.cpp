#include "geo/ogr_datetime.h"

#include <gtest/gtest.h>
#include <ogr_core.h>

using namespace onemap::geo;

namespace {

// OGR's TZFlag counts quarter hours from 100 (UTC); 0 is unknown, 1 local time.
OGRField date_time(int y, int mo, int d, int h, int mi, float s, int tz_flag) {
  OGRField f{};
  f.Date.Year = static_cast<GInt16>(y);
  f.Date.Month = static_cast<GByte>(mo);
  f.Date.Day = static_cast<GByte>(d);
  f.Date.Hour = static_cast<GByte>(h);
  f.Date.Minute = static_cast<GByte>(mi);
  f.Date.Second = s;
  f.Date.TZFlag = static_cast<GByte>(tz_flag);
  return f;
}

}  // namespace

TEST(OgrDateTime, DateOnly) { EXPECT_EQ(iso8601_date(date_time(2024, 5, 1, 0, 0, 0, 0)), "2024-05-01"); }

TEST(OgrDateTime, OffsetsAreKept) {
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 0, 0, 0, 100)), "2024-05-01T00:00:00Z");
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 8, 30, 15, 100 + 32)), "2024-05-01T08:30:15+08:00");
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 8, 30, 15, 100 - 22)), "2024-05-01T08:30:15-05:30");
  EXPECT_EQ(iso8601_datetime(date_time(2024, 12, 31, 23, 59, 59, 100 + 23)), "2024-12-31T23:59:59+05:45");
}

TEST(OgrDateTime, UnknownAndLocalTimeHaveNoSuffix) {
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 10, 0, 0, 0)), "2024-05-01T10:00:00");
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 10, 0, 0, 1)), "2024-05-01T10:00:00");
}

TEST(OgrDateTime, MillisecondsAreKept) {
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 8, 30, 15.25f, 132)), "2024-05-01T08:30:15.250+08:00");
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 8, 30, 59.999f, 100)), "2024-05-01T08:30:59.999Z");
  EXPECT_EQ(iso8601_datetime(date_time(2024, 5, 1, 8, 30, 0.001f, 0)), "2024-05-01T08:30:00.001");
}
