#pragma once
// Percent-decoding (RFC 3986 §2.1), shared by the API's target parser and the HTTP layer's log
// masking, which must read a parameter's name exactly as the API will.
#include <optional>
#include <string>
#include <string_view>

namespace onemap::util {

// The decoded text; '+' read as a space when `plus_is_space` (query strings). Null when a '%' is
// not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace onemap::util
