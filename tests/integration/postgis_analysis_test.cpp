// The within-distance process against PostGIS on the same data in the same CRS: exactly the
// source ids ST_DWithin(ST_Transform(a.geom, 4547), ST_Transform(b.geom, 4547), d) returns, each
// with the smallest ST_Distance within 0.01 m. On random data written here with a fixed seed
// (points, lines, polygons with holes, multipolygons, in CGCS2000 like the city's data) and on
// the demo data. Needs the private PostGIS of scripts/postgis.sh; fails loudly without it.
#include "api/router.h"
#include "fixtures.h"
#include "layer_writer.h"
#include "server_process.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <random>
#include <sstream>

using namespace onemap;
using namespace onemap::testing;
using nlohmann::json;

namespace {

const std::string kScript = std::string(ONEMAP_SOURCE_DIR) + "/scripts/postgis.sh";
const std::filesystem::path kDemoGpkg = std::filesystem::path(ONEMAP_SOURCE_DIR) / "data/demo/jiyuan.gpkg";

using Distances = std::map<std::string, double>;  // source id → distance to its nearest target within reach

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

void require_postgis() {
  CommandResult ping = run_command(kScript + " psql -tAc 'SELECT postgis_lib_version()' 2>&1");
  ASSERT_EQ(ping.exit_code, 0) << "PostGIS is not reachable; run scripts/postgis.sh start (scripts/test.sh does):\n"
                               << ping.output;
}

void load_into_postgis(const std::filesystem::path& gpkg, const std::vector<std::string>& layers) {
  std::string names;
  for (const std::string& l : layers) names += " " + l;
  CommandResult load = run_command(kScript + " load " + gpkg.string() + names + " 2>&1");
  ASSERT_EQ(load.exit_code, 0) << load.output;
}

// What PostGIS says: `reach` is an SQL expression over the target row b (a distance in metres).
Distances postgis_within(const std::string& source, const std::string& source_where, const std::string& target,
                         const std::string& reach, const TempDir& dir) {
  const std::string sql = "WITH a AS (SELECT fid, ST_Transform(geom, 4547) AS g FROM " + source + " WHERE " +
                          source_where +
                          "),\n"
                          "     b AS (SELECT *, ST_Transform(geom, 4547) AS g FROM " +
                          target +
                          ")\n"
                          "SELECT a.fid, min(ST_Distance(a.g, b.g)) FROM a JOIN b ON ST_DWithin(a.g, b.g, " +
                          reach + ")" + (source == target ? " AND a.fid <> b.fid" : "") + "\nGROUP BY a.fid;\n";
  write_text(dir / "within.sql", sql);
  CommandResult r =
      run_command(kScript + " psql -v ON_ERROR_STOP=1 -tA -F'|' -f " + (dir / "within.sql").string() + " 2>&1");
  if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.output);
  Distances out;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    auto bar = line.find('|');
    if (bar != std::string::npos) out[line.substr(0, bar)] = std::stod(line.substr(bar + 1));
  }
  return out;
}

class Server {
 public:
  Server(const std::filesystem::path& gpkg, const std::vector<std::string>& layers) {
    catalog::Catalog c;
    c.analysis_crs = geo::Crs{4547};
    for (const std::string& id : layers) {
      catalog::LayerConfig l;
      l.id = l.source_layer = id;
      l.source = gpkg.string();
      l.defined_in = "test";
      c.layers.push_back(l);
    }
    holder_ = std::make_unique<store::SnapshotHolder>(store::load_snapshot(c));
    api_ = std::make_unique<api::Api>(*holder_);
  }

  // Ours, through the process as a client calls it.
  Distances within(const json& inputs) const {
    http::Request request{http::beast_http::verb::post, "/processes/within-distance/execution", 11};
    request.body() = json{{"inputs", inputs}}.dump();
    request.prepare_payload();
    http::Response r = api_->handle(request);
    const std::string text = r.body().read_all();
    EXPECT_EQ(r.result_int(), 200) << text;
    Distances out;
    double previous = 0;
    json result = json::parse(text);
    for (const json& f : result["features"]) {
      double d = f["properties"]["distance_m"].get<double>();
      EXPECT_LE(previous, d) << "not sorted by distance";
      previous = d;
      out[f["id"].dump()] = d;
    }
    return out;
  }

