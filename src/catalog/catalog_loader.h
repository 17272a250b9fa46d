#pragma once
#include "catalog/catalog.h"

#include <filesystem>

namespace onemap::catalog {

// Reads the server configuration (onemap.yaml) and every layer file of its `catalog` folder
// (one *.yaml per layer). Relative paths are resolved against the file that holds them.
// Throws CatalogError naming the file and the problem.
Catalog load_catalog(const std::filesystem::path& config_file);

// Layer ids appear in URLs: letters, digits, '_', '-', '.', and non-ASCII UTF-8 (Chinese names).
bool is_valid_layer_id(const std::string& id);

}  // namespace onemap::catalog
