#include "geo/crs.h"

#include "util/text.h"

#include <charconv>
#include <cmath>

namespace onemap::geo {
namespace {

std::optional<int> parse_code(std::string_view digits) {
  int code = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
  if (ec != std::errc() || end != digits.data() + digits.size() || code <= 0) return std::nullopt;
  return code;
}

}  // namespace

std::string Crs::uri() const {
  if (is_crs84()) return "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  return "http://www.opengis.net/def/crs/EPSG/0/" + std::to_string(epsg);
}

CrsDef Crs::authority_order() const { return {is_crs84() ? "OGC:CRS84" : "EPSG:" + std::to_string(epsg), false}; }

CrsDef Crs::gis_order() const { return {is_crs84() ? "OGC:CRS84" : "EPSG:" + std::to_string(epsg), true}; }

std::optional<Crs> parse_crs(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  for (std::string_view prefix : {"http://www.opengis.net/def/crs/", "https://www.opengis.net/def/crs/"}) {
    if (!util::istarts_with(text, prefix)) continue;
    std::string_view rest = text.substr(prefix.size());
    if (rest == "OGC/1.3/CRS84" || rest == "OGC/0/CRS84") return kCrs84;
    if (util::istarts_with(rest, "EPSG/")) {
      auto slash = rest.find('/', 5);  // EPSG/{version}/{code}
      if (slash == std::string_view::npos) return std::nullopt;
      if (auto code = parse_code(rest.substr(slash + 1))) return Crs{*code};
    }
    return std::nullopt;
  }
  if (text == "CRS84" || text == "OGC:CRS84") return kCrs84;
  if (util::istarts_with(text, "EPSG:")) {
    std::string_view code = text.substr(5);
    if (auto colon = code.rfind(':'); colon != std::string_view::npos) code = code.substr(colon + 1);  // EPSG::4326
    if (auto value = parse_code(code)) return Crs{*value};
  }
  return std::nullopt;
}

Crs gauss_kruger_zone_for(double longitude) {
  // EPSG:4534 is CM 75E, each following code 3 degrees further east, up to 4554 (CM 135E).
  int zone = static_cast<int>(std::lround((longitude - 75.0) / 3.0));
  if (zone < 0) zone = 0;
  if (zone > 20) zone = 20;
  return Crs{4534 + zone};
}

}  // namespace onemap::geo
