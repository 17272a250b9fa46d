#pragma once
// The few primitives of writing JSON text by hand, for the streams of features where building a
// DOM first would cost more than the encoding itself.
#include "store/value.h"

#include <string>
#include <string_view>

namespace onemap::encode {

// Appends `text` as a JSON string literal. Invalid UTF-8 is replaced by U+FFFD so the output is
// always valid JSON.
void append_json_string(std::string& out, std::string_view text);

// Shortest text that reads back as the same double; non-finite values become null.
void append_json_number(std::string& out, double value);
void append_json_number(std::string& out, std::int64_t value);

void append_json_value(std::string& out, const store::ValueRef& value);

}  // namespace onemap::encode
