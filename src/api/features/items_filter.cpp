#include "api/features/items_filter.h"

#include "api/errors.h"
#include "api/features/crs_params.h"

namespace onemap::api {
namespace {

constexpr std::size_t kNamesListed = 12;

// The layer of townships: the one rules.yaml names (township_layer), else a layer "townships".
const store::Layer& township_layer(const RequestContext& ctx) {
  const std::string& configured = ctx.snapshot->catalog.rules.township_layer;
  const std::string id = configured.empty() ? "townships" : configured;
  const store::Layer* layer = ctx.find_layer(id);
  if (!layer || layer->kind != store::GeometryKind::Polygon)
    throw NotFound("township= needs a polygon collection of townships ('" + id +
                   "', or rules.yaml township_layer); this server has none");
  return *layer;
}

std::string text_of(const store::ValueRef& v) {
  const auto* text = std::get_if<std::string_view>(&v);
  return text ? std::string(*text) : std::string();
}

// The township whose id or name is `key`, with its name; NotFound listing some names otherwise.
std::uint32_t find_township(const store::Layer& townships, const std::string& key, std::string& name) {
  const std::optional<std::size_t> name_field = townships.name_field_index();
  auto name_of = [&](std::uint32_t i) {
    std::string n = name_field ? text_of(townships.value(i, *name_field)) : "";
    return n.empty() ? townships.feature_id(i) : n;
  };
  std::optional<std::uint32_t> found = townships.find_feature(key);
  for (std::uint32_t i = 0; !found && name_field && i < townships.feature_count(); ++i)
    if (text_of(townships.value(i, *name_field)) == key) found = i;
  if (found) {
    name = name_of(*found);
    return *found;
  }
  std::string some;
  for (std::uint32_t i = 0; i < townships.feature_count() && i < kNamesListed; ++i)
    some += (some.empty() ? "" : ", ") + name_of(i);
  if (townships.feature_count() > kNamesListed) some += ", …";
  throw NotFound("no township '" + key.substr(0, 100) + "' in collection '" + townships.config.id +
                 "' (by name or id); it has: " + some);
}

}  // namespace

Township find_township(const RequestContext& ctx, const std::string& name_or_id) {
  const store::Layer& townships = township_layer(ctx);
  Township t;
  const std::uint32_t i = find_township(townships, name_or_id, t.name);
  t.id = townships.feature_id(i);
  t.area = townships.lonlat_geometry(i);
  return t;
}

std::set<std::string> filter_params(const store::Layer& layer) {
  std::set<std::string> names = {"bbox", "bbox-crs", "township", "clip"};
  for (const store::Field& f : layer.fields) names.insert(f.name);
  return names;
}

ItemsFilter items_filter(const RequestContext& ctx, const store::Layer& layer) {
  ItemsFilter filter;
  query::ItemsQuery& q = filter.query;
  q.bbox = bbox_param(ctx);
  for (const auto& [name, text] : ctx.target.params) {
    if (name == "bbox" || name == "bbox-crs" || name == "township" || name == "clip") continue;
    auto field = layer.field_index(name);
    if (!field) continue;
    auto value = store::parse_value(layer.fields[*field].type, text);
    if (!value)
      throw BadRequest("property " + name + " holds " + store::json_type_name(layer.fields[*field].type) +
                       " values; '" + text.substr(0, 100) + "' is not one");
    q.filters.push_back({*field, std::move(*value)});
  }
  if (const std::string* clip = ctx.param("clip")) {
    if (*clip != "true" && *clip != "false") throw BadRequest("clip=" + clip->substr(0, 100) + ": use true or false");
    filter.clip = *clip == "true";
  }
  const std::string* township = ctx.param("township");
  if (filter.clip && !township) throw BadRequest("clip=true cuts features to a township: give township=NAME_OR_ID");
  if (township) {
    const Township t = find_township(ctx, *township);
    q.area = t.area;
    filter.township = t.name;
    q.clip_to_area = filter.clip;
  }
  return filter;
}

}  // namespace onemap::api
