// Downloads through the Api, without sockets: every format read back with GDAL, the features
// API's filters, township and clip, names, bad input, and the temporary files.
#include "api/query_params.h"
#include "api/route_table.h"
#include "download_fixture.h"
#include "download_reader.h"
#include "export/formats.h"
#include "util/job_control.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <cpl_vsi.h>

#include <fstream>
#include <set>

using namespace onemap;
using nlohmann::json;
using onemap::testing::Downloaded;
using onemap::testing::DownloadFixture;
using onemap::testing::TempDir;

namespace {

const DownloadFixture& fixture() {
  static DownloadFixture f;
  return f;
}

struct FormatCase {
  std::string ext;
  std::string content_type;
  std::string driver;  // as GDAL reports the file it opens
};
const std::vector<FormatCase> kFormats = {
    {"gpkg", "application/geopackage+sqlite3", "GPKG"},
    {"shp.zip", "application/zip", "ESRI Shapefile"},
    {"kml", "application/vnd.google-earth.kml+xml", "LIBKML"},
    {"geojson", "application/geo+json", "GeoJSON"},
    {"csv", "text/csv; charset=utf-8", "CSV"},
    {"fgb", "application/flatgeobuf", "FlatGeobuf"},
};

// The response's body read back with GDAL, under the name the server gave it.
Downloaded open(const http::Response& r, const TempDir& dir) {
  EXPECT_EQ(r.result_int(), 200) << r.body().read_all().substr(0, 300);
  const std::string name = onemap::testing::disposition_filename(r[http::beast_http::field::content_disposition]);
  EXPECT_FALSE(name.empty());
  return onemap::testing::read_download(r.body().read_all(), dir.path(), name);
}

std::set<std::string> ids_of(const Downloaded& d) {
  std::set<std::string> ids;
  for (const auto& [id, row] : d.rows) ids.insert(id);
  return ids;
}

std::set<std::string> item_ids(const std::string& target) {
  json fc = DownloadFixture::body(fixture().get(target));
  std::set<std::string> ids;
  for (const auto& f : fc["features"]) ids.insert(f["id"].is_string() ? f["id"].get<std::string>() : f["id"].dump());
  return ids;
}

std::string field(const Downloaded& d, const std::string& id, const std::string& name) {
  auto row = d.rows.find(id);
  if (row == d.rows.end()) return "<no feature " + id + ">";
  auto f = row->second.fields.find(name);
  return f == row->second.fields.end() ? "<no field " + name + ">" : f->second;
}

OGREnvelope envelope(const Downloaded& d, const std::string& id) {
  OGREnvelope e;
  auto row = d.rows.find(id);
  if (row != d.rows.end() && row->second.geometry) row->second.geometry->getEnvelope(&e);
  return e;
}

// Parts of a (multi)polygon; 0 without geometry.
int parts(const Downloaded& d, const std::string& id) {
  auto row = d.rows.find(id);
  if (row == d.rows.end() || !row->second.geometry) return 0;
  const OGRGeometry& g = *row->second.geometry;
  return OGR_GT_IsSubClassOf(wkbFlatten(g.getGeometryType()), wkbGeometryCollection)
             ? g.toGeometryCollection()->getNumGeometries()
             : 1;
}

// The fixture's ponds as a download holds them: 1 and 2 the points, 3 the polygon, each with
// its geometry where it was.
void expect_every_pond(const Downloaded& d) {
  ASSERT_EQ(ids_of(d), (std::set<std::string>{"1", "2", "3"}));
  for (const auto& [id, row] : d.rows) {
    ASSERT_TRUE(row.geometry) << "pond " << id << " has lost its geometry";
    EXPECT_FALSE(row.geometry->IsEmpty()) << id;
  }
  auto type = [&](const std::string& id) { return wkbFlatten(d.rows.at(id).geometry->getGeometryType()); };
  EXPECT_EQ(type("1"), wkbPoint);
  EXPECT_EQ(type("2"), wkbPoint);
  EXPECT_EQ(type("3"), wkbPolygon);
  EXPECT_NEAR(envelope(d, "1").MinX, 112.05, 1e-9);
  EXPECT_NEAR(envelope(d, "2").MaxY, 35.18, 1e-9);
  const OGREnvelope polygon = envelope(d, "3");
  EXPECT_NEAR(polygon.MinX, 112.12, 1e-9);
  EXPECT_NEAR(polygon.MaxX, 112.16, 1e-9);
  EXPECT_NEAR(polygon.MinY, 35.12, 1e-9);
  EXPECT_NEAR(polygon.MaxY, 35.15, 1e-9);
  EXPECT_EQ(field(d, "3", "status"), "在用");
}

// A zipped Shapefile's entries and the name of its download without ".shp.zip".
std::set<std::string> entries_of(const std::string& zip) {
  std::set<std::string> names;
  for (const auto& e : onemap::testing::zip_entries(zip)) names.insert(e.name);
  return names;
}
std::string stem_of(const http::Response& r) {
  const std::string name = onemap::testing::disposition_filename(r[http::beast_http::field::content_disposition]);
  return name.substr(0, name.size() - std::string(".shp.zip").size());
}
std::set<std::string> shapefile_entries(const std::string& stem) {
  std::set<std::string> names;
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) names.insert(stem + ext);
  return names;
}

}  // namespace

