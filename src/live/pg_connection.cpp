#include "live/pg_connection.h"

#include <string_view>
#include <utility>
#include <vector>

namespace onemap::live {
namespace {

bool is_gdal_key(std::string_view key) {
  for (std::string_view k : {"tables", "schemas", "active_schema", "list_all_tables"})
    if (key == k) return true;
  return false;
}

// key=value pairs as libpq writes them: values may be single-quoted, with \' and \\ inside.
std::vector<std::pair<std::string, std::string>> pairs_of(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
  };
  while (true) {
    skip_space();
    if (i >= text.size()) break;
    std::size_t eq = text.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string key(text.substr(i, eq - i));
    while (!key.empty() && key.back() == ' ') key.pop_back();
    i = eq + 1;
    skip_space();
    std::string value;
    if (i < text.size() && text[i] == '\'') {
      for (++i; i < text.size() && text[i] != '\''; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i];
      }
      ++i;  // the closing quote
    } else {
      while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n') value += text[i++];
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::optional<std::string> conninfo_of(const std::string& source) {
  if (!source.starts_with("PG:")) return std::nullopt;
  std::string out;
  for (const auto& [key, value] : pairs_of(std::string_view(source).substr(3))) {
    if (is_gdal_key(key)) continue;
    out += (out.empty() ? "" : " ") + key + "=" + quoted(value);
  }
  return out;
}

std::string default_schema_of(const std::string& source) {
  if (source.starts_with("PG:"))
    for (const auto& [key, value] : pairs_of(std::string_view(source).substr(3)))
      if (key == "active_schema" && !value.empty()) return value;
  return "public";
}

std::string qualified_table(const std::string& source, const std::string& source_layer) {
  if (source_layer.find('.') != std::string::npos) return source_layer;
  return default_schema_of(source) + "." + source_layer;
}

}  // namespace onemap::live
