#include "geo/ogr_datetime.h"

#include <ogr_core.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace onemap::geo {
namespace {

// OGR's TZFlag: 0 unknown, 1 local time, 100 UTC, 100 ± n an offset of n quarter hours.
std::string zone_suffix(int tz_flag) {
  if (tz_flag <= 1) return "";
  if (tz_flag == 100) return "Z";
  int minutes = (tz_flag - 100) * 15;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', std::abs(minutes) / 60,
                std::abs(minutes) % 60);
  return buf;
}

}  // namespace

std::string iso8601_date(const OGRField& field) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", field.Date.Year, field.Date.Month, field.Date.Day);
  return buf;
}

std::string iso8601_datetime(const OGRField& field) {
  // OGR keeps seconds as a float: milliseconds are all it holds exactly.
  long millis = std::lround(static_cast<double>(field.Date.Second) * 1000.0);
  char time[48];
  if (millis % 1000 == 0)
    std::snprintf(time, sizeof time, "T%02d:%02d:%02ld", field.Date.Hour, field.Date.Minute, millis / 1000);
  else
    std::snprintf(time, sizeof time, "T%02d:%02d:%02ld.%03ld", field.Date.Hour, field.Date.Minute, millis / 1000,
                  millis % 1000);
  return iso8601_date(field) + time + zone_suffix(field.Date.TZFlag);
}

}  // namespace onemap::geo
