#pragma once
// Loading a test layer by file and name, and reading the LoadError a bad one gives.
#include "store/layer_loader.h"

#include <filesystem>
#include <string>

namespace onemap::testing {

inline catalog::LayerConfig config_for(const std::filesystem::path& file, const std::string& layer) {
  catalog::LayerConfig c;
  c.id = layer;
  c.source = file.string();
  c.source_layer = layer;
  c.defined_in = "test.yaml";
  return c;
}

// The LoadError's message, or "" when the layer loads.
inline std::string load_error(const catalog::LayerConfig& c) {
  try {
    store::load_layer(c);
  } catch (const store::LoadError& e) {
    return e.what();
  }
  return "";
}

}  // namespace onemap::testing
