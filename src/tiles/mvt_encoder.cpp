#include "tiles/mvt_encoder.h"

#include <protozero/varint.hpp>

#include <type_traits>
#include <variant>

namespace onemap::tiles {
namespace {

// Field numbers of vector_tile.proto (MVT 2.1).
constexpr protozero::pbf_tag_type kTileLayers = 3;
constexpr protozero::pbf_tag_type kLayerVersion = 15, kLayerName = 1, kLayerFeatures = 2, kLayerKeys = 3,
                                  kLayerValues = 4, kLayerExtent = 5;
constexpr protozero::pbf_tag_type kFeatureId = 1, kFeatureTags = 2, kFeatureType = 3, kFeatureGeometry = 4;
constexpr protozero::pbf_tag_type kValueString = 1, kValueDouble = 3, kValueInt = 4, kValueSint = 6, kValueBool = 7;

constexpr std::uint32_t kMoveTo = 1, kLineTo = 2, kClosePath = 7;

constexpr std::uint32_t command(std::uint32_t id, std::uint32_t count) { return (id & 0x7) | (count << 3); }

// Writes points as zigzag-encoded deltas from the cursor, which runs on across paths.
class GeometryWriter {
 public:
  explicit GeometryWriter(protozero::pbf_writer& feature) : field_(feature, kFeatureGeometry) {}
  void command(std::uint32_t id, std::uint32_t count) { field_.add_element(tiles::command(id, count)); }
  void point(TilePoint p) {
    field_.add_element(protozero::encode_zigzag32(p.x - x_));
    field_.add_element(protozero::encode_zigzag32(p.y - y_));
    x_ = p.x;
    y_ = p.y;
  }

 private:
  protozero::packed_field_uint32 field_;
  std::int32_t x_ = 0;
  std::int32_t y_ = 0;
};

}  // namespace

void MvtEncoder::begin_layer(std::string_view name, const std::vector<store::Field>& fields, std::uint32_t extent) {
  layer_.emplace(tile_, kTileLayers);
  layer_->add_uint32(kLayerVersion, 2);
  layer_->add_string(kLayerName, name.data(), name.size());
  fields_ = &fields;
  extent_ = extent;
  feature_count_ = 0;
  key_of_field_.assign(fields.size(), -1);
  keys_in_order_.clear();
  value_index_.clear();
  values_in_order_.clear();
}

std::uint32_t MvtEncoder::key_index(std::size_t field) {
  if (key_of_field_[field] < 0) {
    key_of_field_[field] = static_cast<std::int64_t>(keys_in_order_.size());
    keys_in_order_.push_back(field);
  }
  return static_cast<std::uint32_t>(key_of_field_[field]);
}

std::uint32_t MvtEncoder::value_index(const store::ValueRef& value) {
  value_scratch_.clear();
  {
    protozero::pbf_writer v(value_scratch_);
    std::visit(
        [&v](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::string_view>)
            v.add_string(kValueString, x.data(), x.size());
          else if constexpr (std::is_same_v<T, bool>)
            v.add_bool(kValueBool, x);
          else if constexpr (std::is_same_v<T, double>)
            v.add_double(kValueDouble, x);
          // Negative integers as sint (zigzag), which takes far fewer bytes than a negative int.
          else if constexpr (std::is_same_v<T, std::int64_t>) {
            if (x < 0)
              v.add_sint64(kValueSint, x);
            else
              v.add_int64(kValueInt, x);
          }
        },
        value);
  }
  if (auto it = value_index_.find(std::string_view(value_scratch_)); it != value_index_.end()) return it->second;
  auto [it, inserted] = value_index_.emplace(value_scratch_, static_cast<std::uint32_t>(values_in_order_.size()));
  values_in_order_.push_back(&it->first);  // unordered_map nodes never move
  return it->second;
}

void MvtEncoder::write_geometry(protozero::pbf_writer& feature, const TileGeometry& g) {
  GeometryWriter out(feature);
  if (g.type == TileGeometryType::Point) {
    out.command(kMoveTo, static_cast<std::uint32_t>(g.points.size()));
    for (const TilePoint& p : g.points) out.point(p);
    return;
  }
  const bool rings = g.type == TileGeometryType::Polygon;
  for (std::size_t path = 0; path < g.path_ends.size(); ++path) {
    const TilePoint* begin = g.points.data() + g.path_begin(path);
    // A ring's closing point is not written: ClosePath returns to the start.
    const TilePoint* end = g.points.data() + g.path_ends[path] - (rings ? 1 : 0);
    out.command(kMoveTo, 1);
    out.point(*begin);
    out.command(kLineTo, static_cast<std::uint32_t>(end - begin - 1));
    for (const TilePoint* p = begin + 1; p != end; ++p) out.point(*p);
    if (rings) out.command(kClosePath, 1);
  }
}

void MvtEncoder::add_feature(std::optional<std::uint64_t> id, const TileGeometry& geometry,
                             const std::vector<store::ValueRef>& values) {
  ++feature_count_;
  protozero::pbf_writer feature(*layer_, kLayerFeatures);
  if (id) feature.add_uint64(kFeatureId, *id);
  {
    protozero::packed_field_uint32 tags(feature, kFeatureTags);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (std::holds_alternative<std::monostate>(values[i])) continue;
      tags.add_element(key_index(i));
      tags.add_element(value_index(values[i]));
    }
  }
  feature.add_enum(kFeatureType, static_cast<std::int32_t>(geometry.type));
  write_geometry(feature, geometry);
}

bool MvtEncoder::end_layer() {
  if (feature_count_ == 0) {
    layer_->rollback();
    layer_.reset();
    return false;
  }
  for (std::size_t field : keys_in_order_) layer_->add_string(kLayerKeys, (*fields_)[field].name);
  for (const std::string* value : values_in_order_) layer_->add_message(kLayerValues, *value);
  layer_->add_uint32(kLayerExtent, extent_);
  layer_->commit();
  layer_.reset();
  return true;
}

}  // namespace onemap::tiles
