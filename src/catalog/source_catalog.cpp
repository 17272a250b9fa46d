#include "catalog/source_catalog.h"

#include "catalog/catalog_loader.h"
#include "catalog/secrets.h"
#include "geo/gdal_handles.h"
#include "geo/geo_error.h"

#include <spdlog/spdlog.h>

#include <filesystem>

namespace onemap::catalog {
namespace {

const LayerConfig* template_for(const Catalog& templates, const std::string& layer_name) {
  for (const LayerConfig& t : templates.layers)
    if (t.source_layer == layer_name) return &t;
  return nullptr;
}

// Layer names become URL ids; anything outside the id alphabet becomes '_'.
std::string id_from_name(const std::string& name) {
  std::string id;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    id.push_back(c >= 0x80 || std::isalnum(c) || c == '_' || c == '-' || c == '.' ? ch : '_');
  }
  return id.empty() ? "layer" : id;
}

// The template's rules, less those naming a layer the sources lack. Rules reading a property the
// data lacks are dropped later, once the layers are loaded (drop_invalid).
void keep_applicable_rules(Catalog& catalog, const RuleSet& templates) {
  catalog.rules = templates;
  catalog.rules.drop_invalid = true;
  auto missing = [&](const std::string& id) { return !id.empty() && !catalog.find(id); };
  if (missing(catalog.rules.township_layer)) {
    spdlog::warn("rules: no layer '{}' in the data; plots will not be placed in a township",
                 catalog.rules.township_layer);
    catalog.rules.township_layer.clear();
  }
  std::erase_if(catalog.rules.rules, [&](const Rule& rule) {
    for (const std::string& id : rule.layers()) {
      if (!missing(id)) continue;
      spdlog::warn("rules: rule '{}' dropped: the data has no layer '{}'", rule.id, id);
      return true;
    }
    return false;
  });
}

}  // namespace

Catalog catalog_for_sources(const std::vector<std::string>& sources, const Catalog& templates) {
  Catalog catalog;
  catalog.title = templates.title;
  catalog.description = templates.description;
  catalog.styles_dir = templates.styles_dir;
  catalog.styles = templates.styles;
  catalog.web_dir = templates.web_dir;
  catalog.basemap = templates.basemap;
  catalog.themes = templates.themes;
  catalog.fonts = templates.fonts;
  catalog.server = templates.server;
  catalog.access = templates.access;
  // Another city's data lies in another Gauss-Kruger zone: let the snapshot pick it.
  catalog.analysis_crs.reset();

  for (const std::string& given : sources) {
    std::string source =
        given.rfind("PG:", 0) == 0 ? given : std::filesystem::absolute(given).lexically_normal().string();
    geo::GdalDatasetPtr dataset;
    try {
      dataset = geo::open_vector_source(source);
    } catch (const geo::GeoError& e) {
      throw CatalogError(mask_secrets(std::string("--data ") + given + ": " + e.what()));
    }
    if (dataset->GetLayerCount() == 0)
      throw CatalogError("--data " + mask_secrets(given) + ": the source has no vector layers");
    for (OGRLayer* ogr_layer : dataset->GetLayers()) {
      std::string name = ogr_layer->GetName();
      LayerConfig layer;
      if (const LayerConfig* t = template_for(templates, name)) {
        layer = *t;
        layer.properties.clear();  // extra attributes are kept and shown
        layer.id_field.clear();
        layer.attribution.clear();  // the template's credit is for the demo's data, not this
      } else {
        layer.id = id_from_name(name);
        layer.title = layer.title_en = name;
        layer.tile_budget.max_bytes = templates.server.tile_budget_kb << 10;
      }
      layer.source = source;
      layer.source_layer = name;
      layer.defined_in = mask_secrets(given);  // named in messages
      std::string base_id = layer.id;
      for (int n = 2; catalog.find(layer.id); ++n) layer.id = base_id + "_" + std::to_string(n);
      catalog.layers.push_back(std::move(layer));
    }
  }
  keep_applicable_rules(catalog, templates.rules);
  return catalog;
}

}  // namespace onemap::catalog
