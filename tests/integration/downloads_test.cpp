// Downloads from the real binary on the demo data, over real sockets: every format of every
// collection opened with GDAL and compared with the source GeoPackage, the same selections as
// the items API, names, bad input, the temporary files, and server.max_exports.
#include "demo_server.h"
#include "download_reader.h"
#include "fixtures.h"
#include "http_client.h"

#include <cpl_vsi.h>
#include <gtest/gtest.h>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <thread>

using namespace onemap::testing;
using nlohmann::json;
namespace fs = std::filesystem;
using boost::beast::http::field;

namespace {

const char* kLayers[] = {"townships", "water_sections", "rivers",         "water_protection_zones", "polluted_plots",
                         "farmland",  "enterprises",    "tailings_ponds", "built_up_area",          "terrain_zones"};
const char* kExtensions[] = {"gpkg", "shp.zip", "kml", "geojson", "csv", "fgb"};
const std::string kKejing = "%E5%85%8B%E4%BA%95%E9%95%87";  // 克井镇

// The demo catalog, its exports under the test's directory, at most one export at a time and
// four workers (so that more than one can be asked for at once).
std::string write_config(const fs::path& dir) {
  std::ifstream in(kDemoConfig);
  std::stringstream out;
  const std::string src = ONEMAP_SOURCE_DIR;
  for (std::string line; std::getline(in, line);) {
    for (std::string key : {"catalog: ", "styles: ", "web: ", "rules: "})
      if (line.starts_with(key)) line = key + src + "/" + line.substr(key.size());
    if (line.starts_with("  worker_threads:")) line = "  worker_threads: 4";
    if (line.starts_with("  max_exports:")) continue;
    out << line << "\n";
    if (line == "server:") out << "  jobs_dir: " << (dir / "jobs").string() << "\n  max_exports: 1\n";
  }
  const fs::path config = dir / "onemap.yaml";
  std::ofstream(config) << out.str();
  return config.string();
}

std::size_t files_under(const fs::path& dir) {
  std::size_t n = 0;
  if (fs::exists(dir))
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) ++n;
  return n;
}

bool becomes(const std::function<bool()>& condition, std::chrono::milliseconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

class Downloads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(fs::exists(kDemoGpkg)) << "run scripts/demo-data.sh first";
    dir_ = std::make_unique<TempDir>();
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--config", write_config(dir_->path())});
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  static fs::path jobs() { return dir_->path() / "jobs"; }

  // The download read back with GDAL; `name` gets the file name the server gave it.
  static Downloaded fetch(const std::string& target, const TempDir& dir, std::string* name = nullptr) {
    TestResponse r = http_get(server_->port(), target);
    if (r.result_int() != 200)
      throw std::runtime_error(target + ": " + std::to_string(r.result_int()) + " " + r.body().substr(0, 300));
    const std::string file = disposition_filename(r[field::content_disposition]);
    if (name) *name = file;
    return read_download(r.body(), dir.path(), file);
  }
  static std::set<std::string> item_ids(const std::string& target) {
    json fc = json::parse(http_get(server_->port(), target).body());
    std::set<std::string> ids;
    for (const auto& f : fc["features"]) ids.insert(f["id"].is_string() ? f["id"].get<std::string>() : f["id"].dump());
    return ids;
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<ServerProcess> server_;
};

std::set<std::string> ids_of(const Downloaded& d) {
  std::set<std::string> ids;
  for (const auto& [id, row] : d.rows) ids.insert(id);
  return ids;
}

// Source rows by FID, which is what the demo catalog's ids are.
std::map<std::string, DownloadedRow> source_rows(const std::string& layer) {
  auto ds = onemap::geo::open_vector_source(kDemoGpkg);
  OGRLayer* l = ds->GetLayerByName(layer.c_str());
  OGRFeatureDefn* defn = l->GetLayerDefn();
  std::map<std::string, DownloadedRow> rows;
  for (const auto& f : *l) {
    DownloadedRow row;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      row.fields[defn->GetFieldDefn(i)->GetNameRef()] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>";
    if (f->GetGeometryRef()) row.geometry.reset(f->GetGeometryRef()->clone());
    rows.emplace(std::to_string(f->GetFID()), std::move(row));
  }
  return rows;
}

bool number(const std::string& s, double& v) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

// Values as different drivers give them back: dates with / or -, booleans 1/0 or true/false,
// numbers to the last bit or printed shorter, nulls as null or empty; FlatGeobuf has no date
// type, so a date comes back as that day's midnight.
bool same_value(std::string a, std::string b) {
  if (a.ends_with(" 00:00:00") && a.size() == 19) a.resize(10);
  for (std::string* s : {&a, &b}) {
    std::replace(s->begin(), s->end(), '/', '-');
    if (*s == "true" || *s == "T") *s = "1";
    if (*s == "false" || *s == "F") *s = "0";
    if (*s == "<null>") *s = "";
  }
  double x = 0, y = 0;
  if (a != b && number(a, x) && number(b, y)) return std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(x));
  return a == b;
}

