#pragma once
#include "catalog/rules.h"

#include <filesystem>

namespace onemap::catalog {

// Reads rules.yaml. Throws CatalogError naming the file, the rule and the field. Layers and
// properties are checked later, against the loaded data (rules_check.h).
RuleSet load_rules(const std::filesystem::path& file);

}  // namespace onemap::catalog
