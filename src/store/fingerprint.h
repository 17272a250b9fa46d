#pragma once
// A digest of what a layer holds (ids, attribute values, geometries), so the version a client
// caches by (TileJSON's `?v=`, styles) changes when the data changes, and only then — also
// across restarts, which a load counter would not survive.
#include "store/layer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace onemap::store {

// Also covers the settings that change what its tiles hold: its zoom range and tile budget, and
// the server's tile buffer (server.tile_buffer).
std::uint64_t layer_fingerprint(const Layer& layer, int tile_buffer = 0);

// The versions (Layer::version) of several layers together, in order: a tile URL listing them.
// One layer's is its own.
std::uint64_t layers_version(const std::vector<const Layer*>& layers);
// The same with another version mixed in (the configuration's, for the tile cache).
std::uint64_t layers_version(const std::vector<const Layer*>& layers, std::uint64_t other);

// 16 hex digits, as URLs carry a version.
std::string version_text(std::uint64_t version);

// Every layer's version combined in order, as 16 hex digits. What a caller is shown is the
// fingerprint of the layers they may see, so a hidden layer's edits never show.
std::string data_fingerprint(const std::vector<std::shared_ptr<Layer>>& layers);
std::string data_fingerprint(const std::vector<const Layer*>& layers);

}  // namespace onemap::store
