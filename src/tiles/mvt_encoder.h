#pragma once
// Mapbox Vector Tile 2.1 encoding with protozero: one tile, layer after layer, feature after
// feature. Keys and values are deduplicated per layer; a layer that receives no feature is
// rolled back, so an all-empty tile encodes to zero bytes.
#include "store/value.h"
#include "tiles/tile_geometry.h"

#include <protozero/pbf_writer.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace onemap::tiles {

class MvtEncoder {
 public:
  // Appends the tile's bytes to `out`, which must outlive the encoder.
  explicit MvtEncoder(std::string& out) : tile_(out) {}

  // Starts a layer; its features carry values for `fields` (names are the MVT keys).
  void begin_layer(std::string_view name, const std::vector<store::Field>& fields, std::uint32_t extent);

  // Adds a feature to the open layer. `values` has one entry per field; null values are left
  // out, as MVT has no null. The geometry must not be empty.
  void add_feature(std::optional<std::uint64_t> id, const TileGeometry& geometry,
                   const std::vector<store::ValueRef>& values);

  // Writes the layer's keys, values and extent; drops the layer if it has no feature.
  // Returns whether the layer was kept.
  bool end_layer();

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::uint32_t key_index(std::size_t field);
  std::uint32_t value_index(const store::ValueRef& value);
  static void write_geometry(protozero::pbf_writer& feature, const TileGeometry& geometry);

  protozero::pbf_writer tile_;
  std::optional<protozero::pbf_writer> layer_;
  const std::vector<store::Field>* fields_ = nullptr;
  std::uint32_t extent_ = 4096;
  std::size_t feature_count_ = 0;
  std::vector<std::int64_t> key_of_field_;  // -1 until the field's key is first used
  std::vector<std::size_t> keys_in_order_;  // field indices, in key order
  // A value's encoded Value message → its index; the message bytes serve as the dedup key,
  // so 1 (int) and 1.0 (double) and "1" stay distinct as MVT requires.
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> value_index_;
  std::vector<const std::string*> values_in_order_;
  std::string value_scratch_;
};

}  // namespace onemap::tiles