 private:
  std::unique_ptr<store::SnapshotHolder> holder_;
  std::unique_ptr<api::Api> api_;
};

void expect_same(const Distances& ours, const Distances& theirs, const std::string& what) {
  std::vector<std::string> only_ours, only_theirs;
  for (const auto& [id, d] : ours)
    if (!theirs.count(id)) only_ours.push_back(id);
  for (const auto& [id, d] : theirs)
    if (!ours.count(id)) only_theirs.push_back(id);
  EXPECT_TRUE(only_ours.empty() && only_theirs.empty())
      << what << ": " << only_ours.size() << " ids only ours (first " << (only_ours.empty() ? "-" : only_ours[0])
      << "), " << only_theirs.size() << " only PostGIS's (first " << (only_theirs.empty() ? "-" : only_theirs[0])
      << ")";
  double worst = 0;
  for (const auto& [id, d] : ours) {
    if (!theirs.count(id)) continue;
    worst = std::max(worst, std::abs(d - theirs.at(id)));
    EXPECT_NEAR(d, theirs.at(id), 0.01) << what << ": feature " << id;
  }
  std::cout << what << ": " << ours.size() << " features, largest distance difference " << worst << " m\n";
}

// A square ring of side 2·r around (x, y), in degrees, optionally reversed (holes).
std::string ring(double x, double y, double r, double turn) {
  std::string out = "(";
  for (int i = 0; i <= 4; ++i) {
    double a = turn + (i % 4) * M_PI / 2;
    out += (i ? ", " : "") + fmt(x + r * std::cos(a)) + " " + fmt(y + r * std::sin(a) * 0.8);
  }
  return out + ")";
}

std::vector<std::pair<std::string, std::vector<std::string>>> random_features(std::mt19937& rng, int n) {
  std::uniform_real_distribution<double> lon(112.3, 112.8), lat(34.95, 35.25), size(0.0005, 0.02), unit(0, 1);
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  for (int i = 0; i < n; ++i) {
    double x = lon(rng), y = lat(rng), s = size(rng), turn = unit(rng) * M_PI;
    std::string wkt;
    switch (i % 5) {
      case 0:
        wkt = "POINT (" + fmt(x) + " " + fmt(y) + ")";
        break;
      case 1: {
        wkt = "LINESTRING (" + fmt(x) + " " + fmt(y);
        for (int k = 1; k < 2 + static_cast<int>(rng() % 5); ++k)
          wkt += ", " + fmt(x + s * (unit(rng) - 0.3) * k) + " " + fmt(y + s * (unit(rng) - 0.5) * k);
        wkt += ")";
        break;
      }
      case 2:
        wkt = "POLYGON (" + ring(x, y, s, turn) + ")";
        break;
      case 3:
        wkt = "POLYGON (" + ring(x, y, s * 3, turn) + ", " + ring(x, y, s, turn + 0.3) + ")";
        break;  // a hole
      default:
        wkt = "MULTIPOLYGON ((" + ring(x, y, s, turn) + "), (" + ring(x + 4 * s, y, s / 2, turn) + "))";
    }
    rows.push_back({wkt, {std::to_string(i % 3), i % 4 == 0 ? "true" : "false"}});
  }
  return rows;
}

}  // namespace