TEST(DownloadsApi, EveryFormatOpensWithGdalAndHoldsTheLayer) {
  for (const FormatCase& f : kFormats) {
    SCOPED_TRACE(f.ext);
    TempDir dir;
    http::Response r = fixture().get("/download/plots." + f.ext);
    EXPECT_EQ(r[http::beast_http::field::content_type], f.content_type);
    Downloaded d = open(r, dir);
    EXPECT_EQ(d.driver, f.driver);
    // FlatGeobuf cannot hold a feature without geometry (GDAL 3.6): 6 is left out of it alone.
    const bool fgb = f.ext == "fgb";
    const std::set<std::string> all = {"1", "2", "3", "4", "5", "6"}, with_geometry = {"1", "2", "3", "4", "5"};
    EXPECT_EQ(ids_of(d), fgb ? with_geometry : all);
    const bool shp = f.ext == "shp.zip";
    const std::string name = f.ext == "kml" ? "Name" : "name";  // KML's own <name>
    EXPECT_EQ(field(d, "1", name), "宏发铜业");
    EXPECT_EQ(field(d, "2", shp ? "main_pol_1" : "main_pollutants_2021"), "铅");
    EXPECT_EQ(field(d, "1", shp ? "污染物" : "污染物说明"), "重金属");
    if (!fgb) {
      EXPECT_EQ(field(d, "6", name), "无图形");
      EXPECT_FALSE(d.rows.at("6").geometry);
    }
    EXPECT_TRUE(field(d, "1", shp ? "heavily_po" : "heavily_polluted") == "1" ||
                field(d, "1", shp ? "heavily_po" : "heavily_polluted") == "true");
    EXPECT_DOUBLE_EQ(std::stod(field(d, "3", "area_mu")), 7.25);
    std::string date = field(d, "1", "surveyed");
    std::replace(date.begin(), date.end(), '/', '-');
    EXPECT_EQ(date.substr(0, 10), "2024-05-01");
    // A spreadsheet would run "=1+1": in CSV it is text.
    EXPECT_EQ(field(d, "1", "note"), f.ext == "csv" ? "'=1+1" : "=1+1");
    // Longitude first, whatever the format.
    const OGREnvelope e = envelope(d, "1");
    EXPECT_NEAR(e.MinX, 112.05, 1e-9);
    EXPECT_NEAR(e.MaxY, 35.1, 1e-9);
    EXPECT_TRUE(d.x_is_east);
    if (f.ext != "csv") {
      EXPECT_EQ(d.epsg, 4326) << "every format but CSV says its CRS";
    }
    auto one = d.rows.find("1");
    ASSERT_NE(one, d.rows.end());
    ASSERT_TRUE(one->second.geometry);
    EXPECT_EQ(wkbFlatten(one->second.geometry->getGeometryType()) == wkbPolygon ||
                  wkbFlatten(one->second.geometry->getGeometryType()) == wkbMultiPolygon,
              true);
    EXPECT_EQ(parts(d, "5"), 2);
  }
}

