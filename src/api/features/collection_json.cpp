#include "api/features/collection_json.h"

#include "api/features/crs_params.h"
#include "api/query_params.h"
#include "export/formats.h"

namespace onemap::api {

using nlohmann::json;

nlohmann::json collection_json(const RequestContext& ctx, const store::Layer& layer) {
  const catalog::LayerConfig& c = layer.config;
  std::string url = ctx.base_url + "/collections/" + percent_encode(c.id);
  json crs_list = json::array();
  for (const geo::Crs& crs : supported_crs(*ctx.snapshot)) crs_list.push_back(crs.uri());
  json body = {
      {"id", c.id},
      {"title", c.title},
      {"description", c.description},
      {"itemType", "feature"},
      {"crs", crs_list},
      {"storageCrs", geo::kCrs84.uri()},
      {"links", json::array({make_link(url, "self", "application/json", c.title),
                             make_link(url + "/items", "items", "application/geo+json", c.title + " (GeoJSON)"),
                             make_link(url + "/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
                                       "application/json", c.title + " (vector tiles)")})},
      // OneMap's own additions, for web maps and download tools.
      {"x-onemap-title-en", c.title_en},
      {"x-onemap-theme", c.theme},
      {"featureCount", layer.feature_count()},
      {"minZoom", c.min_zoom},
      {"maxZoom", c.max_zoom},
  };
  // Every download format, as the whole collection (items?f=… and /download take the same filters).
  for (const exports::Format& f : exports::formats())
    body["links"].push_back(
        make_link(ctx.base_url + "/download/" + percent_encode(c.id) + "." + std::string(f.extension), "enclosure",
                  std::string(f.media_type), c.title + " (" + std::string(f.title) + ")"));
  if (!layer.extent.empty())
    body["extent"] = {{"spatial",
                       {{"bbox", json::array({json::array({layer.extent.min_x, layer.extent.min_y, layer.extent.max_x,
                                                           layer.extent.max_y})})},
                        {"crs", geo::kCrs84.uri()}}}};
  json properties = json::object();
  for (const store::Field& f : layer.fields) {
    json schema = {{"type", store::json_type_name(f.type)}};
    if (f.type == store::FieldType::Date) schema["format"] = "date";
    if (f.type == store::FieldType::DateTime) schema["format"] = "date-time";
    // Readable titles from the catalog (layers/*.yaml `fields:`), for popups, tables, legends.
    if (const catalog::FieldTitle* t = catalog::find_field_title(c, f.name)) {
      schema["title"] = t->zh;
      schema["x-onemap-title-en"] = t->en;
      if (!t->values.empty()) {
        json values = json::object();
        for (const catalog::ValueTitle& v : t->values) values[v.value] = {{"zh", v.zh}, {"en", v.en}};
        schema["x-onemap-values"] = values;
      }
    }
    properties[f.name] = schema;
  }
  body["properties"] = properties;
  if (const std::optional<std::size_t> name = layer.name_field_index())
    body["x-onemap-name-field"] = layer.fields[*name].name;
  return body;
}

}  // namespace onemap::api
