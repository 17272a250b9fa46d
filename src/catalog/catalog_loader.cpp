#include "catalog/catalog_loader.h"

#include "catalog/font_files.h"
#include "catalog/keys_file.h"
#include "catalog/rules_loader.h"
#include "catalog/yaml_read.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <type_traits>

namespace onemap::catalog {
namespace fs = std::filesystem;
namespace {

// A layer's tile budget until the server's (server.tile_budget_kb) is known.
constexpr std::size_t kServerBudget = SIZE_MAX;

std::string resolve_source(const std::string& source, const fs::path& file) {
  if (source.rfind("PG:", 0) == 0 || source.rfind("/vsi", 0) == 0) return source;
  fs::path p(source);
  return (p.is_absolute() ? p : file.parent_path() / p).lexically_normal().string();
}

// `fields:` {property: 标题 | {title, title_en, values: {value: 标题 | {zh, en}}}}
std::vector<FieldTitle> parse_field_titles(const YamlReader& r, const YAML::Node& node) {
  std::vector<FieldTitle> out;
  if (!node) return out;
  if (!node.IsMap()) r.fail("field 'fields' must map property names to titles");
  for (const auto& entry : node) {
    FieldTitle f;
    f.name = entry.first.as<std::string>();
    const YAML::Node& v = entry.second;
    if (v.IsScalar()) {
      f.zh = f.en = v.as<std::string>();
    } else if (v.IsMap()) {
      r.check_keys(v, "fields." + f.name, {"title", "title_en", "values"});
      f.zh = r.get<std::string>(v, "title", f.name);
      f.en = r.get<std::string>(v, "title_en", f.zh);
      if (const YAML::Node values = v["values"]) {
        if (!values.IsMap()) r.fail("fields." + f.name + ".values must map values to titles");
        for (const auto& value : values) {
          ValueTitle t{value.first.as<std::string>(), "", ""};
          if (value.second.IsScalar()) {
            t.zh = t.en = value.second.as<std::string>();
          } else {
            r.check_keys(value.second, "fields." + f.name + ".values." + t.value, {"zh", "en"});
            t.zh = r.get<std::string>(value.second, "zh", t.value);
            t.en = r.get<std::string>(value.second, "en", t.zh);
          }
          f.values.push_back(std::move(t));
        }
      }
    } else {
      r.fail("fields." + f.name + " must be a title or {title, title_en, values}");
    }
    out.push_back(std::move(f));
  }
  return out;
}

LayerConfig parse_layer(const YamlReader& r) {
  const fs::path& file = r.file();
  YAML::Node node = r.load();
  r.check_keys(
      node, "",
      {"id", "title", "title_en", "description", "theme", "source", "source_layer", "edit_tables", "id_field",
       "properties", "min_zoom", "max_zoom", "style", "name_field", "attribution", "fields", "roles", "tile_budget"});
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
  layer.edit_tables = r.get<std::vector<std::string>>(node, "edit_tables", {});
  if (!layer.edit_tables.empty() && !layer.source.starts_with("PG:"))
    r.fail("field 'edit_tables' names PostGIS tables whose edits reload the layer; its source is not PG:");
  layer.id_field = r.get<std::string>(node, "id_field", "");
  layer.properties = r.get<std::vector<std::string>>(node, "properties", {});
  layer.min_zoom = r.get<int>(node, "min_zoom", 0);
  layer.max_zoom = r.get<int>(node, "max_zoom", 22);
  if (layer.min_zoom < 0 || layer.max_zoom > 24 || layer.min_zoom > layer.max_zoom)
    r.fail("zoom range " + std::to_string(layer.min_zoom) + "–" + std::to_string(layer.max_zoom) +
           " must lie within 0–24 with min_zoom ≤ max_zoom");
  layer.style = r.get<std::string>(node, "style", "");
  layer.name_field = r.get<std::string>(node, "name_field", "");
  layer.attribution = r.get<std::string>(node, "attribution", "");
  layer.fields = parse_field_titles(r, node["fields"]);
  layer.roles = r.get<std::vector<std::string>>(node, "roles", {});
  // No roles means public; an empty list written out means "nobody", and must not read as public.
  if (node["roles"] && layer.roles.empty())
    r.fail(
        "roles: an empty list would make the layer public; leave 'roles' out for a public layer, or name "
        "the roles that may see it (e.g. [admin])");
  layer.tile_budget.max_bytes = kServerBudget;  // unless the layer names its own
  if (const YAML::Node budget = node["tile_budget"]) {
    r.check_keys(budget, "tile_budget", {"max_kb", "max_features", "keep"});
    if (budget["max_kb"]) layer.tile_budget.max_bytes = r.get<std::size_t>(budget, "max_kb", 0) << 10;
    layer.tile_budget.max_features = r.get<std::size_t>(budget, "max_features", 0);
    if (budget["keep"]) layer.tile_budget.keep = r.conditions(budget["keep"], "tile_budget.keep");
  }
  return layer;
}

std::optional<BaseMap> parse_basemap(const YamlReader& r, const YAML::Node& node) {
  if (!node) return std::nullopt;
  r.check_keys(node, "basemap", {"tiles", "attribution", "tile_size", "max_zoom", "overlay_tiles"});
  BaseMap b;
  auto urls = [&](const char* key) {
    std::vector<std::string> list = node[key] && node[key].IsScalar()
                                        ? std::vector<std::string>{r.get<std::string>(node, key, "")}
                                        : r.get<std::vector<std::string>>(node, key, {});
    for (const std::string& url : list)
      if (!url.starts_with("http://") && !url.starts_with("https://"))
        r.fail(std::string("basemap.") + key + " must be http(s) URL templates with {z}/{x}/{y}");
    return list;
  };
  b.tiles = urls("tiles");
  if (b.tiles.empty()) r.fail("basemap.tiles is required (an XYZ URL template with {z}/{x}/{y})");
  b.overlay_tiles = urls("overlay_tiles");
  b.attribution = r.get<std::string>(node, "attribution", "");
  b.tile_size = r.get<int>(node, "tile_size", b.tile_size);
  if (b.tile_size != 256 && b.tile_size != 512) r.fail("basemap.tile_size must be 256 or 512");
  b.max_zoom = r.get<int>(node, "max_zoom", b.max_zoom);
  if (b.max_zoom < 0 || b.max_zoom > 24) r.fail("basemap.max_zoom must be 0–24");
  return b;
}

// themes: [水, {name: 土, en: Soil}, …]
std::vector<std::pair<std::string, std::string>> parse_themes(const YamlReader& r, const YAML::Node& node) {
  std::vector<std::pair<std::string, std::string>> themes;
  if (!node) return themes;
  if (!node.IsSequence()) r.fail("'themes' must be a list of theme names or {name, en}");
  for (const YAML::Node& t : node) {
    if (t.IsScalar()) {
      themes.emplace_back(t.as<std::string>(), t.as<std::string>());
    } else {
      r.check_keys(t, "themes", {"name", "en"});
      const std::string name = r.required(t, "name");
      themes.emplace_back(name, r.get<std::string>(t, "en", name));
    }
  }
  return themes;
}

// The limits of docs/SECURITY.md: each a whole number from 1 to a maximum, the message naming
// the field.
void parse_limits(const YamlReader& r, const YAML::Node& node, ServerSettings& s) {
  const auto read = [&](const char* key, auto& field, long long max) {
    const long long value = r.get<long long>(node, key, static_cast<long long>(field));
    if (value < 1 || value > max)
      r.fail("server." + std::string(key) + " must be a whole number from 1 to " + std::to_string(max));
    field = static_cast<std::remove_reference_t<decltype(field)>>(value);
  };
  read("header_timeout_s", s.header_timeout_seconds, 3600);
  read("max_connections", s.max_connections, 1000000);
  read("max_header_kb", s.max_header_kb, 1024);
  read("max_body_kb", s.max_body_kb, 1024 * 1024);
  read("max_page_features", s.max_page_features, 10000000);
  read("max_export_features", s.max_export_features, 1000000000);
  read("max_result_features", s.max_result_features, 1000000000);
  read("max_input_vertices", s.max_input_vertices, 10000000);
  read("max_response_mb", s.max_response_mb, 1024 * 1024);
  read("max_unsent_mb", s.max_unsent_mb, 1024 * 1024);
}

// The server section less the limits' keys, which parse_limits reads and checks.
YAML::Node without_limits(const YAML::Node& node) {
  if (!node.IsMap()) return node;
  YAML::Node rest = YAML::Clone(node);
  for (const char* key :
       {"header_timeout_s", "max_connections", "max_header_kb", "max_body_kb", "max_page_features",
        "max_export_features", "max_result_features", "max_input_vertices", "max_response_mb", "max_unsent_mb"})
    rest.remove(key);
  return rest;
}

ServerSettings parse_server(const YamlReader& r, const YAML::Node& node) {
  ServerSettings s;
  if (!node) return s;
  r.check_keys(without_limits(node), "server",
               {"bind",
                "port",
                "threads",
                "request_timeout_s",
                "public_url",
                "trusted_proxies",
                "worker_threads",
                "job_queue_limit",
                "process_time_limit_s",
                "tile_cache_mb",
                "tile_cache_control",
                "tile_buffer",
                "derived_cache_mb",
                "tile_budget_kb",
                "follow_edits",
                "edit_quiet_ms",
                "metrics_allow",
                "jobs_dir",
                "job_results_ttl_s",
                "job_results_mb",
                "max_jobs",
                "max_jobs_per_owner",
                "anonymous_async",
                "max_exports"});
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
  s.max_jobs_per_owner = r.get<std::size_t>(node, "max_jobs_per_owner", s.max_jobs_per_owner);
  if (s.max_jobs_per_owner == 0) r.fail("server.max_jobs_per_owner must be at least 1");
  s.anonymous_async = r.get<bool>(node, "anonymous_async", s.anonymous_async);
  s.max_exports = r.get<std::size_t>(node, "max_exports", s.max_exports);
  if (s.max_exports == 0) r.fail("server.max_exports must be at least 1");
  s.tile_cache_mb = r.get<std::size_t>(node, "tile_cache_mb", s.tile_cache_mb);
  s.derived_cache_mb = r.get<std::size_t>(node, "derived_cache_mb", s.derived_cache_mb);
  s.tile_budget_kb = r.get<std::size_t>(node, "tile_budget_kb", s.tile_budget_kb);
  s.follow_edits = r.get<bool>(node, "follow_edits", s.follow_edits);
  s.edit_quiet_ms = r.get<unsigned>(node, "edit_quiet_ms", s.edit_quiet_ms);
  if (s.edit_quiet_ms > 60000) r.fail("server.edit_quiet_ms must be 0–60000 milliseconds");
  s.metrics_allow = r.get<std::vector<std::string>>(node, "metrics_allow", s.metrics_allow);
  s.tile_cache_control = r.get<std::string>(node, "tile_cache_control", s.tile_cache_control);
  s.tile_buffer = r.get<int>(node, "tile_buffer", s.tile_buffer);
  if (s.tile_buffer < 0 || s.tile_buffer > 2048)
    r.fail("server.tile_buffer must be 0–2048 tile units (the tile is 4096)");
  parse_limits(r, node, s);
  return s;
}

// `access:` {roles, keys_file, cors_origins, url_token_ttl_s, url_token_max_ttl_s}; the keys
// file is read here, so a reload re-reads it with the rest.
Access parse_access(const YamlReader& r, const YAML::Node& node, const fs::path& base) {
  Access a;
  a.keys_file = base / "keys.yaml";
  if (node) {
    r.check_keys(node, "access", {"roles", "keys_file", "cors_origins", "url_token_ttl_s", "url_token_max_ttl_s"});
    a.roles = r.get<std::vector<std::string>>(node, "roles", a.roles);
    for (std::string_view required : {kPublicRole, kAdminRole})
      if (std::find(a.roles.begin(), a.roles.end(), required) == a.roles.end()) a.roles.emplace_back(required);
    a.keys_file = (base / r.get<std::string>(node, "keys_file", "keys.yaml")).lexically_normal();
    a.cors_origins = r.get<std::vector<std::string>>(node, "cors_origins", {});
    for (const std::string& origin : a.cors_origins)
      if (origin != "*" && !origin.starts_with("http://") && !origin.starts_with("https://"))
        r.fail("access.cors_origins: '" + origin + "' is not an origin (scheme://host[:port]) or *");
    a.url_token_ttl_s = r.get<double>(node, "url_token_ttl_s", a.url_token_ttl_s);
    a.url_token_max_ttl_s = r.get<double>(node, "url_token_max_ttl_s", a.url_token_max_ttl_s);
    if (!(a.url_token_ttl_s > 0) || !(a.url_token_max_ttl_s >= a.url_token_ttl_s))
      r.fail("access: url_token_ttl_s must be positive and at most url_token_max_ttl_s");
  }
  a.keys = read_keys_file(a.keys_file);
  for (const auth::ApiKey& key : a.keys.keys())
    if (std::find(a.roles.begin(), a.roles.end(), key.role) == a.roles.end())
      r.fail("the key " + key.id + " in " + a.keys_file.string() + " gives role '" + key.role +
             "', which access.roles does not list");
  return a;
}

// Every styles/*.json: JSON with a `layers` array of objects each naming its `id` and `type`.
// The style spec itself is checked on the composed styles (tests/browser, the style-spec
// validator); here a broken file stops startup with its name.
std::map<std::string, std::string> load_style_files(const fs::path& dir) {
  std::map<std::string, std::string> styles;
  if (!fs::is_directory(dir)) return styles;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    YamlReader r(entry.path());  // for its messages
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
      r.fail(std::string("not JSON: ") + e.what());
    }
    if (!doc.is_object() || !doc.contains("layers") || !doc["layers"].is_array())
      r.fail("a style file holds {\"layers\": [...]} (MapLibre style layers without source)");
    for (const auto& layer : doc["layers"])
      if (!layer.is_object() || !layer.contains("id") || !layer["id"].is_string() || !layer.contains("type") ||
          !layer["type"].is_string())
        r.fail("every style layer needs a string 'id' and 'type'");
    if (doc.contains("order") && !doc["order"].is_number()) r.fail("'order' must be a number (lower draws first)");
    styles.emplace(entry.path().stem().string(), text.str());
  }
  return styles;
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
  r.check_keys(root, "",
               {"title", "description", "attribution", "catalog", "styles", "web", "basemap", "themes", "fonts",
                "analysis_crs", "server", "rules", "access"});
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
  catalog.attribution = r.get<std::string>(root, "attribution", "");
  catalog.styles_dir = (base / r.get<std::string>(root, "styles", "styles")).lexically_normal();
  catalog.styles = load_style_files(catalog.styles_dir);
  catalog.web_dir = (base / r.get<std::string>(root, "web", "web")).lexically_normal();
  catalog.basemap = parse_basemap(r, root["basemap"]);
  catalog.themes = parse_themes(r, root["themes"]);
  catalog.fonts = read_fonts(r, root);
  catalog.server = parse_server(r, root["server"]);
  catalog.access = parse_access(r, root["access"], base);
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
    for (const std::string& role : layer.roles)
      if (std::find(catalog.access.roles.begin(), catalog.access.roles.end(), role) == catalog.access.roles.end())
        layer_reader.fail("roles: '" + role + "' is not a role of access.roles in " + config_file.string());
    if (!layer.style.empty() && !catalog.styles.contains(layer.style))
      spdlog::warn("{}: no style file {}.json in {}; the layer gets the default style", file.string(), layer.style,
                   catalog.styles_dir.string());
    if (layer.tile_budget.max_bytes == kServerBudget) layer.tile_budget.max_bytes = catalog.server.tile_budget_kb << 10;
    catalog.layers.push_back(std::move(layer));
  }
  return catalog;
}

}  // namespace onemap::catalog
