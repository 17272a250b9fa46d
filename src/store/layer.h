#pragma once
// One published layer, held in memory and never modified after loading: safe to read from any
// number of threads. Features are rows of columns (ids, attributes, geometries) in source order:
// feature i is row i of each.
#include "catalog/catalog.h"
#include "geo/geometry.h"
#include "geo/geometry_columns.h"
#include "geo/spatial_index.h"
#include "store/attribute_columns.h"
#include "store/derived_cache.h"
#include "store/id_column.h"
#include "store/tile_thinning.h"
#include "store/value.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace onemap::store {

enum class GeometryKind { Point, Line, Polygon, None };

// 0 for points, 1 for lines, 2 for polygons (and no geometry): OGC's geometry dimension, and
// the order maps draw in (higher first, underneath).
inline int geometry_dimension(GeometryKind kind) {
  return kind == GeometryKind::Point ? 0 : kind == GeometryKind::Line ? 1 : 2;
}

// The kind a geometry is of: multi types are of their single type's kind.
inline GeometryKind geometry_kind(geo::GeometryType type) {
  if (geo::is_polygonal(type)) return GeometryKind::Polygon;
  if (geo::is_lineal(type)) return GeometryKind::Line;
  return GeometryKind::Point;
}

struct Layer {
  catalog::LayerConfig config;
  std::vector<Field> fields;
  bool numeric_ids = true;  // ids written as JSON numbers (and usable as MVT ids)
  // The kind the source declares, else the one most features have: what its style draws.
  GeometryKind kind = GeometryKind::None;
  // The kinds its features hold, points first; set by finish(). One for most layers, more when a
  // source mixes them (tailings ponds as points or polygons), none when no feature has geometry.
  std::vector<GeometryKind> kinds;
  std::string source_crs_wkt;  // as the source declares it
  std::optional<int> source_epsg;

  IdColumn ids;                 // as they appear in /items/{featureId}
  AttributeColumns attributes;  // one column per `fields` entry
  // One topology, two coordinate columns: OGC CRS84 (output, filters, and tiles, which project
  // to Web Mercator as they cut) and the analysis CRS (metres, x = easting), filled by
  // project_to_metric.
  static constexpr std::size_t kLonLat = 0;
  static constexpr std::size_t kMetric = 1;
  geo::GeometryColumns geometries{2};
  geo::Envelope extent;                             // of the lon/lat geometries
  std::unique_ptr<geo::SpatialIndex> index;         // over the lon/lat envelopes
  std::vector<geo::Envelope> metric_envelopes;      // of the metric geometries, index-aligned
  std::unique_ptr<geo::SpatialIndex> metric_index;  // over `metric_envelopes`, for distance searches
  std::size_t repaired_geometries = 0;
  TileThinning thinning;  // which features each zoom's tiles leave out to keep within budget
  // A digest of the contents and of the configuration its tiles depend on (fingerprint.h), set
  // when loaded: what tile URLs and caches are keyed by. Equal on every replica holding the same
  // data, and back to the same value when an edit is undone.
  std::uint64_t version = 0;
  // Indexes built on demand by analysis (derived_cache.h), keyed by layer and version: the
  // snapshot's one cache, shared by its layers under one budget and kept by a reload of some
  // layers for the others; a layer made outside a snapshot (tests) has its own.
  std::shared_ptr<DerivedCache> derived = std::make_shared<DerivedCache>(kDefaultDerivedCacheBytes);

  // Building (the loader; tests): `fields` first, then add every feature, then finish().
  void add_feature(std::string_view id, const std::vector<Value>& values, const geo::Geometry& lonlat);
  // Frees the spare capacity the additions left and builds the id lookup, the extent, `kinds`
  // and the lon/lat index. Returns an id that occurs more than once, if any.
  std::optional<std::string> finish();
  bool mixed_kinds() const { return kinds.size() > 1; }

  std::optional<std::size_t> field_index(std::string_view name) const;
  // The property features are named by (search, labels): the catalog's name_field, else "name";
  // nullopt when the layer has neither.
  std::optional<std::size_t> name_field_index() const;

  // What the edge (src/api) reads of a layer's contents; the vectors and indexes above belong
  // to the store, tiles and analysis, and a live source may hold them differently.
  std::size_t feature_count() const { return ids.size(); }
  std::string feature_id(std::uint32_t i) const { return ids.at(i); }
  // The id as an integer, when the layer's ids are numeric (JSON writes it as a number).
  std::optional<std::int64_t> numeric_id(std::uint32_t i) const { return numeric_ids ? ids.number(i) : std::nullopt; }
  // The same when not negative, for MVT feature ids and GeoPackage FIDs.
  std::optional<std::uint64_t> unsigned_id(std::uint32_t i) const;
  ValueRef value(std::uint32_t i, std::size_t field) const { return attributes.get(i, field); }
  std::vector<Value> values(std::uint32_t i) const { return attributes.row(i); }
  std::optional<std::uint32_t> find_feature(std::string_view id) const { return ids.find(id); }
  geo::GeometryView lonlat_geometry(std::uint32_t i) const { return geometries.view(i, kLonLat); }
  geo::GeometryView metric_geometry(std::uint32_t i) const { return geometries.view(i, kMetric); }
  bool has_geometry(std::uint32_t i) const { return !geometries.empty(i); }
};

}  // namespace onemap::store
