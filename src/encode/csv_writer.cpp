#include "encode/csv_writer.h"

#include "encode/json_text.h"

namespace onemap::encode {

void append_csv_field(std::string& out, std::string_view text) {
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

void append_csv_value(std::string& out, const store::Value& value) {
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
    void operator()(const std::string& s) const { append_csv_field(out, s); }
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