TEST(DownloadsApi, PointsAndTheirTypes) {
  TempDir dir;
  Downloaded d = open(fixture().get("/download/wells.fgb"), dir);
  EXPECT_EQ(wkbFlatten(d.layer->GetGeomType()), wkbPoint);
  EXPECT_EQ(d.rows.size(), 3u);
  EXPECT_EQ(d.layer->GetLayerDefn()->GetFieldDefn(d.layer->GetLayerDefn()->GetFieldIndex("depth"))->GetType(), OFTReal);
  EXPECT_EQ(d.layer->GetLayerDefn()->GetFieldDefn(d.layer->GetLayerDefn()->GetFieldIndex("id"))->GetType(),
            OFTInteger64);
}

TEST(DownloadsApi, ALayerOfTwoGeometryKindsKeepsEveryGeometryInEveryFormat) {
  for (const exports::Format& f : exports::formats()) {  // every format the server offers
    SCOPED_TRACE(std::string(f.key));
    TempDir dir;
    const http::Response r = fixture().get("/download/ponds." + std::string(f.extension));
    ASSERT_EQ(r.result_int(), 200) << r.body().read_all().substr(0, 300);
    const std::string name = onemap::testing::disposition_filename(r[http::beast_http::field::content_disposition]);
    const std::string bytes = r.body().read_all();
    if (f.key != "shp") {  // Shapefile alone holds one geometry kind a file
      const Downloaded d = onemap::testing::read_download(bytes, dir.path(), name);
      if (f.key == "gpkg" || f.key == "fgb") {
        EXPECT_EQ(wkbFlatten(d.layer->GetGeomType()), wkbUnknown) << "a layer of any geometry";
      }
      expect_every_pond(d);
      continue;
    }
    // A file per kind, named by it, and the field mapping once.
    const std::string stem = stem_of(r);
    std::set<std::string> expected = shapefile_entries(stem + "_point");
    expected.merge(shapefile_entries(stem + "_polygon"));
    expected.insert(stem + ".fields.csv");
    const std::set<std::string> entries = entries_of(bytes);
    EXPECT_EQ(entries, expected);
    const auto shapefiles =
        std::count_if(entries.begin(), entries.end(), [](const std::string& e) { return e.ends_with(".shp"); });
    EXPECT_EQ(shapefiles, 2);
    const Downloaded d = onemap::testing::read_download(bytes, dir.path(), name, static_cast<int>(shapefiles));
    for (OGRLayer* layer : d.layers) {
      const std::string layer_name = layer->GetName();
      EXPECT_EQ(wkbFlatten(layer->GetGeomType()), layer_name.ends_with("_point") ? wkbPoint : wkbPolygon) << layer_name;
    }
    expect_every_pond(d);
    for (const char* id : {"1", "2"}) {
      EXPECT_EQ(d.rows.at(id).layer, stem + "_point");
    }
    EXPECT_EQ(d.rows.at("3").layer, stem + "_polygon");
  }
  // A selection of points alone: the files are named as always, the polygons' is empty.
  const http::Response points = fixture().get("/download/ponds.shp.zip?bbox=112.0,35.0,112.1,35.1");
  ASSERT_EQ(points.result_int(), 200);
  EXPECT_TRUE(entries_of(points.body().read_all()).count(stem_of(points) + "_polygon.shp"));
  TempDir dir;
  const Downloaded one = onemap::testing::read_download(points.body().read_all(), dir.path(), "points.zip", 2);
  EXPECT_EQ(ids_of(one), (std::set<std::string>{"1"}));
  // X and Y columns cannot hold the polygon: refused, naming what can.
  const http::Response xy = fixture().get("/download/ponds.csv?geometry=xy");
  EXPECT_EQ(xy.result_int(), 400);
  EXPECT_NE(xy.body().read_all().find("geometry=wkt"), std::string::npos);
}

