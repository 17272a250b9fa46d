#include "catalog/catalog_loader.h"

#include "catalog/font_files.h"
#include "catalog/rules_loader.h"
#include "catalog/yaml_read.h"

#include <algorithm>

namespace onemap::catalog {
namespace fs = std::filesystem;
namespace {

std::string resolve_source(const std::string& source, const fs::path& file) {
  if (source.rfind("PG:", 0) == 0 || source.rfind("/vsi", 0) == 0) return source;
  fs::path p(source);
  return (p.is_absolute() ? p : file.parent_path() / p).lexically_normal().string();
}

LayerConfig parse_layer(const YamlReader& r) {
  const fs::path& file = r.file();
  YAML::Node node = r.load();
  r.check_keys(node, "",
               {"id", "title", "title_en", "description", "theme", "source", "source_layer", "id_field", "properties",
                "min_zoom", "max_zoom", "style"});
  LayerConfig layer;
  layer.defined_in = file;
  layer.id = r.get<std::string>(node, "id", "");
  if (layer.id.empty()) r.fail("field 'id' is required");
  if (!is_valid_layer_id(layer.id))
    r.fail("field 'id' ('" + layer.id + "') may hold only letters, digits, '_', '-' and '.'");
  layer.title = r.get<std::string>(node, "title", layer.id);
  layer.title_en = r.get<std::string>(node, "title_en", layer.title);
  layer.description = r.get<std::string>(node, "description", "");
  layer.theme = r.get<std::string>(node, "theme", "");
  std::string source = r.get<std::string>(node, "source", "");
  if (source.empty()) r.fail("field 'source' is required (a file path relative to this file, or PG:...)");
  layer.source = resolve_source(source, file);
  layer.source_layer = r.get<std::string>(node, "source_layer", layer.id);
  layer.id_field = r.get<std::string>(node, "id_field", "");
  layer.properties = r.get<std::vector<std::string>>(node, "properties", {});
  layer.min_zoom = r.get<int>(node, "min_zoom", 0);
  layer.max_zoom = r.get<int>(node, "max_zoom", 22);
  if (layer.min_zoom < 0 || layer.max_zoom > 24 || layer.min_zoom > layer.max_zoom)
    r.fail("zoom range " + std::to_string(layer.min_zoom) + "–" + std::to_string(layer.max_zoom) +
           " must lie within 0–24 with min_zoom ≤ max_zoom");
  layer.style = r.get<std::string>(node, "style", "");
  return layer;
}

ServerSettings parse_server(const YamlReader& r, const YAML::Node& node) {
  ServerSettings s;
  if (!node) return s;
  r.check_keys(node, "server",
               {"bind", "port", "threads", "request_timeout_s", "public_url", "trusted_proxies", "worker_threads",
                "job_queue_limit", "process_time_limit_s", "tile_cache_mb", "tile_cache_control", "tile_buffer",
                "derived_cache_mb", "jobs_dir", "job_results_ttl_s", "job_results_mb", "max_jobs"});
  s.bind_address = r.get<std::string>(node, "bind", s.bind_address);
  int port = r.get<int>(node, "port", s.port);
  if (port < 0 || port > 65535) r.fail("server.port must be 0–65535");
  s.port = static_cast<std::uint16_t>(port);
  s.threads = r.get<unsigned>(node, "threads", 0);
  s.request_timeout_seconds = r.get<unsigned>(node, "request_timeout_s", 30);
  s.public_url = r.get<std::string>(node, "public_url", "");
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  if (!s.public_url.empty() && !s.public_url.starts_with("http://") && !s.public_url.starts_with("https://"))
    r.fail("server.public_url must start with http:// or https://");
  s.trusted_proxies = r.get<std::vector<std::string>>(node, "trusted_proxies", {});
  s.worker_threads = r.get<unsigned>(node, "worker_threads", 0);
  s.job_queue_limit = r.get<std::size_t>(node, "job_queue_limit", s.job_queue_limit);
  s.process_time_limit_s = r.get<double>(node, "process_time_limit_s", s.process_time_limit_s);
  if (!(s.process_time_limit_s > 0)) r.fail("server.process_time_limit_s must be a positive number of seconds");
  s.jobs_dir = r.get<std::string>(node, "jobs_dir", "");
  s.job_results_ttl_s = r.get<double>(node, "job_results_ttl_s", s.job_results_ttl_s);
  if (!(s.job_results_ttl_s > 0)) r.fail("server.job_results_ttl_s must be a positive number of seconds");
  s.job_results_mb = r.get<std::size_t>(node, "job_results_mb", s.job_results_mb);
  s.max_jobs = r.get<std::size_t>(node, "max_jobs", s.max_jobs);
  if (s.max_jobs == 0) r.fail("server.max_jobs must be at least 1");
  s.tile_cache_mb = r.get<std::size_t>(node, "tile_cache_mb", s.tile_cache_mb);
  s.derived_cache_mb = r.get<std::size_t>(node, "derived_cache_mb", s.derived_cache_mb);
  s.tile_cache_control = r.get<std::string>(node, "tile_cache_control", s.tile_cache_control);
  s.tile_buffer = r.get<int>(node, "tile_buffer", s.tile_buffer);
  if (s.tile_buffer < 0 || s.tile_buffer > 2048)
    r.fail("server.tile_buffer must be 0–2048 tile units (the tile is 4096)");
  return s;
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
  YamlReader r(config_file);
  YAML::Node root = r.load();
  r.check_keys(root, "", {"title", "description", "catalog", "styles", "analysis_crs", "server", "rules", "fonts"});
  Catalog catalog;
  catalog.title = r.get<std::string>(root, "title", catalog.title);
  catalog.description = r.get<std::string>(root, "description", "");
  std::string crs = r.get<std::string>(root, "analysis_crs", "auto");
  if (crs != "auto") {
    catalog.analysis_crs = geo::parse_crs(crs);
    if (!catalog.analysis_crs || catalog.analysis_crs->is_crs84())
      r.fail("analysis_crs '" + crs + "' must be a projected EPSG CRS in metres (e.g. EPSG:4547) or 'auto'");
  }
  fs::path base = config_file.parent_path();
  catalog.styles_dir = (base / r.get<std::string>(root, "styles", "styles")).lexically_normal();
  catalog.fonts = read_fonts(r, root);
  catalog.server = parse_server(r, root["server"]);
  if (std::string rules = r.get<std::string>(root, "rules", ""); !rules.empty())
    catalog.rules = load_rules((base / rules).lexically_normal());

  fs::path layers_dir = (base / r.get<std::string>(root, "catalog", "layers")).lexically_normal();
  if (!fs::is_directory(layers_dir)) r.fail("catalog folder '" + layers_dir.string() + "' does not exist");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(layers_dir))
    if (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) YamlReader(layers_dir).fail("no layer files (*.yaml) in the catalog folder");

  for (const fs::path& file : files) {
    YamlReader layer_reader(file);
    LayerConfig layer = parse_layer(layer_reader);
    if (const LayerConfig* other = catalog.find(layer.id))
      layer_reader.fail("layer id '" + layer.id + "' is already defined in " + other->defined_in.string());
    catalog.layers.push_back(std::move(layer));
  }
  return catalog;
}

}  // namespace onemap::catalog
