#pragma once
// CSV ledgers (台账) for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as
// the system code page), RFC 4180 quoting, CRLF line ends.
#include "store/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace onemap::encode {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Appends one field, quoted when it holds a comma, quote, line break or edge space.
void append_csv_field(std::string& out, std::string_view text);
// A value as a CSV cell: null empty, booleans true/false, numbers in shortest form.
void append_csv_value(std::string& out, const store::Value& value);
// Appends the fields as one line, CRLF-terminated.
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace onemap::encode