TEST(DownloadsApi, ALayerOfOneGeometryKindIsOneFileOfItsType) {
  for (const auto& [id, type] : {std::pair{"wells", wkbPoint}, std::pair{"plots", wkbMultiPolygon}}) {
    SCOPED_TRACE(id);
    TempDir dir;
    for (const char* ext : {"gpkg", "fgb"}) {
      EXPECT_EQ(wkbFlatten(open(fixture().get(std::string("/download/") + id + "." + ext), dir).layer->GetGeomType()),
                type)
          << ext;
    }
    const http::Response shp = fixture().get(std::string("/download/") + id + ".shp.zip");
    std::set<std::string> expected = shapefile_entries(stem_of(shp));
    expected.insert(stem_of(shp) + ".fields.csv");
    EXPECT_EQ(entries_of(shp.body().read_all()), expected);
    const Downloaded d = open(shp, dir);
    EXPECT_EQ(wkbFlatten(d.layer->GetGeomType()), type == wkbPoint ? wkbPoint : wkbPolygon);  // DBF's own types
  }
}

TEST(DownloadsApi, ALayerOfTwoGeometryKindsClaimsNoSingleDimension) {
  const json mixed = DownloadFixture::body(fixture().get("/collections/ponds/tiles/WebMercatorQuad"));
  ASSERT_EQ(mixed["layers"].size(), 1u);
  EXPECT_FALSE(mixed["layers"][0].contains("geometryDimension")) << mixed["layers"][0].dump();
  const json points = DownloadFixture::body(fixture().get("/collections/wells/tiles/WebMercatorQuad"));
  EXPECT_EQ(points["layers"][0]["geometryDimension"], 0);
}

TEST(DownloadsApi, ItemsInAFileFormatAreDownloadsOnThePool) {
  TempDir dir;
  Downloaded gpkg = open(fixture().get("/collections/plots/items?f=gpkg"), dir);
  EXPECT_EQ(gpkg.driver, "GPKG");
  EXPECT_EQ(gpkg.rows.size(), 6u);
  EXPECT_EQ(fixture().get("/collections/plots/items?f=shp")[http::beast_http::field::content_type], "application/zip");
  EXPECT_EQ(fixture().get("/collections/plots/items?f=fgb")[http::beast_http::field::content_type],
            "application/flatgeobuf");
  // By media type, when the client prefers it to JSON.
  EXPECT_EQ(fixture().get("/collections/plots/items", "application/x-shapefile")[http::beast_http::field::content_type],
            "application/zip");
  EXPECT_EQ(fixture().get("/collections/plots/items", "text/csv")[http::beast_http::field::content_type],
            "text/csv; charset=utf-8");
  EXPECT_EQ(fixture().get("/collections/plots/items",
                          "application/vnd.google-earth.kml+xml")[http::beast_http::field::content_type],
            "application/vnd.google-earth.kml+xml");
  for (const char* page :
       {"text/html,application/xhtml+xml,*/*;q=0.8", "application/geo+json, text/csv;q=0.5", "application/json"})
    EXPECT_EQ(fixture().get("/collections/plots/items", page)[http::beast_http::field::content_type],
              "application/geo+json")
        << page;
  EXPECT_EQ(fixture().get("/collections/plots/items?f=json")[http::beast_http::field::content_type],
            "application/geo+json");

  // Which named route answers, and where it runs: exports on the worker pool, pages inline.
  auto route_for = [](const std::string& target, const std::string& accept) {
    http::Request request{http::beast_http::verb::get, target, 11};
    if (!accept.empty()) request.set(http::beast_http::field::accept, accept);
    return api::match_route(api::parse_target(target), request).route;
  };
  const api::Route* download = route_for("/collections/plots/items?f=gpkg", "");
  ASSERT_TRUE(download);
  EXPECT_EQ(download->name, "downloads.items");
  EXPECT_EQ(download->work, api::Work::Pool);
  EXPECT_EQ(route_for("/collections/plots/items", "text/csv")->name, "downloads.items");
  EXPECT_EQ(route_for("/collections/plots/items", "")->name, "features.items");
  EXPECT_EQ(route_for("/collections/plots/items", "")->work, api::Work::Inline);
  EXPECT_EQ(route_for("/collections/plots/items?f=xlsx", "")->name, "features.items");  // which says what exists
  EXPECT_EQ(route_for("/download/plots.gpkg", "")->name, "downloads.file");
  EXPECT_EQ(route_for("/download/plots.gpkg", "")->work, api::Work::Pool);
}