TEST(PostgisWithinDistance, RandomDataSameIdsAndDistances) {
  ASSERT_NO_FATAL_FAILURE(require_postgis());
  TempDir dir;
  std::filesystem::path gpkg = dir / "wdcmp.gpkg";
  std::mt19937 rng(20240611);
  write_layer(gpkg, 4490, {"wdcmp_sources", {{"grp", 'i'}, {"flag", 'b'}}, random_features(rng, 600)});
  write_layer(gpkg, 4490, {"wdcmp_targets", {{"grp", 'i'}, {"flag", 'b'}}, random_features(rng, 400)});
  ASSERT_NO_FATAL_FAILURE(load_into_postgis(gpkg, {"wdcmp_sources", "wdcmp_targets"}));
  Server ours(gpkg, {"wdcmp_sources", "wdcmp_targets"});

  for (double d : {0.0, 40.0, 750.0, 5000.0}) {
    expect_same(ours.within({{"source", "wdcmp_sources"}, {"target", "wdcmp_targets"}, {"distance", d}}),
                postgis_within("wdcmp_sources", "true", "wdcmp_targets", fmt(d), dir), "random, d = " + fmt(d));
  }
  expect_same(ours.within({{"source", "wdcmp_sources"}, {"target", "wdcmp_sources"}, {"distance", 300}}),
              postgis_within("wdcmp_sources", "true", "wdcmp_sources", "300", dir),
              "random, sources to each other, d = 300");
  expect_same(
      ours.within({{"source", "wdcmp_sources"},
                   {"target", "wdcmp_targets"},
                   {"source_filter", {{"flag", true}}},
                   {"distance_by", {{"property", "grp"}, {"values", {{"0", 200}, {"1", 2000}}}, {"default", 20}}}}),
      postgis_within("wdcmp_sources", "flag", "wdcmp_targets",
                     "CASE b.grp WHEN 0 THEN 200 WHEN 1 THEN 2000 ELSE 20 END", dir),
      "random, flagged sources, distance by target group");
}

TEST(PostgisWithinDistance, DemoDataSameIdsAndDistances) {
  ASSERT_NO_FATAL_FAILURE(require_postgis());
  ASSERT_TRUE(std::filesystem::exists(kDemoGpkg)) << "run scripts/make-demo-data.py first (scripts/test.sh does)";
  const std::vector<std::string> layers = {"enterprises",    "farmland",       "rivers",
                                           "tailings_ponds", "polluted_plots", "water_protection_zones"};
  ASSERT_NO_FATAL_FAILURE(load_into_postgis(kDemoGpkg, layers));
  Server ours(kDemoGpkg, layers);
  TempDir dir;

  expect_same(ours.within({{"source", "enterprises"},
                           {"target", "farmland"},
                           {"source_filter", {{"heavy_metal", true}}},
                           {"distance", 10000}}),
              postgis_within("enterprises", "heavy_metal", "farmland", "10000", dir),
              "demo, heavy-metal enterprises within 10 km of farmland");
  expect_same(
      ours.within({{"source", "enterprises"},
                   {"target", "farmland"},
                   {"source_filter", {{"heavy_metal", true}}},
                   {"distance_by",
                    {{"property", "terrain"}, {"values", {{"plain", 10000}, {"hill", 5000}, {"mountain", 3000}}}}}}),
      postgis_within("enterprises", "heavy_metal", "farmland",
                     "CASE b.terrain WHEN 'plain' THEN 10000 WHEN 'hill' THEN 5000 WHEN 'mountain' THEN 3000 END", dir),
      "demo, R1 by terrain");
  expect_same(ours.within({{"source", "enterprises"}, {"target", "farmland"}, {"distance", 300}}),
              postgis_within("enterprises", "true", "farmland", "300", dir),
              "demo, all enterprises within 300 m of farmland");
  expect_same(ours.within({{"source", "tailings_ponds"},
                           {"target", "rivers"},
                           {"target_filter", {{"is_mainstream", true}}},
                           {"distance", 3000}}),
              postgis_within("tailings_ponds", "true", "(SELECT * FROM rivers WHERE is_mainstream) AS r", "3000", dir),
              "demo, tailings ponds within 3 km of the mainstream");
  expect_same(ours.within({{"source", "polluted_plots"}, {"target", "polluted_plots"}, {"distance", 50}}),
              postgis_within("polluted_plots", "true", "polluted_plots", "50", dir),
              "demo, polluted plots within 50 m of another");
  expect_same(ours.within({{"source", "enterprises"}, {"target", "water_protection_zones"}, {"distance", 0}}),
              postgis_within("enterprises", "true", "water_protection_zones", "0", dir),
              "demo, enterprises in protection zones");
}