int family(const OGRGeometry& g) {
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPoint || t == wkbMultiPoint) return 0;
  if (t == wkbLineString || t == wkbMultiLineString) return 1;
  return 2;
}

// The same shape, within what text formats' 15 significant digits keep.
::testing::AssertionResult same_geometry(const OGRGeometry& a, const OGRGeometry& b) {
  if (family(a) != family(b)) return ::testing::AssertionFailure() << "kinds differ";
  OGREnvelope ea, eb;
  a.getEnvelope(&ea);
  b.getEnvelope(&eb);
  const double tolerance = 1e-9;
  if (std::fabs(ea.MinX - eb.MinX) > tolerance || std::fabs(ea.MaxX - eb.MaxX) > tolerance ||
      std::fabs(ea.MinY - eb.MinY) > tolerance || std::fabs(ea.MaxY - eb.MaxY) > tolerance)
    return ::testing::AssertionFailure() << "envelopes differ";
  const double area_a = OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&a)));
  const double area_b = OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&b)));
  const double length_a = OGR_G_Length(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&a)));
  const double length_b = OGR_G_Length(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&b)));
  if (std::fabs(area_a - area_b) > 1e-9 * std::max(area_a, 1e-12) + 1e-16 ||
      std::fabs(length_a - length_b) > 1e-9 * std::max(length_a, 1e-12))
    return ::testing::AssertionFailure() << "area or length differs";
  return ::testing::AssertionSuccess();
}