TEST(DownloadsApi, FiltersSelectWhatItemsSelects) {
  const std::vector<std::pair<std::string, std::set<std::string>>> cases = {
      {"bbox=112.0,35.0,112.12,35.12", {"1"}},
      {"bbox=112.2,35.0,112.4,35.2", {"2", "3", "4", "5"}},
      {"name=%E4%B8%AD%E9%93%B6%E9%93%9C%E4%B8%9A", {"2"}},  // 中银铜业
      {"heavily_polluted=true", {"1", "3"}},
      {"township=%E5%85%8B%E4%BA%95%E9%95%87", {"1", "2", "4", "5"}},       // 克井镇, the edge it touches counts
      {"township=1", {"1", "2", "4", "5"}},                                 // by id
      {"township=%E5%85%8B%E4%BA%95%E9%95%87&clip=true", {"1", "2", "5"}},  // clipping leaves 4 nothing
      {"township=%E6%80%9D%E7%A4%BC%E9%95%87&heavily_polluted=false", {"2", "4", "5"}},  // 思礼镇
      {"bbox=112.5,35.5,112.6,35.6", {}},
  };
  for (const auto& [query, expected] : cases) {
    SCOPED_TRACE(query);
    EXPECT_EQ(item_ids("/collections/plots/items?limit=100&" + query), expected);
    TempDir dir;
    EXPECT_EQ(ids_of(open(fixture().get("/download/plots.gpkg?" + query), dir)), expected);
    EXPECT_EQ(ids_of(open(fixture().get("/collections/plots/items?f=csv&" + query), dir)), expected);
  }
  EXPECT_EQ(item_ids("/collections/wells/items?township=%E5%85%8B%E4%BA%95%E9%95%87&clip=true"),
            (std::set<std::string>{"1", "3"}));  // a point on the border is in both
}

TEST(DownloadsApi, ClipCutsToTheTownshipAndKeepsPolygonsPolygonal) {
  TempDir dir;
  Downloaded d = open(fixture().get("/download/plots.shp.zip?township=%E5%85%8B%E4%BA%95%E9%95%87&clip=true"), dir);
  const OGREnvelope across = envelope(d, "2");
  EXPECT_NEAR(across.MinX, 112.15, 1e-9);
  EXPECT_NEAR(across.MaxX, 112.2, 1e-9);  // cut at the border
  const OGRGeometry& two = *d.rows.at("2").geometry;
  EXPECT_TRUE(OGR_GT_IsSubClassOf(wkbFlatten(two.getGeometryType()), wkbCurvePolygon) ||
              wkbFlatten(two.getGeometryType()) == wkbMultiPolygon);
  EXPECT_EQ(parts(d, "5"), 1);  // the part in 思礼镇 is gone
  EXPECT_NEAR(envelope(d, "5").MaxX, 112.04, 1e-9);

  // The features API cuts the same way.
  json fc = DownloadFixture::body(
      fixture().get("/collections/plots/"
                    "items?township=%E5%85%8B%E4%BA%95%E9%95%87&clip=true&name=%E4%B8%AD%E9%93%B6%E9%93%9C%E4%B8%9A"));
  ASSERT_EQ(fc["features"].size(), 1u);
  double max_x = 0;
  for (const auto& c : fc["features"][0]["geometry"]["coordinates"][0]) max_x = std::max(max_x, c[0].get<double>());
  EXPECT_NEAR(max_x, 112.2, 1e-9);
  EXPECT_EQ(fc["features"][0]["geometry"]["type"], "Polygon");
  // The file is named for the township.
  http::Response r = fixture().get("/download/plots.gpkg?township=1");
  EXPECT_TRUE(onemap::testing::disposition_filename(r[http::beast_http::field::content_disposition])
                  .starts_with("plots-克井镇-"));
}

