#include "analysis/nearest_index.h"

#include "geo/geo_error.h"
#include "geo/geos_convert.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace onemap::analysis {
namespace {

// Tree items carry index + 1, so that no item is the null pointer GEOS returns for "none".
void* as_item(std::uint32_t i) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(i) + 1); }
std::uint32_t index_of(const void* item) { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(item) - 1); }

struct Search {
  const void* query_item;  // stands for the query in GEOS's callbacks
  const std::function<double(std::uint32_t)>* distance;
};

// GEOS asks for the distance between a tree item and the query item, in either order.
int item_distance(const void* a, const void* b, double* out, void* userdata) {
  const auto* search = static_cast<const Search*>(userdata);
  const void* item = a == search->query_item ? b : a;
  double d = (*search->distance)(index_of(item));
  *out = std::isfinite(d) ? d : std::numeric_limits<double>::max();
  return 1;
}

// GEOS keeps, per item, a leaf node with its envelope; inner nodes add about a tenth more.
constexpr std::size_t kBytesPerItem = 96;

void append_number(std::string& out, double d) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  out.append(buffer, end);
}

// A text as length:text, so no text can pass for a separator.
void append_text(std::string& out, const std::string& text) { out.append(std::to_string(text.size())).append(":").append(text); }

std::string value_key(const catalog::ConditionValue& v) {
  std::string out;
  if (const bool* b = std::get_if<bool>(&v)) out = *b ? "b1" : "b0";
  else if (const double* d = std::get_if<double>(&v)) out = "n", append_number(out, *d);
  else out = "s", append_text(out, std::get<std::string>(v));
  return out;
}

void append_conditions(std::string& out, std::vector<catalog::Condition> where) {
  std::sort(where.begin(), where.end(), [](const auto& a, const auto& b) { return a.property < b.property; });
  out += "{";
  for (const catalog::Condition& c : where) {
    std::vector<std::string> values;
    for (const catalog::ConditionValue& v : c.values) values.push_back(value_key(v));
    std::sort(values.begin(), values.end());
    append_text(out, c.property);
    out += "=[";
    for (const std::string& v : values) out += v + ",";
    out += "]";
  }
  out += "}";
}

}  // namespace

std::string nearest_index_key(const store::Layer& layer, const std::vector<catalog::Condition>& where,
                              const catalog::DistanceSpec& distance, double reach) {
  std::string key = "nearest;layer=";
  append_text(key, layer.config.id);
  key += ";where=";
  append_conditions(key, where);
  key += ";fixed=";
  if (distance.fixed) append_number(key, *distance.fixed);
  key += ";by=";
  append_text(key, distance.by_property);
  for (const auto& [value, metres] : distance.by_value) append_text(key, value), key += "=", append_number(key, metres), key += ",";
  key += ";default=";
  if (distance.by_default) append_number(key, *distance.by_default);
  key += ";cases=";  // in order: the first case a feature meets decides
  for (const catalog::DistanceCase& c : distance.cases) append_conditions(key, c.where), key += "=", append_number(key, c.metres), key += ",";
  key += ";reach=";
  append_number(key, reach);
  return key;
}

std::size_t NearestIndex::bytes() const { return sizeof(*this) + size_ * kBytesPerItem; }

NearestIndex::NearestIndex(const store::Layer& layer, const std::vector<std::uint32_t>& items) {
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  tree_ = GEOSSTRtree_create_r(ctx.handle(), 10);
  if (!tree_) throw geo::GeoError("GEOSSTRtree_create: " + ctx.last_error());
  for (std::uint32_t i : items) {
    const geo::Envelope& e = layer.metric_envelopes[i];
    if (e.empty()) continue;
    geo::GeosGeometryPtr box = geo::envelope_to_geos(ctx, e);  // the tree copies the envelope
    GEOSSTRtree_insert_r(ctx.handle(), tree_, box.get(), as_item(i));
    ++size_;
  }
  // GEOS 3.11 builds the tree on the first query: do it now, on this one thread.
  geo::GeosGeometryPtr probe = geo::envelope_to_geos(ctx, geo::Envelope{0, 0, 0, 0});
  GEOSSTRtree_query_r(ctx.handle(), tree_, probe.get(), [](void*, void*) {}, nullptr);
}

NearestIndex::~NearestIndex() { GEOSSTRtree_destroy_r(geo::GeosContext::for_this_thread().handle(), tree_); }

std::optional<NearestIndex::Hit> NearestIndex::nearest(const geo::Envelope& box,
                                                       const std::function<double(std::uint32_t)>& distance) const {
  if (size_ == 0 || box.empty()) return std::nullopt;
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  geo::GeosGeometryPtr query = geo::envelope_to_geos(ctx, box);
  int marker = 0;
  Search search{&marker, &distance};
  const void* found = GEOSSTRtree_nearest_generic_r(ctx.handle(), tree_, &marker, query.get(), item_distance, &search);
  if (!found) return std::nullopt;
  double d = distance(index_of(found));
  if (!std::isfinite(d)) return std::nullopt;
  return Hit{index_of(found), d};
}

}  // namespace onemap::analysis
