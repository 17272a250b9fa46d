#pragma once
// OGR's date and date-time field values as ISO 8601 text, as faithful as OGR keeps them: the
// time-zone offset as the source gave it ("Z", "+08:00"; none when unknown or local time) and
// milliseconds when the seconds have a fraction.
#include <ogr_core.h>  // OGRField: a typedef of an unnamed union, so it cannot be forward-declared

#include <string>

namespace onemap::geo {

std::string iso8601_date(const OGRField& field);      // 2024-05-01
std::string iso8601_datetime(const OGRField& field);  // 2024-05-01T08:30:15.250+08:00

}  // namespace onemap::geo