// A zip entry's bytes, read through GDAL's /vsizip/.
std::string zip_entry(const fs::path& zip, const std::string& name) {
  VSILFILE* f = VSIFOpenL(("/vsizip/" + zip.string() + "/" + name).c_str(), "rb");
  std::string out;
  char buffer[4096];
  for (std::size_t n; f && (n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0;) out.append(buffer, n);
  if (f) VSIFCloseL(f);
  return out;
}

// property → the column holding it: the Shapefile's fields.csv mapping, KML's <name> for the
// name property; itself otherwise.
std::map<std::string, std::string> columns_of(const std::string& ext, const json& collection, const fs::path& file,
                                              const std::string& stem) {
  std::map<std::string, std::string> columns;
  for (const auto& [property, schema] : collection["properties"].items()) columns[property] = property;
  if (ext == "kml" && collection.contains("x-onemap-name-field")) columns[collection["x-onemap-name-field"]] = "Name";
  if (ext == "shp.zip") {
    std::istringstream mapping(zip_entry(file, stem + ".fields.csv").substr(3));  // after the BOM
    std::string line;
    std::getline(mapping, line);  // the header
    while (std::getline(mapping, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto comma = line.find(',');
      if (comma != std::string::npos && columns.count(line.substr(0, comma)))
        columns[line.substr(0, comma)] = line.substr(comma + 1);
    }
  }
  return columns;
}

}  // namespace

TEST_F(Downloads, EveryFormatOfEveryCollectionHoldsTheSource) {
  for (const char* layer : kLayers) {
    const auto source = source_rows(layer);
    const json collection = json::parse(http_get(server_->port(), std::string("/collections/") + layer).body());
    for (const char* ext : kExtensions) {
      SCOPED_TRACE(std::string(layer) + "." + ext);
      TempDir dir;
      std::string name;
      const Downloaded d = fetch(std::string("/download/") + layer + "." + ext, dir, &name);
      ASSERT_EQ(d.rows.size(), source.size());
      if (std::string(ext) != "csv") {
        EXPECT_EQ(d.epsg, 4326);
      }
      EXPECT_TRUE(d.x_is_east);
      const std::string stem = name.substr(0, name.size() - std::string(ext).size() - 1);
      const auto columns = columns_of(ext, collection, dir / name, stem);
      std::size_t compared = 0;
      for (const auto& [id, expected] : source) {
        auto got = d.rows.find(id);
        ASSERT_NE(got, d.rows.end()) << "feature " << id;
        for (const auto& [property, column] : columns) {
          auto want = expected.fields.find(property);
          auto have = got->second.fields.find(column);
          ASSERT_NE(want, expected.fields.end()) << property;
          ASSERT_NE(have, got->second.fields.end()) << column;
          EXPECT_TRUE(same_value(have->second, want->second))
              << id << "." << property << ": " << have->second << " vs " << want->second;
          ++compared;
        }
        ASSERT_EQ(static_cast<bool>(got->second.geometry), static_cast<bool>(expected.geometry)) << id;
        if (expected.geometry) {
          EXPECT_TRUE(same_geometry(*got->second.geometry, *expected.geometry)) << id;
        }
      }
      EXPECT_EQ(compared, source.size() * collection["properties"].size());
    }
  }
}

TEST_F(Downloads, FiltersSelectWhatTheItemsApiSelects) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"enterprises", "bbox=112.4,35.0,112.6,35.2"},
      {"enterprises", "heavy_metal=true"},
      {"enterprises", "township=" + kKejing + "&heavy_metal=true"},
      {"water_sections", "bbox=3870000,340000,3890000,370000&bbox-crs=EPSG:4547"},  // northing first
      {"farmland", "township=" + kKejing},
      {"farmland", "township=" + kKejing + "&clip=true&category=%E4%BC%98%E5%85%88%E4%BF%9D%E6%8A%A4%E7%B1%BB"},
      {"rivers", "township=" + kKejing + "&clip=true"},
      {"polluted_plots", "township=" + kKejing + "&clip=true&bbox=112.0,34.8,113.0,35.5"},
  };
  for (const auto& [layer, query] : cases) {
    SCOPED_TRACE(layer + "?" + query);
    const std::set<std::string> expected = item_ids("/collections/" + layer + "/items?limit=10000&" + query);
    EXPECT_FALSE(expected.empty());
    for (const char* ext : {"gpkg", "shp.zip", "csv"}) {
      TempDir dir;
      EXPECT_EQ(ids_of(fetch("/download/" + layer + "." + ext + "?" + query, dir)), expected) << ext;
    }
    TempDir dir;
    EXPECT_EQ(ids_of(fetch("/collections/" + layer + "/items?f=fgb&" + query, dir)), expected);
  }
}

