#pragma once
// A digest of what a layer holds (ids, attribute values, geometries), so the version a client
// caches by (TileJSON's `?v=`, styles) changes when the data changes, and only then — also
// across restarts, which a load counter would not survive.
#include "store/layer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace onemap::store {

std::uint64_t layer_fingerprint(const Layer& layer);

// The layers' digests combined in order, as 16 hex digits.
std::string data_fingerprint(const std::vector<std::unique_ptr<Layer>>& layers);

}  // namespace onemap::store
