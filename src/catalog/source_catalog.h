#pragma once
#include "catalog/catalog.h"

#include <string>
#include <vector>

namespace onemap::catalog {

// For `onemap serve --data SOURCE…`: every layer of every GDAL vector source is published.
// A layer whose name matches a template layer's source_layer (the domain schema, e.g. the demo
// catalog) takes that layer's id, titles, theme, zooms and style, so other cities' data in the
// same schema looks and behaves like the demo; all its attributes are kept. Throws CatalogError.
Catalog catalog_for_sources(const std::vector<std::string>& sources, const Catalog& templates);

}  // namespace onemap::catalog