TEST_F(Downloads, ClippedFeaturesLieInTheTownshipAndKeepTheirKind) {
  auto ds = onemap::geo::open_vector_source(kDemoGpkg);
  OGRLayer* townships = ds->GetLayerByName("townships");
  townships->SetAttributeFilter("name = '克井镇'");
  OGRFeatureUniquePtr township(townships->GetNextFeature());
  ASSERT_TRUE(township);
  OGRGeometryUniquePtr area(township->GetGeometryRef()->Buffer(1e-9));
  for (const char* layer : {"farmland", "rivers", "terrain_zones"}) {
    SCOPED_TRACE(layer);
    TempDir dir;
    const Downloaded whole = fetch(std::string("/download/") + layer + ".gpkg?township=" + kKejing, dir);
    const Downloaded clipped =
        fetch(std::string("/download/") + layer + ".gpkg?township=" + kKejing + "&clip=true", dir);
    ASSERT_FALSE(clipped.rows.empty());
    std::size_t cut = 0;
    for (const auto& [id, row] : clipped.rows) {
      ASSERT_TRUE(row.geometry) << id;
      EXPECT_TRUE(area->Contains(row.geometry.get())) << id;
      EXPECT_EQ(family(*row.geometry), family(*whole.rows.at(id).geometry)) << id;
      if (!same_geometry(*row.geometry, *whole.rows.at(id).geometry)) ++cut;
    }
    EXPECT_GT(cut, 0u) << "some features cross the township's edge";
  }
}

TEST_F(Downloads, OutputInTheAnalysisCrsIsEastingFirst) {
  TempDir dir;
  const Downloaded d = fetch("/download/enterprises.gpkg?crs=EPSG:4547", dir);
  EXPECT_EQ(d.epsg, 4547);
  OGREnvelope e;
  ASSERT_EQ(d.layer->GetExtent(&e), OGRERR_NONE);
  EXPECT_GT(e.MinX, 2e5);  // eastings west of CM 114E (500 km), no zone prefix
  EXPECT_LT(e.MaxX, 5e5);
  EXPECT_GT(e.MinY, 3.8e6);  // northings
}

TEST_F(Downloads, NamesSurvive) {
  TestResponse r = http_get(server_->port(), "/download/farmland.shp.zip?township=" + kKejing);
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[field::content_type], "application/zip");
  char today[16];
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(today, sizeof today, "%Y%m%d", &local);
  const std::string name = disposition_filename(r[field::content_disposition]);
  EXPECT_EQ(name, std::string("farmland-克井镇-") + today + ".shp.zip");
  EXPECT_NE(std::string(r[field::content_disposition]).find("filename=\"farmland-___-"), std::string::npos);

  // Inside: every entry flagged UTF-8, a .cpg saying so, and long field names mapped.
  TempDir dir;
  const fs::path zip = dir / "plots.zip";
  TestResponse plots = http_get(server_->port(), "/download/polluted_plots.shp.zip");
  std::ofstream(zip, std::ios::binary) << plots.body();
  const std::string stem = disposition_filename(plots[field::content_disposition]).substr(0, 100);
  const std::string base = stem.substr(0, stem.size() - 8);
  for (const ZipEntry& e : zip_entries(plots.body())) {
    EXPECT_TRUE(e.central_flags & (1u << 11)) << e.name;
    EXPECT_TRUE(e.local_flags & (1u << 11)) << e.name;
  }
  EXPECT_EQ(zip_entry(zip, base + ".cpg"), "UTF-8");
  const std::string mapping = zip_entry(zip, base + ".fields.csv");
  for (const char* pair : {"heavily_polluted,heavily_po", "former_industry,former_ind", "main_pollutants,main_pollu",
                           "planned_use,planned_us"})
    EXPECT_NE(mapping.find(pair), std::string::npos) << pair;
  const Downloaded d = read_download(plots.body(), dir.path(), "again.zip");
  EXPECT_GE(d.layer->GetLayerDefn()->GetFieldIndex("heavily_po"), 0);
  bool chinese = false;
  for (const auto& [id, row] : d.rows) chinese = chinese || row.fields.at("name") == "宏发铜业";
  EXPECT_TRUE(chinese);
}

