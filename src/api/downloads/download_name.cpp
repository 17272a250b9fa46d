#include "api/downloads/download_name.h"

#include <ctime>

namespace onemap::api {
namespace {

std::string safe_part(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool forbidden = c < 0x20 || c == 0x7F || std::string_view("/\\:*?\"<>|").find(ch) != std::string_view::npos;
    out.push_back(forbidden ? '_' : ch);
  }
  return out;
}

// RFC 5987 attr-char: what may stand unencoded in filename*.
bool attr_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::string download_name(std::string_view layer, std::string_view township,
                          std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&t, &local);
  char date[16];
  std::strftime(date, sizeof date, "%Y%m%d", &local);
  std::string name = safe_part(layer);
  if (!township.empty()) name += "-" + safe_part(township);
  return name + "-" + date;
}

std::string content_disposition(std::string_view filename) {
  static const char hex[] = "0123456789ABCDEF";
  std::string fallback, encoded;
  for (std::size_t i = 0; i < filename.size(); ++i) {
    const auto c = static_cast<unsigned char>(filename[i]);
    // One "_" per non-ASCII character (its continuation bytes add none); no quote, backslash or %.
    if (c >= 0x80) {
      if ((c & 0xC0) != 0x80) fallback.push_back('_');
    } else {
      fallback.push_back(c == '"' || c == '\\' || c == '%' || c < 0x20 ? '_' : static_cast<char>(c));
    }
    if (attr_char(c)) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += {'%', hex[c >> 4], hex[c & 0xF]};
    }
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace onemap::api