TEST(DownloadsApi, OutputCrsIsWrittenLongitudeOrEastingFirst) {
  TempDir dir;
  Downloaded mercator = open(fixture().get("/download/wells.gpkg?crs=EPSG:3857"), dir);
  EXPECT_EQ(mercator.epsg, 3857);
  EXPECT_NEAR(envelope(mercator, "1").MinX, 112.1 * 20037508.342789244 / 180, 1e-3);
  Downloaded gk = open(fixture().get("/download/wells.fgb?crs=http://www.opengis.net/def/crs/EPSG/0/4547"), dir);
  EXPECT_EQ(gk.epsg, 4547);
  EXPECT_LT(envelope(gk, "1").MinX, 1e6);  // easting (CM 114E, no zone prefix), not northing
  EXPECT_GT(envelope(gk, "1").MinY, 3e6);
  Downloaded cgcs = open(fixture().get("/download/wells.geojson?crs=EPSG:4490"), dir);
  EXPECT_EQ(cgcs.epsg, 4490);
  EXPECT_TRUE(cgcs.x_is_east);
  EXPECT_NEAR(envelope(cgcs, "1").MinX, 112.1, 1e-6);
  // Clipped output in the analysis CRS.
  Downloaded clipped = open(fixture().get("/download/plots.gpkg?crs=EPSG:4547&township=1&clip=true"), dir);
  EXPECT_EQ(clipped.epsg, 4547);
  EXPECT_EQ(clipped.rows.size(), 3u);
  EXPECT_LT(envelope(clipped, "2").MaxX, 1e6);

  http::Response kml = fixture().get("/download/wells.kml?crs=EPSG:3857");
  EXPECT_EQ(kml.result_int(), 400);
  EXPECT_NE(DownloadFixture::body(kml)["description"].get<std::string>().find("WGS 84"), std::string::npos);
}

TEST(DownloadsApi, ZippedShapefileSaysUtf8AndMapsLongNames) {
  http::Response r = fixture().get("/download/plots.zip?township=%E5%85%8B%E4%BA%95%E9%95%87");
  ASSERT_EQ(r.result_int(), 200);
  const std::string bytes = r.body().read_all();
  const std::string name = onemap::testing::disposition_filename(r[http::beast_http::field::content_disposition]);
  EXPECT_TRUE(name.ends_with(".shp.zip"));
  const std::string stem = name.substr(0, name.size() - 8);
  std::set<std::string> names;
  for (const auto& e : onemap::testing::zip_entries(bytes)) {
    EXPECT_TRUE(e.central_flags & (1u << 11)) << e.name;
    EXPECT_TRUE(e.local_flags & (1u << 11)) << e.name;
    names.insert(e.name);
  }
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".fields.csv"})
    EXPECT_TRUE(names.count(stem + ext)) << stem + ext;
  TempDir dir;
  std::ofstream(dir / "p.zip", std::ios::binary) << bytes;
  auto read = [&](const std::string& entry) {
    VSILFILE* f = VSIFOpenL(("/vsizip/" + (dir / "p.zip").string() + "/" + entry).c_str(), "rb");
    std::string out;
    char buffer[4096];
    for (std::size_t n; f && (n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0;) out.append(buffer, n);
    if (f) VSIFCloseL(f);
    return out;
  };
  EXPECT_EQ(read(stem + ".cpg"), "UTF-8");
  const std::string mapping = read(stem + ".fields.csv");
  EXPECT_TRUE(
      mapping.starts_with("\xEF\xBB\xBF"
                          "field,shapefile_field\r\n"))
      << mapping;
  for (const char* line : {"main_pollutants,main_pollu\r\n", "main_pollutants_2021,main_pol_1\r\n",
                           "污染物说明,污染物\r\n", "heavily_polluted,heavily_po\r\n", "name,name\r\n"})
    EXPECT_NE(mapping.find(line), std::string::npos) << line;
  Downloaded d = onemap::testing::read_download(bytes, dir.path(), "again.zip");
  EXPECT_EQ(d.layer->GetLayerDefn()->GetFieldIndex("main_pol_1") >= 0, true);
  EXPECT_EQ(field(d, "2", "name"), "中银铜业");
}

