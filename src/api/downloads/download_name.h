#pragma once
// Names of downloaded files that survive the trip: `{layer}-{township}-{YYYYMMDD}` (the
// township part only when one was asked for), sent with a Content-Disposition that carries the
// UTF-8 name (RFC 6266 / RFC 5987) beside an ASCII fallback, so 克井 arrives as 克井.
#include <chrono>
#include <string>
#include <string_view>

namespace onemap::api {

// The name without extension; characters no file name may hold (/ \ : * ? " < > | and control
// characters) become "_".
std::string download_name(std::string_view layer, std::string_view township,
                          std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

// attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded UTF-8>
std::string content_disposition(std::string_view filename);

}  // namespace onemap::api
