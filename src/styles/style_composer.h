#pragma once
// Whole MapLibre styles composed from the catalog: each layer's style file (styles/{style}.json,
// or the default by geometry), its sources pointing at OneMap's TileJSON with the data's
// fingerprint, the glyphs from OneMap's font route, an optional online base map beneath, and
// metadata the web map builds its switcher and legend from.
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace onemap::styles {

// `layers`: those the caller may see, in catalog order; `base_url`: scheme://host[:port].
nlohmann::json compose_style(const store::Snapshot& snapshot, const std::vector<const store::Layer*>& layers,
                             const std::string& base_url);

}  // namespace onemap::styles
