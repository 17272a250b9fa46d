#include "encode/csv_writer.h"

#include "encode/json_text.h"

namespace onemap::encode {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A plain decimal number (-12.5, +3, 1e-5): Excel reads it as a number, never as a formula.
bool is_number_literal(std::string_view s) {
  std::size_t i = 0, digits = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  for (; i < s.size() && is_digit(s[i]); ++i) ++digits;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && is_digit(s[i]); ++i) ++digits;
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) ++exponent;
    if (exponent == 0) return false;
  }
  return i == s.size();
}

}  // namespace

bool is_formula_like(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return !is_number_literal(text);
    default:
      return false;
  }
}

void append_csv_field(std::string& out, std::string_view text) {
  std::string guarded;
  if (is_formula_like(text)) {  // OWASP: a leading quote makes Excel show the text, not run it
    guarded.reserve(text.size() + 1);
    guarded.append("'").append(text);
    text = guarded;
  }
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_csv_value(std::string& out, const store::ValueRef& value) {
  struct Visitor {
    std::string& out;
    void operator()(std::monostate) const {}
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t i) const { append_json_number(out, i); }
    void operator()(double d) const {
      std::string text;
      append_json_number(text, d);
      if (text != "null") out += text;
    }
    void operator()(std::string_view s) const { append_csv_field(out, s); }
  };
  std::visit(Visitor{out}, value);
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
}

}  // namespace onemap::encode
