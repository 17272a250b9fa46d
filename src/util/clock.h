#pragma once
// Wall-clock times as the API writes them: RFC 3339 in UTC, and Unix seconds.
#include <chrono>
#include <cstdint>
#include <string>

namespace onemap::util {

using WallTime = std::chrono::system_clock::time_point;

// "2026-11-30T02:53:43.123Z" (UTC, milliseconds).
std::string rfc3339(WallTime t);

inline std::int64_t unix_seconds(WallTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
inline std::int64_t unix_now() { return unix_seconds(std::chrono::system_clock::now()); }

}  // namespace onemap::util
