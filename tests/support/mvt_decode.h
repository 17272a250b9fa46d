#pragma once
// Decodes a vector tile with GDAL's MVT driver, an implementation independent of our encoder,
// into plain values the tests can compare.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace onemap::testing {

using DecodedValue = std::variant<std::string, std::int64_t, double>;

struct DecodedFeature {
  std::optional<std::int64_t> id;                  // the MVT feature id, if the tile has one
  std::map<std::string, DecodedValue> fields;      // attributes present on the feature
  std::map<std::string, std::string> field_types;  // OGR type names: "String", "Integer64", "Real", "Integer(Boolean)"
  std::string wkt;                                 // in tile units (x right, y down), unclipped
};

// Layer name → features, in tile order.
using DecodedTile = std::map<std::string, std::vector<DecodedFeature>>;

DecodedTile decode_mvt(const std::string& bytes);

}  // namespace onemap::testing
