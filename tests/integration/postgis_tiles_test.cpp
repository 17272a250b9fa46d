// Our vector tiles against PostGIS's ST_AsMVT / ST_AsMVTGeom on the same data: for a fixed list
// of tiles, the same feature ids, and geometries that agree within about a tile unit. Both
// tiles are decoded by GDAL's MVT driver and compared with GEOS.
// Needs the private PostGIS of scripts/postgis.sh (scripts/test.sh starts it); fails loudly
// without it.
#include "api/router.h"
#include "fixtures.h"
#include "mvt_decode.h"
#include "server_process.h"
#include "store/snapshot.h"
#include "tile_compare.h"
#include "tiles/tile_id.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

using namespace onemap;
using namespace onemap::testing;

namespace {

const std::string kScript = std::string(ONEMAP_SOURCE_DIR) + "/scripts/postgis.sh";
const std::vector<std::string> kLayers = {"tilecmp_polygons", "tilecmp_lines", "tilecmp_points"};

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

// A closed blob of n vertices around (cx, cy), radius r with a deterministic wobble.
std::string blob(double cx, double cy, double r, int n, std::mt19937& rng, bool reverse = false) {
  std::uniform_real_distribution<double> wobble(0.75, 1.0);
  std::vector<std::string> pts;
  for (int i = 0; i < n; ++i) {
    double a = 2 * M_PI * i / n * (reverse ? -1 : 1);
    double k = wobble(rng);
    pts.push_back(fmt(cx + r * k * std::cos(a)) + " " + fmt(cy + r * k * std::sin(a) * 0.8));
  }
  pts.push_back(pts.front());
  std::string out = "(";
  for (std::size_t i = 0; i < pts.size(); ++i) out += (i ? ", " : "") + pts[i];
  return out + ")";
}

// Polygons (blobs with holes, a comb whose teeth cross many tile edges, small squares, a
// multipolygon), lines (a meandering river, a spiral, a zigzag) and a scatter of points, all
// around Jiyuan, in CGCS2000 like the city's data.
void write_fixture(const std::filesystem::path& gpkg) {
  std::mt19937 rng(20240501);
  std::vector<FixtureFeature> polygons;
  polygons.push_back(
      {"POLYGON (" + blob(112.55, 35.10, 0.15, 300, rng) + ", " + blob(112.57, 35.11, 0.04, 80, rng, true) + ")",
       "big"});
  std::string comb = "POLYGON ((112.30 34.95, 112.30 35.05";
  for (int t = 0; t < 12; ++t) {
    double x = 112.30 + t * 0.02;
    comb += ", " + fmt(x + 0.01) + " 35.05, " + fmt(x + 0.01) + " 34.97, " + fmt(x + 0.02) + " 34.97, " +
            fmt(x + 0.02) + " 35.05";
  }
  comb += ", 112.55 35.05, 112.55 34.95, 112.30 34.95))";
  polygons.push_back({comb, "comb"});
  std::uniform_real_distribution<double> lon(112.3, 112.8), lat(34.9, 35.3), size(0.004, 0.02);
  for (int i = 0; i < 40; ++i) {
    double x = lon(rng), y = lat(rng), s = size(rng);
    polygons.push_back({"POLYGON ((" + fmt(x) + " " + fmt(y) + ", " + fmt(x + s) + " " + fmt(y) + ", " + fmt(x + s) +
                            " " + fmt(y + s * 0.7) + ", " + fmt(x) + " " + fmt(y + s) + ", " + fmt(x) + " " + fmt(y) +
                            "))",
                        "small-" + std::to_string(i)});
  }
  polygons.push_back(
      {"MULTIPOLYGON ((" + blob(112.70, 35.25, 0.03, 40, rng) + "), (" + blob(112.76, 35.22, 0.02, 30, rng) + "))",
       "multi"});

  std::vector<FixtureFeature> lines;
  std::string river = "LINESTRING (";
  for (int i = 0; i <= 600; ++i) {
    double x = 112.28 + i * 0.55 / 600;
    river += (i ? ", " : "") + fmt(x) + " " + fmt(35.12 + 0.05 * std::sin(i / 25.0) + 0.01 * std::sin(i / 3.0));
  }
  lines.push_back({river + ")", "river"});
  std::string spiral = "LINESTRING (";
  for (int i = 0; i <= 400; ++i) {
    double a = i / 15.0, r = 0.002 + i * 0.0003;
    spiral += (i ? ", " : "") + fmt(112.45 + r * std::cos(a)) + " " + fmt(35.2 + r * std::sin(a));
  }
  lines.push_back({spiral + ")", "spiral"});
  std::string zigzag = "LINESTRING (";
  for (int i = 0; i <= 40; ++i) zigzag += (i ? ", " : "") + fmt(112.3 + i * 0.0125) + " " + (i % 2 ? "34.93" : "35.0");
  lines.push_back({zigzag + ")", "zigzag"});

  std::vector<FixtureFeature> points;
  for (int i = 0; i < 150; ++i)
    points.push_back({"POINT (" + fmt(lon(rng)) + " " + fmt(lat(rng)) + ")", "p" + std::to_string(i)});
  points.push_back({"MULTIPOINT ((112.5 35.1), (112.51 35.11), (112.6 35.0))", "multi"});

  write_gpkg_layer(gpkg, kLayers[0], 4490, polygons);
  write_gpkg_layer(gpkg, kLayers[1], 4490, lines);
  write_gpkg_layer(gpkg, kLayers[2], 4490, points);
}

// Every tile over the box at z 8, 10 and 12, and a block of z 14 tiles around its centre.
std::vector<tiles::TileId> tile_list(const geo::Envelope& box) {
  std::vector<tiles::TileId> out;
  const double cx = (box.min_x + box.max_x) / 2, cy = (box.min_y + box.max_y) / 2;
  for (int z : {8, 10, 12, 14}) {
    tiles::TileId a = z == 14 ? tiles::tile_at(cx - 0.06, cy + 0.05, z) : tiles::tile_at(box.min_x, box.max_y, z);
    tiles::TileId b = z == 14 ? tiles::tile_at(cx + 0.06, cy - 0.05, z) : tiles::tile_at(box.max_x, box.min_y, z);
    for (std::uint32_t x = a.x; x <= b.x; ++x)
      for (std::uint32_t y = a.y; y <= b.y; ++y) out.push_back({z, x, y});
  }
  return out;
}

std::string key(const tiles::TileId& t) {
  return std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y);
}

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// PostGIS's tiles for one layer, keyed "z/x/y" (missing: empty), in one psql call.
std::map<std::string, std::string> postgis_tiles(const std::string& layer, const std::vector<tiles::TileId>& list,
                                                 const TempDir& dir) {
  std::string values;
  for (const auto& t : list)
    values += (values.empty() ? "" : ",") +
              ("(" + std::to_string(t.z) + "," + std::to_string(t.x) + "," + std::to_string(t.y) + ")");
  const std::string sql =
      "SELECT t.z || '/' || t.x || '/' || t.y, encode(ST_AsMVT(q, '" + layer +
      "', 4096, 'geom', 'fid'), 'hex')\n"
      "FROM (VALUES " +
      values +
      ") AS t(z, x, y)\n"
      "CROSS JOIN LATERAL (\n"
      "  SELECT fid, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(t.z, t.x, t.y), 4096, 64, true) AS geom\n"
      "  FROM " +
      layer +
      " WHERE ST_Transform(geom, 3857) && ST_TileEnvelope(t.z, t.x, t.y, margin => 64.0 / 4096)) AS q\n"
      "WHERE q.geom IS NOT NULL GROUP BY t.z, t.x, t.y;\n";
  write_text(dir / "tiles.sql", sql);
  CommandResult r =
      run_command(kScript + " psql -v ON_ERROR_STOP=1 -tA -F'|' -f " + (dir / "tiles.sql").string() + " 2>&1");
  if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.output);
  std::map<std::string, std::string> out;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    auto bar = line.find('|');
    if (bar != std::string::npos) out[line.substr(0, bar)] = from_hex(line.substr(bar + 1));
  }
  return out;
}

