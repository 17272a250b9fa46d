#include "api/query_params.h"

#include "api/errors.h"

namespace onemap::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
      if (lo < 0) throw BadRequest("malformed percent-encoding in '" + std::string(text.substr(0, 200)) + "'");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

ParsedTarget parse_target(std::string_view target) {
  ParsedTarget parsed;
  std::string_view path = target.substr(0, target.find('?'));
  std::string_view query = path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view{};
  if (auto hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);

  for (std::size_t start = 0; start <= path.size();) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parsed.segments.push_back(percent_decode(path.substr(start, end - start), false));
    start = end + 1;
  }
  for (std::size_t start = 0; start < query.size();) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string name = percent_decode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true);
    if (!parsed.params.emplace(name, value).second)
      throw BadRequest("query parameter '" + name + "' is given more than once");
  }
  return parsed;
}

void reject_unknown_params(const std::map<std::string, std::string>& params, const std::set<std::string>& allowed) {
  for (const auto& [name, value] : params) {
    if (allowed.count(name)) continue;
    std::string list;
    for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw BadRequest("unknown query parameter '" + name + "'; this resource accepts: " + list, "UnknownParameter");
  }
}

}  // namespace onemap::api
