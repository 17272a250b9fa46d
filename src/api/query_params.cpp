#include "api/query_params.h"

#include "api/errors.h"
#include "util/percent.h"

namespace onemap::api {

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::optional<std::string> decoded = util::percent_decode(text, plus_is_space);
  if (!decoded) throw BadRequest("malformed percent-encoding in '" + std::string(text.substr(0, 200)) + "'");
  return std::move(*decoded);
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

  std::string canonical;
  bool empty_segment = false;
  for (std::size_t start = path.starts_with('/') ? 1 : 0; start <= path.size();) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) {
      parsed.segments.push_back(percent_decode(path.substr(start, end - start), false));
      canonical.append("/").append(path.substr(start, end - start));
    } else if (path.size() > 1) {  // "/" alone is the landing page, not an empty segment
      empty_segment = true;
    }
    start = end + 1;
  }
  if (empty_segment) parsed.canonical_path = canonical.empty() ? "/" : canonical;
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