TEST_F(Downloads, AnEmptySelectionIsAValidEmptyFile) {
  for (const char* ext : kExtensions) {
    SCOPED_TRACE(ext);
    TempDir dir;
    const Downloaded d = fetch(std::string("/download/farmland.") + ext + "?bbox=100,10,100.1,10.1", dir);
    EXPECT_EQ(d.rows.size(), 0u);
  }
}

TEST_F(Downloads, BadInputIsAJsonProblem) {
  for (const auto& [target, status] : std::vector<std::pair<std::string, int>>{
           {"/collections/farmland/items?f=xlsx", 400},
           {"/download/farmland.xlsx", 404},
           {"/download/fields.gpkg", 404},
           {"/download/farmland.gpkg?township=%E6%97%A0%E6%AD%A4%E9%95%87", 404},
           {"/download/farmland.csv?geometry=xy", 400},
           {"/download/farmland.kml?crs=EPSG:4547", 400},
       }) {
    TestResponse r = http_get(server_->port(), target);
    EXPECT_EQ(r.result_int(), status) << target;
    EXPECT_EQ(r[field::content_type], "application/json") << target;
    EXPECT_TRUE(json::accept(r.body())) << target;
  }
  // The unknown township's answer names real ones.
  EXPECT_NE(http_get(server_->port(), "/download/farmland.gpkg?township=x").body().find("克井镇"), std::string::npos);
}

TEST_F(Downloads, TheTemporaryFileGoesAfterTheResponseAndWhenTheClientLeaves) {
  TempDir dir;
  (void)fetch("/download/farmland.gpkg", dir);
  EXPECT_TRUE(becomes([] { return files_under(jobs()) == 0; }, std::chrono::seconds(5)));

  // A client with a small receive window reads the headers and stops. The server sends from
  // the file until the kernel has taken all of it (the demo's exports fit in its send buffer, so
  // the file may go before the client leaves) and no longer: the file never outlives the
  // response, nor the client that left.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.open(boost::asio::ip::tcp::v4());
  socket.set_option(boost::asio::socket_base::receive_buffer_size(4096));
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), server_->port()});
  const std::string request = "GET /download/farmland.kml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  char head[512];
  const std::size_t n = socket.read_some(boost::asio::buffer(head));
  EXPECT_TRUE(std::string(head, n).starts_with("HTTP/1.1 200"));
  EXPECT_LE(files_under(jobs()), 1u) << "one export, sent from its one file";
  socket.close();
  EXPECT_TRUE(becomes([] { return files_under(jobs()) == 0; }, std::chrono::seconds(10)));
}

TEST_F(Downloads, AtMostMaxExportsAtOnceTheRestWaitWithRetryAfter) {
  // server.max_exports is 1 here; KML of every farmland parcel takes a while to write.
  std::vector<std::future<TestResponse>> answers;
  for (int i = 0; i < 6; ++i)
    answers.push_back(
        std::async(std::launch::async, [] { return http_get(server_->port(), "/download/farmland.kml"); }));
  int ok = 0, busy = 0;
  for (auto& a : answers) {
    TestResponse r = a.get();
    if (r.result_int() == 200) ++ok;
    if (r.result_int() == 503) {
      ++busy;
      EXPECT_FALSE(r[field::retry_after].empty());
      EXPECT_NE(r.body().find("server.max_exports"), std::string::npos) << r.body();
    }
  }
  EXPECT_GE(ok, 1);
  EXPECT_GE(busy, 1);
  EXPECT_EQ(ok + busy, 6);
}

TEST(DownloadsServerStop, TakesTheExportDirectory) {
  TempDir dir;
  ServerProcess server({"--config", write_config(dir.path())});
  ASSERT_EQ(http_get(server.port(), "/download/townships.gpkg").result_int(), 200);
  // The server's own onemap-exports-{pid}-XXXXXX and onemap-jobs-{pid}-XXXXXX.
  ASSERT_EQ(std::distance(fs::directory_iterator(dir / "jobs"), {}), 2);
  EXPECT_EQ(server.stop(), 0);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "jobs"), {}), 0);
}
