#include "api/features/crs_params.h"

#include "api/errors.h"
#include "geo/geo_error.h"
#include "geo/reprojector.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace onemap::api {
namespace {

geo::Crs parse_supported(const RequestContext& ctx, const char* param) {
  const std::string* text = ctx.param(param);
  if (!text) return geo::kCrs84;
  std::vector<geo::Crs> supported = supported_crs(*ctx.snapshot);
  auto crs = geo::parse_crs(*text);
  if (crs && std::find(supported.begin(), supported.end(), *crs) != supported.end()) return *crs;
  std::string list;
  for (const geo::Crs& c : supported) list += (list.empty() ? "" : ", ") + c.uri();
  throw BadRequest(std::string(param) + "=" + *text + " is not supported; use one of: " + list);
}

std::vector<double> parse_numbers(const std::string& text) {
  std::vector<double> numbers;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    double v = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + end;
    while (first < last && *first == ' ') ++first;
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last || !std::isfinite(v))
      throw BadRequest("bbox=" + text.substr(0, 200) + " is not a list of numbers (minx,miny,maxx,maxy)");
    numbers.push_back(v);
    start = end + 1;
  }
  return numbers;
}

}  // namespace

std::vector<geo::Crs> supported_crs(const store::Snapshot& snapshot) {
  std::vector<geo::Crs> list = {geo::kCrs84, geo::Crs{4326}, geo::Crs{4490}, geo::kWebMercator};
  if (std::find(list.begin(), list.end(), snapshot.analysis_crs) == list.end()) list.push_back(snapshot.analysis_crs);
  return list;
}

geo::Crs output_crs(const RequestContext& ctx) { return parse_supported(ctx, "crs"); }

std::optional<geo::Envelope> bbox_param(const RequestContext& ctx) {
  geo::Crs crs = parse_supported(ctx, "bbox-crs");
  const std::string* text = ctx.param("bbox");
  if (!text) return std::nullopt;
  std::vector<double> n = parse_numbers(*text);
  if (n.size() != 4 && n.size() != 6)
    throw BadRequest("bbox must have 4 numbers (or 6 with heights); got " + std::to_string(n.size()));
  std::size_t half = n.size() / 2;
  geo::Coord low{n[0], n[1]}, high{n[half], n[half + 1]};
  if (low.x > high.x || low.y > high.y)
    throw BadRequest("bbox=" + *text + ": the lower corner must come first (each lower value ≤ its upper value)");
  if (crs.is_crs84() && (low.x < -180 || high.x > 180 || low.y < -90 || high.y > 90))
    throw BadRequest("bbox=" + *text + " lies outside longitude −180…180, latitude −90…90");
  if (crs.is_crs84()) return geo::Envelope{low.x, low.y, high.x, high.y};

  // Densify the edges: a straight box edge in one CRS is curved in another.
  const auto& reprojector = geo::Reprojector::for_this_thread(crs.authority_order(), geo::kCrs84.gis_order());
  geo::Envelope out;
  constexpr int kSteps = 16;
  try {
    for (int i = 0; i <= kSteps; ++i) {
      double t = static_cast<double>(i) / kSteps;
      double x = low.x + (high.x - low.x) * t, y = low.y + (high.y - low.y) * t;
      for (geo::Coord c : {geo::Coord{x, low.y}, geo::Coord{x, high.y}, geo::Coord{low.x, y}, geo::Coord{high.x, y}})
        out.expand(reprojector.transform(c));
    }
  } catch (const geo::GeoError& e) {
    throw BadRequest("bbox=" + *text + " cannot be read in " + crs.uri() + ": " + e.what());
  }
  return out;
}

}  // namespace onemap::api
