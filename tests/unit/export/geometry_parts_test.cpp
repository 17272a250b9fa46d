// How a layer's geometry kinds are laid out in a format's files: one typed layer for one kind,
// one layer of any geometry or a file per kind (Shapefile) for several, multi types joining
// their single kind, and where features without geometry go.
#include "export/geometry_parts.h"

#include "geo/ogr_convert.h"

#include <gtest/gtest.h>

#include <memory>

using namespace onemap;
using exports::GeometryPart;
using store::GeometryKind;

namespace {

// A layer of these WKT geometries ("" for none), of the kind a source would declare.
std::unique_ptr<store::Layer> layer_of(const std::vector<std::string>& wkts, GeometryKind kind) {
  auto layer = std::make_unique<store::Layer>();
  layer->kind = kind;
  for (std::size_t i = 0; i < wkts.size(); ++i) {
    geo::Geometry g;
    if (!wkts[i].empty()) {
      OGRGeometry* ogr = nullptr;
      OGRGeometryFactory::createFromWkt(wkts[i].c_str(), nullptr, &ogr);
      OGRGeometryUniquePtr owned(ogr);
      g = *geo::from_ogr(*owned);
    }
    layer->add_feature(std::to_string(i + 1), {}, g);
  }
  layer->finish();
  return layer;
}

std::vector<std::uint32_t> all(const store::Layer& layer) {
  std::vector<std::uint32_t> ids(layer.feature_count());
  for (std::uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
  return ids;
}

const exports::Format& format(const char* key) { return *exports::format_by_key(key); }

}  // namespace

TEST(GeometryParts, OneKindIsOneLayerOfItsTypeMultiWhenAnyFeatureIs) {
  auto polygons =
      layer_of({"POLYGON ((0 0, 1 0, 1 1, 0 0))", "MULTIPOLYGON (((2 2, 3 2, 3 3, 2 2)))", ""}, GeometryKind::Polygon);
  EXPECT_EQ(polygons->kinds, std::vector<GeometryKind>{GeometryKind::Polygon});
  for (const char* key : {"gpkg", "shp", "fgb"}) {
    const std::vector<GeometryPart> parts = exports::geometry_parts(*polygons, all(*polygons), format(key), false);
    ASSERT_EQ(parts.size(), 1u) << key;
    EXPECT_EQ(parts[0].type, wkbMultiPolygon) << key;
    EXPECT_TRUE(parts[0].as_multi);
    EXPECT_EQ(parts[0].suffix, "");
  }
  auto points = layer_of({"POINT (0 0)", "POINT (1 1)"}, GeometryKind::Point);
  EXPECT_EQ(exports::geometry_parts(*points, all(*points), format("shp"), true)[0].type,
            wkbPoint);  // clip cuts no point
  auto lines = layer_of({"LINESTRING (0 0, 1 1)"}, GeometryKind::Line);
  EXPECT_EQ(exports::geometry_parts(*lines, all(*lines), format("fgb"), false)[0].type, wkbLineString);
  EXPECT_EQ(exports::geometry_parts(*lines, all(*lines), format("fgb"), true)[0].type, wkbMultiLineString);  // cut up
}

TEST(GeometryParts, SeveralKindsAreOneLayerOfAnyGeometryOrAFilePerKind) {
  // Points (one of them a multipoint), a polygon, and a feature without geometry; mostly points.
  auto ponds =
      layer_of({"POINT (0 0)", "MULTIPOINT ((1 1), (2 2))", "POLYGON ((0 0, 1 0, 1 1, 0 0))", ""}, GeometryKind::Point);
  EXPECT_EQ(ponds->kinds, (std::vector<GeometryKind>{GeometryKind::Point, GeometryKind::Polygon}));
  EXPECT_TRUE(ponds->mixed_kinds());
  for (const char* key : {"gpkg", "kml", "geojson", "csv", "fgb"}) {
    const std::vector<GeometryPart> parts = exports::geometry_parts(*ponds, all(*ponds), format(key), false);
    ASSERT_EQ(parts.size(), 1u) << key;
    EXPECT_EQ(parts[0].type, wkbUnknown) << key;
    EXPECT_FALSE(parts[0].as_multi);
    EXPECT_EQ(exports::part_for(parts, geo::GeometryType::Polygon), 0u);
  }
  const std::vector<GeometryPart> shp = exports::geometry_parts(*ponds, all(*ponds), format("shp"), false);
  ASSERT_EQ(shp.size(), 2u);
  EXPECT_EQ(shp[0].suffix, "_point");
  EXPECT_EQ(shp[0].type, wkbMultiPoint);  // the multipoint joins the points
  EXPECT_EQ(shp[1].suffix, "_polygon");
  EXPECT_EQ(shp[1].type, wkbPolygon);
  EXPECT_EQ(exports::part_for(shp, geo::GeometryType::Point), 0u);
  EXPECT_EQ(exports::part_for(shp, geo::GeometryType::MultiPoint), 0u);
  EXPECT_EQ(exports::part_for(shp, geo::GeometryType::Polygon), 1u);
  EXPECT_EQ(exports::part_for(shp, geo::GeometryType::MultiPolygon), 1u);
  EXPECT_EQ(exports::part_for(shp, std::nullopt), 0u);  // without geometry: with the layer's own kind
  EXPECT_EQ(exports::part_for(shp, geo::GeometryType::LineString), std::nullopt);

  // The parts follow the layer, not the selection: a selection of the polygon alone still has both.
  const std::vector<GeometryPart> polygon_only = exports::geometry_parts(*ponds, {2}, format("shp"), false);
  ASSERT_EQ(polygon_only.size(), 2u);
  EXPECT_EQ(polygon_only[0].type, wkbPoint);  // no multipoint selected
}

TEST(GeometryParts, ALayerWithoutGeometryIsOneLayerWithoutIt) {
  auto table = layer_of({"", ""}, GeometryKind::None);
  EXPECT_TRUE(table->kinds.empty());
  const std::vector<GeometryPart> parts = exports::geometry_parts(*table, all(*table), format("gpkg"), false);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].type, wkbNone);
  EXPECT_EQ(exports::part_for(parts, std::nullopt), 0u);
}