TEST(DownloadsApi, CsvGeometryAsWktOrXy) {
  http::Response wkt = fixture().get("/download/wells.csv");
  const std::string text = wkt.body().read_all();
  EXPECT_TRUE(
      text.starts_with("\xEF\xBB\xBF"
                       "WKT,id,name,depth\r\n"))
      << text.substr(0, 80);
  EXPECT_NE(text.find("\"POINT (112.1 35.1)\""), std::string::npos) << text;
  const std::string xy = fixture().get("/download/wells.csv?geometry=xy").body().read_all();
  EXPECT_TRUE(
      xy.starts_with("\xEF\xBB\xBF"
                     "X,Y,id,name,depth\r\n"))
      << xy.substr(0, 80);
  EXPECT_NE(xy.find("112.1,35.1,"), std::string::npos) << xy;
  EXPECT_NE(xy.find("一号井"), std::string::npos);
  for (const char* bad : {"/download/plots.csv?geometry=xy", "/download/wells.gpkg?geometry=wkt",
                          "/download/wells.csv?geometry=geojson"}) {
    http::Response r = fixture().get(bad);
    EXPECT_EQ(r.result_int(), 400) << bad;
    EXPECT_EQ(r[http::beast_http::field::content_type], "application/json") << bad;
  }
}

TEST(DownloadsApi, AnEmptySelectionIsAValidEmptyFile) {
  for (const FormatCase& f : kFormats) {
    SCOPED_TRACE(f.ext);
    TempDir dir;
    Downloaded d = open(fixture().get("/download/plots." + f.ext + "?bbox=100,10,100.1,10.1"), dir);
    EXPECT_EQ(d.rows.size(), 0u);
    EXPECT_EQ(d.layer->GetFeatureCount(), 0);
  }
}

TEST(DownloadsApi, BadInputIsAJsonProblemThatSaysWhatExists) {
  struct Case {
    std::string target;
    int status;
    std::string mentions;
  };
  for (const Case& c : std::vector<Case>{
           {"/collections/plots/items?f=xlsx", 400, "gpkg, shp, kml, geojson, csv, fgb"},
           {"/download/plots.xlsx", 404, "shp.zip"},
           {"/download/plots", 404, "gpkg"},
           {"/download/nothing.gpkg", 404, "/collections"},
           {"/collections/nothing/items?f=gpkg", 404, "/collections"},
           {"/download/plots.gpkg?township=%E4%B8%8D%E5%AD%98%E5%9C%A8", 404, "思礼镇"},
           {"/collections/plots/items?township=nowhere", 404, "克井镇"},
           {"/download/plots.gpkg?clip=true", 400, "township="},
           {"/download/plots.gpkg?township=1&clip=yes", 400, "true or false"},
           {"/collections/plots/items?f=gpkg&limit=5", 400, "whole selection"},
           {"/download/plots.gpkg?limit=5", 400, "limit"},
           {"/download/plots.gpkg?colour=red", 400, "colour"},
           {"/download/plots.gpkg?heavily_polluted=maybe", 400, "boolean"},
           {"/download/plots.gpkg?crs=EPSG:2000", 400, "EPSG/0/4547"},
       }) {
    SCOPED_TRACE(c.target);
    http::Response r = fixture().get(c.target);
    EXPECT_EQ(r.result_int(), c.status);
    EXPECT_EQ(r[http::beast_http::field::content_type], "application/json");
    EXPECT_NE(r.body().read_all().find(c.mentions), std::string::npos) << r.body().read_all();
  }
}