// Both sides snap to the grid the same way; we then simplify at half a unit where PostGIS only
// drops collinear points, so our vertices are a subset of theirs within about half a unit of
// their path, and nearly every feature comes out within one unit (the run prints the
// distribution). The 1.5 allows for the one place PostGIS is less exact: it cuts at the
// buffer's edge after snapping, and a long segment from inside the tile to that cut enters the
// tile up to about 1.5 units from ours.
constexpr double kMaxHausdorff = 1.5;

// A GeoPackage layer published under the name of its PostGIS table.
struct ComparedLayer {
  std::string table;
  std::string source_layer;
};

void ping_postgis() {
  CommandResult ping = run_command(kScript + " psql -tAc 'SELECT postgis_lib_version()' 2>&1");
  ASSERT_EQ(ping.exit_code, 0) << "PostGIS is not reachable; run scripts/postgis.sh start (scripts/test.sh does):\n"
                               << ping.output;
}

// Loads the layers into PostGIS and into a snapshot of our own, then compares every tile of
// the list; returns the number of features compared.
std::size_t compare_tiles(const std::filesystem::path& gpkg, const std::vector<ComparedLayer>& layers,
                          const TempDir& dir) {
  catalog::Catalog c;
  c.analysis_crs = geo::Crs{4547};
  for (const ComparedLayer& l : layers) {
    CommandResult load =
        run_command(kScript + " load " + gpkg.string() + " " + l.source_layer + " -nln " + l.table + " 2>&1");
    EXPECT_EQ(load.exit_code, 0) << load.output;
    catalog::LayerConfig layer;
    layer.id = l.table;
    layer.source_layer = l.source_layer;
    layer.source = gpkg.string();
    layer.defined_in = "test";
    c.layers.push_back(layer);
  }
  store::SnapshotHolder holder(store::load_snapshot(c));
  api::Api api(holder);
  geo::Envelope extent;
  for (const auto& layer : holder.get()->layers) extent.expand(layer->extent);
  const auto list = tile_list(extent);

  std::size_t features = 0, tiles_with_data = 0;
  double worst_hausdorff = 0, worst_area = 0;
  std::map<int, int> hausdorff_counts;  // ⌈distance⌉ → features
  for (const ComparedLayer& l : layers) {
    const std::string& layer = l.table;
    auto theirs = postgis_tiles(layer, list, dir);
    for (const tiles::TileId& t : list) {
      http::Request request{http::beast_http::verb::get, "/tiles/" + layer + "/" + key(t) + ".mvt", 11};
      http::Response ours = api.handle(request);
      const std::string their_bytes = theirs.count(key(t)) ? theirs[key(t)] : "";
      EXPECT_EQ(ours.result_int() == 204, their_bytes.empty()) << layer << " " << key(t);
      if (their_bytes.empty() || ours.result_int() == 204) continue;
      ++tiles_with_data;
      std::map<std::int64_t, std::string> our_wkt, their_wkt;
      DecodedTile our_tile = decode_mvt(std::string(ours.body().text())), their_tile = decode_mvt(their_bytes);
      for (const auto& f : our_tile[layer]) our_wkt[*f.id] = f.wkt;
      for (const auto& f : their_tile[layer]) their_wkt[*f.id] = f.wkt;
      std::vector<std::int64_t> our_ids, their_ids;
      for (const auto& [id, wkt] : our_wkt) our_ids.push_back(id);
      for (const auto& [id, wkt] : their_wkt) their_ids.push_back(id);
      EXPECT_EQ(our_ids, their_ids) << layer << " " << key(t);
      for (const auto& [id, wkt] : our_wkt) {
        if (!their_wkt.count(id)) continue;
        TileDifference d = compare_tile_geometries(wkt, their_wkt[id]);
        ++features;
        worst_hausdorff = std::max(worst_hausdorff, d.hausdorff);
        worst_area = std::max(worst_area, d.area_excess);
        hausdorff_counts[static_cast<int>(std::ceil(d.hausdorff))]++;
        const std::string where = layer + " " + key(t) + " feature " + std::to_string(id);
        EXPECT_LE(d.hausdorff, kMaxHausdorff) << where << "\nours:   " << wkt << "\ntheirs: " << their_wkt[id];
        EXPECT_LE(d.area_excess, 1.0) << where;
        EXPECT_LE(d.one_sided, 2.0) << where << "\nours:   " << wkt << "\ntheirs: " << their_wkt[id];
      }
    }
  }
  std::cout << "compared " << features << " features in " << tiles_with_data << " tiles of "
            << list.size() * layers.size() << "; worst Hausdorff distance " << worst_hausdorff
            << " tile units, worst symmetric difference " << worst_area
            << " units² per unit of perimeter\nHausdorff distance (⌈units⌉: features):";
  for (auto [units, n] : hausdorff_counts) std::cout << " " << units << ": " << n;
  std::cout << "\n";
  return features;
}

}  // namespace

