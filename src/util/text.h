#pragma once
// ASCII text helpers for protocol tokens, config keys and CRS names. They never touch bytes
// ≥ 0x80, so UTF-8 (Chinese layer names, values) passes through unchanged.
#include <algorithm>
#include <string>
#include <string_view>

namespace onemap::util {

inline constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// `s` without leading and trailing ASCII white space.
inline constexpr std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Equal ignoring ASCII case.
inline constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// Where `needle` first stands in `haystack`, ignoring ASCII case; npos when nowhere.
inline std::size_t ifind(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
  return it == haystack.end() && !needle.empty() ? std::string_view::npos
                                                 : static_cast<std::size_t>(it - haystack.begin());
}

inline constexpr bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace onemap::util
