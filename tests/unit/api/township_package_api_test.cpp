// A township's offline package through the Api: the zip's parts, data.gpkg (every layer cut to
// the township, QGIS's layer_styles), basemap.mbtiles (read by GDAL's MBTiles driver and as
// SQLite), the QGIS project, the cache, and an unknown township.
#include "download_fixture.h"
#include "download_reader.h"
#include "export/qml_style.h"
#include "export/township_package.h"

#include <gtest/gtest.h>

#include <cpl_conv.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <set>

using namespace onemap;
using nlohmann::json;
using onemap::testing::DownloadFixture;
using onemap::testing::TempDir;

namespace {

const DownloadFixture& fixture() {
  static DownloadFixture f(2, /*with_springs=*/true);
  return f;
}

const char* const kKejing = "/download/township/%E5%85%8B%E4%BA%95%E9%95%87";  // 克井镇

// The package written to dir/package.zip and its parts copied out of it.
void unpack(const std::string& bytes, const TempDir& dir) {
  std::ofstream(dir / "package.zip", std::ios::binary) << bytes;
  for (const char* part : {"data.gpkg", "basemap.mbtiles", "township.qgs"}) {
    const std::string from = "/vsizip/" + (dir / "package.zip").string() + "/" + part;
    ASSERT_EQ(CPLCopyFile((dir / part).c_str(), from.c_str()), 0) << part;
  }
}

std::set<std::string> item_ids(const std::string& target) {
  json fc = DownloadFixture::body(fixture().get(target));
  std::set<std::string> ids;
  for (const auto& f : fc["features"]) ids.insert(f["id"].is_string() ? f["id"].get<std::string>() : f["id"].dump());
  return ids;
}

// One integer from an SQLite query on the file.
long long sqlite_count(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  long long n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

}  // namespace

TEST(TownshipPackage, HoldsTheLayersCutToTheTownshipWithTheirStyles) {
  const http::Response r = fixture().get(kKejing);
  ASSERT_EQ(r.result_int(), 200) << r.body().read_all().substr(0, 300);
  EXPECT_EQ(r[http::beast_http::field::content_type], "application/zip");
  const std::string name = onemap::testing::disposition_filename(r[http::beast_http::field::content_disposition]);
  EXPECT_TRUE(name.starts_with("克井镇-") && name.ends_with(".zip")) << name;
  EXPECT_EQ(r.body().size(), r.body().read_all().size());  // a file body: its length is known before sending

  const std::string bytes = r.body().read_all();
  std::set<std::string> entries;
  for (const auto& e : onemap::testing::zip_entries(bytes)) {
    entries.insert(e.name);
    EXPECT_TRUE(e.central_flags & 0x800) << e.name;  // UTF-8 flagged
  }
  EXPECT_EQ(entries, (std::set<std::string>{"data.gpkg", "basemap.mbtiles", "township.qgs"}));
  TempDir dir;
  unpack(bytes, dir);

  geo::GdalDatasetPtr gpkg(GDALDataset::Open((dir / "data.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(gpkg);
  // The township buffered a little: clipped geometries lie within it.
  OGRGeometry* township = nullptr;
  OGRGeometryFactory::createFromWkt("POLYGON ((112.0 35.0, 112.2 35.0, 112.2 35.2, 112.0 35.2, 112.0 35.0))", nullptr,
                                    &township);
  OGRGeometryUniquePtr area(township->Buffer(1e-7));
  OGRGeometryFactory::destroyGeometry(township);
  for (const char* id : {"townships", "plots", "wells", "ponds", "springs"}) {
    OGRLayer* layer = gpkg->GetLayerByName(id);
    ASSERT_NE(layer, nullptr) << id;
    std::set<std::string> ids;
    for (auto& f : *layer) {
      ids.insert(std::to_string(f->GetFID()));
      const OGRGeometry* g = f->GetGeometryRef();
      if (g) {
        EXPECT_TRUE(g->Within(area.get())) << id << " " << f->GetFID();
      }
    }
    EXPECT_EQ(ids, item_ids(std::string("/collections/") + id +
                            "/items?township=%E5%85%8B%E4%BA%95%E9%95%87&clip=true&limit=1000"))
        << id;
  }
  EXPECT_EQ(gpkg->GetLayerByName("springs")->GetFeatureCount(), 0);  // none in 克井镇: present and empty

  OGRLayer* styles = gpkg->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  std::set<std::string> styled;
  for (auto& f : *styles) {
    styled.insert(f->GetFieldAsString("f_table_name"));
    EXPECT_EQ(f->GetFieldAsInteger("useAsDefault"), 1);
    EXPECT_STREQ(f->GetFieldAsString("f_geometry_column"), "geom");
    const std::string qml = f->GetFieldAsString("styleQML");
    EXPECT_NE(qml.find("<renderer-v2 type=\"singleSymbol\""), std::string::npos) << qml.substr(0, 200);
  }
  EXPECT_EQ(styled, (std::set<std::string>{"townships", "plots", "wells", "ponds", "springs"}));
  OGRLayer* contents =
      gpkg->ExecuteSQL("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'", nullptr, nullptr);
  ASSERT_NE(contents, nullptr);
  OGRFeatureUniquePtr row(contents->GetNextFeature());
  ASSERT_TRUE(row);
  EXPECT_STREQ(row->GetFieldAsString(0), "attributes");
  gpkg->ReleaseResultSet(contents);

  // The base map: GDAL's MBTiles driver opens it as vector tiles; rows at zoom 10 and 16.
  const char* const mbtiles_only[] = {"MBTiles", nullptr};
  geo::GdalDatasetPtr mbtiles(
      GDALDataset::Open((dir / "basemap.mbtiles").c_str(), GDAL_OF_VECTOR, mbtiles_only, nullptr, nullptr));
  ASSERT_TRUE(mbtiles);
  EXPECT_GT(mbtiles->GetLayerCount(), 0);
  EXPECT_NE(mbtiles->GetLayerByName("plots"), nullptr);
  const auto file = dir / "basemap.mbtiles";
  EXPECT_GT(sqlite_count(file, "SELECT COUNT(*) FROM tiles WHERE zoom_level = 10"), 0);
  EXPECT_GT(sqlite_count(file, "SELECT COUNT(*) FROM tiles WHERE zoom_level = 16"), 0);
  EXPECT_EQ(sqlite_count(file, "SELECT COUNT(*) FROM metadata WHERE name = 'format' AND value = 'pbf'"), 1);
  EXPECT_EQ(sqlite_count(file, "SELECT value FROM metadata WHERE name = 'maxzoom'"), 16);

  std::ifstream qgs(dir / "township.qgs");
  const std::string project((std::istreambuf_iterator<char>(qgs)), std::istreambuf_iterator<char>());
  EXPECT_NE(project.find("./data.gpkg|layername=plots"), std::string::npos);
  // Points over polygons: wells come before plots in the layer tree.
  EXPECT_LT(project.find("layername=wells"), project.find("layername=plots"));
}

TEST(TownshipPackage, ALayerOfTwoGeometryKindsKeepsEveryGeometryAndIsAQgisLayerPerKind) {
  const http::Response r = fixture().get(kKejing);
  ASSERT_EQ(r.result_int(), 200) << r.body().read_all().substr(0, 300);
  TempDir dir;
  unpack(r.body().read_all(), dir);

  // data.gpkg: the ponds' table of any geometry, every pond with its own.
  geo::GdalDatasetPtr gpkg(GDALDataset::Open((dir / "data.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(gpkg);
  OGRLayer* ponds = gpkg->GetLayerByName("ponds");
  ASSERT_NE(ponds, nullptr);
  EXPECT_EQ(wkbFlatten(ponds->GetGeomType()), wkbUnknown);
  std::map<std::string, OGRwkbGeometryType> types;
  for (auto& f : *ponds) {
    const OGRGeometry* g = f->GetGeometryRef();
    EXPECT_TRUE(g && !g->IsEmpty()) << "pond " << f->GetFID() << " has lost its geometry";
    types[std::to_string(f->GetFID())] = g ? wkbFlatten(g->getGeometryType()) : wkbNone;
  }
  EXPECT_EQ(types, (std::map<std::string, OGRwkbGeometryType>{{"1", wkbPoint}, {"2", wkbPoint}, {"3", wkbPolygon}}));

  // township.qgs: a QGIS layer per kind, titled by it, each with its kind's symbol, points on top.
  std::ifstream qgs(dir / "township.qgs");
  const std::string project((std::istreambuf_iterator<char>(qgs)), std::istreambuf_iterator<char>());
  auto map_layer = [&](const std::string& source) {
    const std::size_t at = project.find("<datasource>" + source + "</datasource>");
    return at == std::string::npos ? std::string() : project.substr(at, project.find("</maplayer>", at) - at);
  };
  const std::string points = map_layer("./data.gpkg|layername=ponds|geometrytype=Point");
  const std::string polygons = map_layer("./data.gpkg|layername=ponds|geometrytype=Polygon");
  EXPECT_NE(points.find("<layername>ponds（点）</layername>"), std::string::npos) << points;
  EXPECT_NE(points.find("class=\"SimpleMarker\""), std::string::npos) << points;
  EXPECT_NE(polygons.find("<layername>ponds（面）</layername>"), std::string::npos) << polygons;
  EXPECT_NE(polygons.find("class=\"SimpleFill\""), std::string::npos) << polygons;
  EXPECT_EQ(project.find("layername=ponds\""), std::string::npos) << "no QGIS layer of mixed geometry";
  EXPECT_LT(project.find("ponds|geometrytype=Point"), project.find("ponds|geometrytype=Polygon"));
  // A layer of one kind stays one QGIS layer.
  EXPECT_NE(project.find("<datasource>./data.gpkg|layername=wells</datasource>"), std::string::npos);

  // basemap.mbtiles draws both kinds.
  const char* const mbtiles_only[] = {"MBTiles", nullptr};
  const char* const zoom[] = {"ZOOM_LEVEL=12", nullptr};
  geo::GdalDatasetPtr mbtiles(
      GDALDataset::Open((dir / "basemap.mbtiles").c_str(), GDAL_OF_VECTOR, mbtiles_only, zoom, nullptr));
  ASSERT_TRUE(mbtiles);
  OGRLayer* tiled = mbtiles->GetLayerByName("ponds");
  ASSERT_NE(tiled, nullptr);
  std::set<OGRwkbGeometryType> tiled_types;
  for (auto& f : *tiled)
    if (const OGRGeometry* g = f->GetGeometryRef()) tiled_types.insert(wkbFlatten(g->getGeometryType()));
  EXPECT_TRUE(tiled_types.count(wkbPoint) || tiled_types.count(wkbMultiPoint));
  EXPECT_TRUE(tiled_types.count(wkbPolygon) || tiled_types.count(wkbMultiPolygon));
}

TEST(TownshipPackage, TheSecondRequestIsTheCachedFile) {
  const http::Response first = fixture().get(kKejing);
  const http::Response second = fixture().get("/download/township/1");  // the same township by id
  ASSERT_EQ(first.result_int(), 200);
  ASSERT_EQ(second.result_int(), 200);
  EXPECT_EQ(second["X-Cache"], "HIT");
  EXPECT_EQ(first.body().read_all(), second.body().read_all());
}

TEST(TownshipPackage, AnUnknownTownshipIsA404NamingTheTownships) {
  const http::Response r = fixture().get("/download/township/%E4%B8%8D%E5%AD%98%E5%9C%A8");
  EXPECT_EQ(r.result_int(), 404);
  const std::string body = r.body().read_all();
  EXPECT_NE(body.find("克井镇"), std::string::npos) << body;
  EXPECT_NE(body.find("思礼镇"), std::string::npos) << body;
}

TEST(QmlStyle, AMatchOnAPropertyIsACategorizedRendererLabelledByTheCatalog) {
  catalog::LayerConfig config;
  config.id = "farmland";
  config.fields.push_back({"category", "类别", "Category", {{"strict", "严格管控类", "Strict"}}});
  const json layers = json::parse(R"([
    {"type": "fill", "paint": {"fill-color": ["match", ["get", "category"], "strict", "#e31a1c", ["a", "b"], "#33a02c", "#b2df8a"], "fill-opacity": 0.6}},
    {"type": "line", "paint": {"line-color": "#5f7d3a", "line-width": 0.5}}])");
  const exports::QmlRenderer r = exports::qml_renderer(layers, config, store::GeometryKind::Polygon);
  EXPECT_EQ(r.type, "categorizedSymbol");
  EXPECT_NE(r.xml.find("attr=\"category\""), std::string::npos);
  EXPECT_NE(r.xml.find("value=\"strict\" label=\"严格管控类\""), std::string::npos) << r.xml;
  EXPECT_NE(r.xml.find("value=\"b\" label=\"b\""), std::string::npos);
  EXPECT_NE(r.xml.find("value=\"\" label=\"其他\""), std::string::npos);
  EXPECT_NE(r.xml.find("227,26,28,255"), std::string::npos);
  EXPECT_NE(r.xml.find("class=\"SimpleFill\""), std::string::npos);

  const json line = json::parse(R"([{"type": "line", "paint": {"line-color": "#3a8fd9", "line-width": 2}}])");
  const exports::QmlRenderer single = exports::qml_renderer(line, config, store::GeometryKind::Line);
  EXPECT_EQ(single.type, "singleSymbol");
  EXPECT_NE(single.xml.find("class=\"SimpleLine\""), std::string::npos);
}

TEST(TownshipPackage, TileCountsBoundTheBaseMap) {
  // 0.2° × 0.2° at 35° N (克井镇 of the fixture): about 37 × 45 tiles at z16, fewer above.
  const geo::Envelope township{112.0, 35.0, 112.2, 35.2};
  const std::size_t z16 = exports::tiles_covering(township, 16, 16);
  EXPECT_GT(z16, 1500u);
  EXPECT_LT(z16, 2000u);
  EXPECT_LT(exports::tiles_covering(township, 10, 16), 20000u);
  // A whole county's 1° × 1° would pass the 20,000-tile bound at z16: its top zoom is lowered.
  EXPECT_GT(exports::tiles_covering({112.0, 35.0, 113.0, 36.0}, 10, 16), 20000u);
  EXPECT_LT(exports::tiles_covering({112.0, 35.0, 113.0, 36.0}, 10, 15), 20000u);
}