TEST(PostgisTiles, SameFeaturesAndGeometriesAsStAsMvt) {
  ping_postgis();
  TempDir dir;
  write_fixture(dir / "tilecmp.gpkg");
  std::vector<ComparedLayer> layers;
  for (const std::string& name : kLayers) layers.push_back({name, name});
  EXPECT_GT(compare_tiles(dir / "tilecmp.gpkg", layers, dir), 300u);
}

// The same on the Jiyuan demo data (scripts/make-demo-data.py), every layer, loaded into
// tables of their own (tilecmp_demo_*) so benchmarks on the demo tables are left alone.
TEST(PostgisTiles, DemoDataMatchesStAsMvt) {
  const std::filesystem::path demo = std::filesystem::path(ONEMAP_SOURCE_DIR) / "data/demo/jiyuan.gpkg";
  if (!std::filesystem::exists(demo)) GTEST_SKIP() << "no " << demo << "; scripts/make-demo-data.py makes it";
  ping_postgis();
  TempDir dir;
  std::vector<ComparedLayer> layers;
  for (const char* name : {"townships", "terrain_zones", "built_up_area", "rivers", "water_sections",
                           "water_protection_zones", "polluted_plots", "tailings_ponds", "enterprises", "farmland"})
    layers.push_back({std::string("tilecmp_demo_") + name, name});
  EXPECT_GT(compare_tiles(demo, layers, dir), 1000u);
}
