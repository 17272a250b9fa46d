#pragma once
// The style a layer gets when the catalog gives it none, by its geometry, so `serve --data` of
// any city still draws: a fill with an outline, a line, or a circle, in a colour of a fixed
// palette, and its names as labels.
#include "store/layer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace onemap::styles {

// The label font every OneMap style names; the glyph route renders it from the server's fonts.
inline constexpr const char* kFont = "OneMap Sans";

// The name of the property a layer's features are named by (Layer::name_field_index); empty
// when none.
std::string name_field(const store::Layer& layer);

// {"order": …, "layers": [...]} as a style file would hold it; `index` picks the colour.
nlohmann::json default_style(const store::Layer& layer, std::size_t index);

}  // namespace onemap::styles
