#include "catalog/secrets.h"

#include "util/text.h"

namespace onemap::catalog {
namespace {

constexpr std::string_view kMask = "***";

bool ends_value(char c) { return util::is_space(c) || c == '"' || c == '\'' || c == '&' || c == ';'; }

// Length of the value starting at text[i]: a quoted value up to its closing quote (a backslash
// escapes the next character, as libpq reads it), else up to a space, quote, '&' or ';'.
std::size_t value_length(std::string_view text, std::size_t i) {
  if (i < text.size() && (text[i] == '\'' || text[i] == '"')) {
    char quote = text[i];
    std::size_t j = i + 1;
    while (j < text.size() && text[j] != quote) j += text[j] == '\\' ? 2 : 1;
    return std::min(j + 1, text.size()) - i;
  }
  std::size_t j = i;
  while (j < text.size() && !ends_value(text[j])) ++j;
  return j - i;
}

// password=value → password=***
std::string mask_key_values(std::string_view text) {
  constexpr std::string_view kKey = "password";
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!util::istarts_with(text.substr(i), kKey)) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i + kKey.size();
    while (j < text.size() && text[j] == ' ') ++j;
    if (j >= text.size() || text[j] != '=') {
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    ++j;
    while (j < text.size() && text[j] == ' ') ++j;
    out.append(text.substr(i, kKey.size())).append("=").append(kMask);
    i = j + value_length(text, j);
  }
  return out;
}

// scheme://user:secret@host → scheme://user:***@host
std::string mask_uri_passwords(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  for (std::size_t scheme = text.find("://"); scheme != std::string_view::npos; scheme = text.find("://", i)) {
    std::size_t start = scheme + 3;
    std::size_t end = start;
    while (end < text.size() && !util::is_space(text[end]) && text[end] != '/' && text[end] != '?' &&
           text[end] != '#' && text[end] != '"' && text[end] != '\'')
      ++end;
    std::string_view authority = text.substr(start, end - start);
    std::size_t at = authority.rfind('@');
    std::size_t colon = at == std::string_view::npos ? std::string_view::npos : authority.substr(0, at).find(':');
    if (colon == std::string_view::npos) {
      out.append(text.substr(i, end - i));
    } else {
      out.append(text.substr(i, start + colon + 1 - i)).append(kMask).append(text.substr(start + at, end - start - at));
    }
    i = end;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace

std::string mask_secrets(std::string_view text) { return mask_uri_passwords(mask_key_values(text)); }

}  // namespace onemap::catalog
