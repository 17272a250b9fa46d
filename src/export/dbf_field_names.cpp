#include "export/dbf_field_names.h"

#include "util/text.h"

#include <set>

namespace onemap::exports {

std::string utf8_prefix(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  std::size_t end = bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character cut through.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::vector<std::string> dbf_field_names(const std::vector<std::string>& names) {
  std::set<std::string> taken;  // lower-cased: DBF names ignore case
  std::vector<std::string> out(names.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i].size() <= kDbfNameBytes && taken.insert(util::to_lower(names[i])).second) out[i] = names[i];
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!out[i].empty() || names[i].empty()) continue;
    std::string candidate = utf8_prefix(names[i], kDbfNameBytes);
    for (int n = 1; !taken.insert(util::to_lower(candidate)).second; ++n) {
      const std::string suffix = "_" + std::to_string(n);
      candidate = utf8_prefix(names[i], kDbfNameBytes - suffix.size()) + suffix;
    }
    out[i] = candidate;
  }
  return out;
}

}  // namespace onemap::exports
