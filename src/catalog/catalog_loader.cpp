#include "catalog/catalog_loader.h"

#include "catalog/rules_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

namespace onemap::catalog {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const fs::path& file, const std::string& message) {
  throw CatalogError(file.string() + ": " + message);
}

// Rejects keys we do not know, so a typo ("min_zom") is an error rather than a silent default.
void check_keys(const YAML::Node& node, const fs::path& file, const std::set<std::string>& known) {
  if (!node.IsMap()) fail(file, "expected a mapping of keys to values");
  for (const auto& entry : node) {
    std::string key = entry.first.as<std::string>();
    if (!known.count(key)) fail(file, "unknown key '" + key + "'");
  }
}

template <typename T>
T get(const YAML::Node& node, const char* key, const fs::path& file, T fallback) {
  if (!node[key]) return fallback;
  try {
    return node[key].as<T>();
  } catch (const YAML::Exception&) {
    fail(file, std::string("field '") + key + "' has the wrong type");
  }
}

std::string resolve_source(const std::string& source, const fs::path& file) {
  if (source.rfind("PG:", 0) == 0 || source.rfind("/vsi", 0) == 0) return source;
  fs::path p(source);
  return (p.is_absolute() ? p : file.parent_path() / p).lexically_normal().string();
}

LayerConfig parse_layer(const YAML::Node& node, const fs::path& file) {
  check_keys(node, file, {"id", "title", "title_en", "description", "theme", "source", "source_layer", "id_field",
                          "properties", "min_zoom", "max_zoom", "style"});
  LayerConfig layer;
  layer.defined_in = file;
  layer.id = get<std::string>(node, "id", file, "");
  if (layer.id.empty()) fail(file, "field 'id' is required");
  if (!is_valid_layer_id(layer.id)) fail(file, "field 'id' ('" + layer.id + "') may hold only letters, digits, '_', '-' and '.'");
  layer.title = get<std::string>(node, "title", file, layer.id);
  layer.title_en = get<std::string>(node, "title_en", file, layer.title);
  layer.description = get<std::string>(node, "description", file, "");
  layer.theme = get<std::string>(node, "theme", file, "");
  std::string source = get<std::string>(node, "source", file, "");
  if (source.empty()) fail(file, "field 'source' is required (a file path relative to this file, or PG:...)");
  layer.source = resolve_source(source, file);
  layer.source_layer = get<std::string>(node, "source_layer", file, layer.id);
  layer.id_field = get<std::string>(node, "id_field", file, "");
  layer.properties = get<std::vector<std::string>>(node, "properties", file, {});
  layer.min_zoom = get<int>(node, "min_zoom", file, 0);
  layer.max_zoom = get<int>(node, "max_zoom", file, 22);
  if (layer.min_zoom < 0 || layer.max_zoom > 24 || layer.min_zoom > layer.max_zoom)
    fail(file, "zoom range " + std::to_string(layer.min_zoom) + "–" + std::to_string(layer.max_zoom) + " must lie within 0–24 with min_zoom ≤ max_zoom");
  layer.style = get<std::string>(node, "style", file, "");
  return layer;
}

ServerSettings parse_server(const YAML::Node& node, const fs::path& file) {
  ServerSettings s;
  if (!node) return s;
  check_keys(node, file, {"bind", "port", "threads", "request_timeout_s", "public_url", "trusted_proxies", "worker_threads",
                          "job_queue_limit", "process_time_limit_s", "tile_cache_mb", "tile_cache_control", "tile_buffer"});
  s.bind_address = get<std::string>(node, "bind", file, s.bind_address);
  int port = get<int>(node, "port", file, s.port);
  if (port < 0 || port > 65535) fail(file, "server.port must be 0–65535");
  s.port = static_cast<std::uint16_t>(port);
  s.threads = get<unsigned>(node, "threads", file, 0);
  s.request_timeout_seconds = get<unsigned>(node, "request_timeout_s", file, 30);
  s.public_url = get<std::string>(node, "public_url", file, "");
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  if (!s.public_url.empty() && !s.public_url.starts_with("http://") && !s.public_url.starts_with("https://"))
    fail(file, "server.public_url must start with http:// or https://");
  s.trusted_proxies = get<std::vector<std::string>>(node, "trusted_proxies", file, {});
  s.worker_threads = get<unsigned>(node, "worker_threads", file, 0);
  s.job_queue_limit = get<std::size_t>(node, "job_queue_limit", file, s.job_queue_limit);
  s.process_time_limit_s = get<double>(node, "process_time_limit_s", file, s.process_time_limit_s);
  if (!(s.process_time_limit_s > 0)) fail(file, "server.process_time_limit_s must be a positive number of seconds");
  s.tile_cache_mb = get<std::size_t>(node, "tile_cache_mb", file, s.tile_cache_mb);
  s.tile_cache_control = get<std::string>(node, "tile_cache_control", file, s.tile_cache_control);
  s.tile_buffer = get<int>(node, "tile_buffer", file, s.tile_buffer);
  if (s.tile_buffer < 0 || s.tile_buffer > 2048) fail(file, "server.tile_buffer must be 0–2048 tile units (the tile is 4096)");
  return s;
}

YAML::Node read_yaml(const fs::path& file) {
  try {
    return YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    fail(file, "cannot read the file");
  } catch (const YAML::Exception& e) {
    fail(file, std::string("not valid YAML: ") + e.what());
  }
}

}  // namespace

bool is_valid_layer_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

Catalog load_catalog(const fs::path& config_file) {
  YAML::Node root = read_yaml(config_file);
  check_keys(root, config_file, {"title", "description", "catalog", "styles", "analysis_crs", "server", "rules"});
  Catalog catalog;
  catalog.title = get<std::string>(root, "title", config_file, catalog.title);
  catalog.description = get<std::string>(root, "description", config_file, "");
  std::string crs = get<std::string>(root, "analysis_crs", config_file, "auto");
  if (crs != "auto") {
    catalog.analysis_crs = geo::parse_crs(crs);
    if (!catalog.analysis_crs || catalog.analysis_crs->is_crs84())
      fail(config_file, "analysis_crs '" + crs + "' must be a projected EPSG CRS in metres (e.g. EPSG:4547) or 'auto'");
  }
  fs::path base = config_file.parent_path();
  catalog.styles_dir = (base / get<std::string>(root, "styles", config_file, "styles")).lexically_normal();
  catalog.server = parse_server(root["server"], config_file);
  if (std::string rules = get<std::string>(root, "rules", config_file, ""); !rules.empty())
    catalog.rules = load_rules((base / rules).lexically_normal());

  fs::path layers_dir = (base / get<std::string>(root, "catalog", config_file, "layers")).lexically_normal();
  if (!fs::is_directory(layers_dir)) fail(config_file, "catalog folder '" + layers_dir.string() + "' does not exist");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(layers_dir))
    if (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) fail(layers_dir, "no layer files (*.yaml) in the catalog folder");

  for (const fs::path& file : files) {
    LayerConfig layer = parse_layer(read_yaml(file), file);
    if (const LayerConfig* other = catalog.find(layer.id))
      fail(file, "layer id '" + layer.id + "' is already defined in " + other->defined_in.string());
    catalog.layers.push_back(std::move(layer));
  }
  return catalog;
}

}  // namespace onemap::catalog
