#include "tile_test_layers.h"

#include "geo/ogr_convert.h"
#include "tiles/tile_id.h"

#include <ogr_geometry.h>

#include <stdexcept>

namespace onemap::testing {

geo::Geometry from_wkt(const std::string& wkt) {
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) != OGRERR_NONE)
    throw std::runtime_error("bad WKT " + wkt);
  OGRGeometryUniquePtr owned(g);
  auto converted = geo::from_ogr(*owned);
  if (!converted) throw std::runtime_error("empty WKT " + wkt);
  return *converted;
}

geo::Geometry mercator_from_tile_wkt(const tiles::TileSpace& space, const std::string& wkt) {
  geo::Geometry g = from_wkt(wkt);
  for (geo::Coord& c : g.coords) c = {space.min_x + c.x / space.scale, space.max_y - c.y / space.scale};
  return g;
}

namespace {

std::unique_ptr<store::Layer> empty_layer(const std::string& id, int min_zoom, int max_zoom) {
  auto layer = std::make_unique<store::Layer>();
  layer->config.id = layer->config.source_layer = id;
  layer->config.title = "title of " + id;
  layer->config.min_zoom = min_zoom;
  layer->config.max_zoom = max_zoom;
  layer->fields = {{"name", store::FieldType::String},
                   {"count", store::FieldType::Integer},
                   {"ratio", store::FieldType::Real},
                   {"flag", store::FieldType::Boolean}};
  return layer;
}

void add(store::Layer& layer, std::vector<store::Value> values, const geo::Geometry& lonlat) {
  values.resize(layer.fields.size());
  layer.add_feature(std::to_string(layer.feature_count() + 1), std::move(values), lonlat);
  if (!lonlat.empty() && layer.kind == store::GeometryKind::None)
    layer.kind = geo::is_polygonal(lonlat.type) ? store::GeometryKind::Polygon
                 : geo::is_lineal(lonlat.type)  ? store::GeometryKind::Line
                                                : store::GeometryKind::Point;
}

}  // namespace

std::unique_ptr<store::Layer> make_layer(const std::string& id, const std::vector<TestFeature>& features, int min_zoom,
                                         int max_zoom) {
  auto layer = empty_layer(id, min_zoom, max_zoom);
  for (const TestFeature& f : features) add(*layer, f.values, from_wkt(f.lonlat_wkt));
  layer->finish();
  return layer;
}

std::unique_ptr<store::Layer> make_mercator_layer(const std::string& id, const std::vector<geo::Geometry>& mercator,
                                                  int min_zoom, int max_zoom) {
  auto layer = empty_layer(id, min_zoom, max_zoom);
  for (const geo::Geometry& m : mercator) {
    geo::Geometry lonlat = m;
    for (geo::Coord& c : lonlat.coords) c = tiles::mercator_to_lonlat(c);
    add(*layer, {}, lonlat);
  }
  layer->finish();
  return layer;
}

std::vector<std::vector<tiles::TilePoint>> paths_of(const tiles::TileGeometry& g) {
  std::vector<std::vector<tiles::TilePoint>> out;
  for (std::size_t i = 0; i < g.path_ends.size(); ++i)
    out.emplace_back(g.points.begin() + g.path_begin(i), g.points.begin() + g.path_ends[i]);
  return out;
}

}  // namespace onemap::testing
