#pragma once
// CSV ledgers (台账) for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as
// the system code page), RFC 4180 quoting, CRLF line ends. Text cells that a spreadsheet would
// run as a formula (CSV injection, OWASP) get a leading single quote; numbers are written as
// numbers, so a negative coordinate or distance stays a number.
#include "store/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace onemap::encode {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A text starting with =, +, -, @, tab or carriage return, other than a plain number (-12.5).
bool is_formula_like(std::string_view text);
// Appends one text cell: guarded with a leading ' when formula-like, then quoted when it holds a
// comma, quote, line break or edge space.
void append_csv_field(std::string& out, std::string_view text);
// A value as a CSV cell: null empty, booleans true/false, numbers in shortest form (never
// guarded), text through append_csv_field.
void append_csv_value(std::string& out, const store::ValueRef& value);
// Appends the fields as one line of text cells, CRLF-terminated (a field holding a plain
// number stays a number; write numbers with append_csv_value where you can).
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace onemap::encode