TEST(DownloadsApi, CollectionsLinkEveryFormat) {
  json doc = DownloadFixture::body(fixture().get("/collections/plots"));
  std::map<std::string, json> enclosures;
  for (const auto& l : doc["links"])
    if (l["rel"] == "enclosure") enclosures[l["type"]] = l;
  for (const FormatCase& f : kFormats) {
    ASSERT_TRUE(enclosures.count(f.content_type)) << f.content_type;
    EXPECT_EQ(enclosures[f.content_type]["href"], "http://example.org:8080/download/plots." + f.ext);
    EXPECT_FALSE(enclosures[f.content_type]["title"].get<std::string>().empty());
    EXPECT_EQ(fixture().get("/download/plots." + f.ext).result_int(), 200);
  }
}

TEST(DownloadsApi, TheApiDocumentDescribesDownloadsAndTownships) {
  json doc = DownloadFixture::body(fixture().get("/api"));
  const json& download = doc["paths"]["/download/plots.{format}"]["get"];
  ASSERT_TRUE(download.is_object()) << doc["paths"].dump().substr(0, 500);
  std::set<std::string> params, formats;
  for (const auto& p : download["parameters"]) {
    if (p.contains("name")) params.insert(p["name"]);
    if (p.value("name", "") == "format") formats = p["schema"]["enum"].get<std::set<std::string>>();
  }
  for (const char* p : {"format", "township", "clip", "geometry", "heavily_polluted"})
    EXPECT_TRUE(params.count(p)) << p;
  EXPECT_EQ(formats, (std::set<std::string>{"gpkg", "shp.zip", "zip", "kml", "geojson", "csv", "fgb"}));
  std::set<std::string> item_params;
  for (const auto& p : doc["paths"]["/collections/plots/items"]["get"]["parameters"])
    if (p.contains("name")) item_params.insert(p["name"]);
  EXPECT_TRUE(item_params.count("township") && item_params.count("clip"));
}

TEST(DownloadsApi, TheTemporaryFileGoesWithTheResponse) {
  DownloadFixture own;
  EXPECT_EQ(own.files_under_jobs_dir(), 0u);
  {
    http::Response r = own.get("/download/plots.shp.zip");
    ASSERT_EQ(r.result_int(), 200);
    EXPECT_EQ(own.files_under_jobs_dir(), 1u);  // the zip alone: the Shapefile's parts are gone already
  }
  EXPECT_EQ(own.files_under_jobs_dir(), 0u);
}

TEST(DownloadsApi, AStoppedJobStopsItsExportAndLeavesNoFiles) {
  DownloadFixture own;
  auto flag = std::make_shared<util::StopFlag>();
  util::JobControl job(flag, std::nullopt);
  util::JobScope scope(&job);
  flag->stop(util::StopReason::ClientGone);
  for (const char* target : {"/download/plots.gpkg", "/download/plots.shp.zip", "/download/plots.fgb"}) {
    http::Response r = own.get(target);
    EXPECT_EQ(r.result_int(), 503) << target;  // what a client that hung up never reads
    EXPECT_EQ(own.files_under_jobs_dir(), 0u) << target;
  }
}

TEST(DownloadsApi, TheServerStopTakesTheExportDirectory) {
  const DownloadFixture& f = fixture();
  // The Api's exports directories (its jobs have a directory of their own beside them).
  auto count = [&] {
    return std::count_if(std::filesystem::directory_iterator(f.jobs_dir()), {}, [](const auto& entry) {
      return entry.path().filename().string().starts_with("onemap-exports-");
    });
  };
  const auto before = count();  // the fixture's own Api's onemap-exports-XXXXXX
  {
    store::SnapshotHolder holder(f.snapshot);
    api::Api api(holder);
    EXPECT_EQ(count(), before + 1);
    http::Request request{http::beast_http::verb::get, "/download/plots.gpkg", 11};
    http::Response kept = api.handle(request);  // a response still being sent when the server stops
    ASSERT_EQ(kept.result_int(), 200);
  }
  EXPECT_EQ(count(), before);
}

TEST(DownloadsApi, HealthCountsBusyExports) {
  DownloadFixture own(3);
  json health = DownloadFixture::body(own.get("/health"));
  EXPECT_EQ(health["exports"], (json{{"busy", 0}, {"max", 3}}));
}
