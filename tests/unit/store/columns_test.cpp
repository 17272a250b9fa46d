// The column store a layer is held in: ids (integers, then text when one id is not), attributes
// (typed, nulls, repeated text kept once) and geometries (one topology, a coordinate column per
// CRS), read back exactly as they were added.
#include "geo/geometry_columns.h"
#include "store/attribute_columns.h"
#include "store/id_column.h"

#include <gtest/gtest.h>

using namespace onemap;
using store::Value;

TEST(IdColumn, IntegerIdsAreFoundInAnyOrder) {
  store::IdColumn ids;
  for (const char* id : {"30", "10", "-5", "20"}) ids.append(id);
  EXPECT_FALSE(ids.seal());
  EXPECT_EQ(ids.at(2), "-5");
  EXPECT_EQ(ids.number(0), 30);
  EXPECT_EQ(ids.find("20"), 3u);
  EXPECT_EQ(ids.find("-5"), 2u);
  EXPECT_FALSE(ids.find("15"));
  EXPECT_FALSE(ids.find("020"));  // not the id "20": ids are text compared as written
  EXPECT_FALSE(ids.find("abc"));
}

TEST(IdColumn, OneTextIdTurnsTheColumnToText) {
  store::IdColumn ids;
  for (const char* id : {"2", "1", "007", "HN-1"}) ids.append(id);
  EXPECT_FALSE(ids.seal());
  EXPECT_FALSE(ids.number(0));
  EXPECT_EQ(ids.at(0), "2");
  EXPECT_EQ(ids.at(2), "007");
  EXPECT_EQ(ids.find("007"), 2u);
  EXPECT_EQ(ids.find("HN-1"), 3u);
  EXPECT_EQ(ids.find("1"), 1u);
  EXPECT_FALSE(ids.find("7"));
}

TEST(IdColumn, SealNamesARepeatedId) {
  store::IdColumn numbers, texts;
  for (const char* id : {"1", "2", "1"}) numbers.append(id);
  EXPECT_EQ(numbers.seal(), "1");
  for (const char* id : {"b", "a", "b"}) texts.append(id);
  EXPECT_EQ(texts.seal(), "b");
}

TEST(AttributeColumns, ValuesNullsAndRepeatedTextReadBackAsAdded) {
  const std::vector<store::Field> fields = {{"name", store::FieldType::String},
                                            {"n", store::FieldType::Integer},
                                            {"r", store::FieldType::Real},
                                            {"ok", store::FieldType::Boolean},
                                            {"d", store::FieldType::Date}};
  store::AttributeColumns columns(fields);
  const std::vector<std::vector<Value>> rows = {
      {std::string("优先保护类"), std::int64_t{-3}, 1.5, true, std::string("2024-05-01")},
      {std::string("优先保护类"), Value{}, Value{}, false, Value{}},
      {Value{}, std::int64_t{1} << 40, 0.0, Value{}, std::string("2024-05-02")},
  };
  for (const auto& row : rows) columns.append(row);
  columns.seal();
  ASSERT_EQ(columns.size(), 3u);
  for (std::uint32_t i = 0; i < rows.size(); ++i) EXPECT_EQ(columns.row(i), rows[i]) << i;
  EXPECT_EQ(std::get<std::string_view>(columns.get(1, 0)), "优先保护类");
  // An integer given to a real column is kept as the number it is.
  store::AttributeColumns reals({{"r", store::FieldType::Real}});
  reals.append({std::int64_t{2}});
  EXPECT_EQ(std::get<double>(reals.get(0, 0)), 2.0);
}

TEST(TextPool, KeepsRepeatsOnceAndPushAlwaysAppends) {
  store::TextPool pool;
  EXPECT_EQ(pool.add("耕地"), 0u);
  EXPECT_EQ(pool.add("园地"), 1u);
  EXPECT_EQ(pool.add("耕地"), 0u);
  EXPECT_EQ(pool.push("耕地"), 2u);
  pool.seal();
  EXPECT_EQ(pool.at(1), "园地");
  EXPECT_EQ(pool.at(2), "耕地");
}

TEST(GeometryColumns, ViewsShareTheTopologyAcrossCrss) {
  geo::Geometry square;
  square.type = geo::GeometryType::MultiPolygon;
  square.begin_part();
  square.add_path({{0, 0}, {1, 0}, {1, 1}, {0, 0}});
  square.begin_part();
  square.add_path({{5, 5}, {6, 5}, {6, 6}, {5, 5}});
  geo::Geometry point;
  point.begin_part();
  point.add_path({{3, 4}});
  geo::GeometryColumns columns(2);
  columns.append(point);
  columns.append(geo::Geometry{});  // a null geometry
  columns.append(square);
  EXPECT_TRUE(columns.view(0, 1).empty());  // CRS 1 not set yet
  std::vector<geo::Coord> doubled = columns.coords(0);
  for (geo::Coord& c : doubled) c = {2 * c.x, 2 * c.y};
  columns.set_coords(1, doubled);
  columns.shrink_to_fit();

  EXPECT_TRUE(columns.empty(1));
  EXPECT_FALSE(columns.empty(2));
  const geo::Geometry back = geo::copy_geometry(columns.view(2, 0));
  EXPECT_EQ(back.type, square.type);
  EXPECT_EQ(back.coords, square.coords);
  EXPECT_EQ(back.path_ends, square.path_ends);
  EXPECT_EQ(back.part_ends, square.part_ends);
  const geo::GeometryView metric = columns.view(2, 1);
  ASSERT_EQ(metric.part_count(), 2u);
  EXPECT_EQ(metric.coords[geo::path_coords(metric, 1).begin], (geo::Coord{10, 10}));
  EXPECT_EQ(columns.view(0, 1).coords[0], (geo::Coord{6, 8}));
  EXPECT_THROW(columns.set_coords(1, {}), std::exception);
}
