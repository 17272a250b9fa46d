// A real OGC API client: GDAL's OAPIF driver (ogr2ogr) downloads every demo collection, paging
// through `next` links, and what it gets must equal the source GeoPackage feature for feature.
#include "demo_server.h"
#include "fixtures.h"
#include "geo/gdal_handles.h"

#include <gtest/gtest.h>

#include <map>

using namespace onemap::testing;

namespace {

const char* kLayers[] = {"townships", "water_sections", "rivers",         "water_protection_zones", "polluted_plots",
                         "farmland",  "enterprises",    "tailings_ponds", "built_up_area",          "terrain_zones"};

struct Row {
  std::map<std::string, std::string> fields;
  OGRGeometryUniquePtr geometry;
};

// id → row; ids are the source FIDs, or the "id" field GDAL's OAPIF client reports them in.
std::map<long long, Row> read_rows(OGRLayer& layer, bool id_from_field) {
  std::map<long long, Row> rows;
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (const auto& f : layer) {
    Row row;
    long long id = f->GetFID();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      std::string name = defn->GetFieldDefn(i)->GetNameRef();
      if (name == "id" && id_from_field) {
        id = std::stoll(f->GetFieldAsString(i));
        continue;
      }
      row.fields[name] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>";
    }
    if (f->GetGeometryRef()) row.geometry.reset(f->GetGeometryRef()->clone());
    rows.emplace(id, std::move(row));
  }
  return rows;
}

}  // namespace

TEST(OgrClient, Ogr2ogrDownloadsEveryCollectionIntact) {
  ASSERT_TRUE(std::filesystem::exists(kDemoGpkg));
  ServerProcess server({"--config", kDemoConfig});
  TempDir dir;
  auto source = onemap::geo::open_vector_source(kDemoGpkg);
  for (const char* layer : kLayers) {
    SCOPED_TRACE(layer);
    std::string out = (dir / (std::string(layer) + ".gpkg")).string();
    auto r = run_command("ogr2ogr -f GPKG " + out + " OAPIF:" + server.url() + " " + layer);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto copy = onemap::geo::open_vector_source(out);
    OGRLayer* copied = copy->GetLayer(0);
    bool id_field = copied->GetLayerDefn()->GetFieldIndex("id") >= 0;
    auto expected = read_rows(*source->GetLayerByName(layer), false);
    auto actual = read_rows(*copied, id_field);
    ASSERT_EQ(actual.size(), expected.size());
    for (const auto& [id, row] : expected) {
      auto it = actual.find(id);
      ASSERT_NE(it, actual.end()) << "feature " << id << " missing";
      for (const auto& [name, value] : row.fields) {
        auto field = it->second.fields.find(name);
        ASSERT_NE(field, it->second.fields.end()) << name;
        EXPECT_EQ(field->second, value) << id << "." << name;
      }
      ASSERT_TRUE(it->second.geometry && row.geometry);
      EXPECT_TRUE(it->second.geometry->Equals(row.geometry.get())) << id;  // topological equality (GEOS)
    }
  }
}
