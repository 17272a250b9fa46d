// Our vector tiles against PostGIS's ST_AsMVT / ST_AsMVTGeom on the same data: for a fixed list
// of tiles, the same feature ids, and geometries that agree within about a tile unit. Both
// tiles are decoded by GDAL's MVT driver and compared with GEOS.
// Needs the private PostGIS of scripts/postgis.sh (scripts/test.sh starts it); fails loudly
// without it.
#include "api/router.h"
#include "fixtures.h"
#include "geo/geos_handles.h"
#include "mvt_decode.h"
#include "server_process.h"
#include "store/snapshot.h"
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
  polygons.push_back({"POLYGON (" + blob(112.55, 35.10, 0.15, 300, rng) + ", " + blob(112.57, 35.11, 0.04, 80, rng, true) + ")", "big"});
  std::string comb = "POLYGON ((112.30 34.95, 112.30 35.05";
  for (int t = 0; t < 12; ++t) {
    double x = 112.30 + t * 0.02;
    comb += ", " + fmt(x + 0.01) + " 35.05, " + fmt(x + 0.01) + " 34.97, " + fmt(x + 0.02) + " 34.97, " + fmt(x + 0.02) + " 35.05";
  }
  comb += ", 112.55 35.05, 112.55 34.95, 112.30 34.95))";
  polygons.push_back({comb, "comb"});
  std::uniform_real_distribution<double> lon(112.3, 112.8), lat(34.9, 35.3), size(0.004, 0.02);
  for (int i = 0; i < 40; ++i) {
    double x = lon(rng), y = lat(rng), s = size(rng);
    polygons.push_back({"POLYGON ((" + fmt(x) + " " + fmt(y) + ", " + fmt(x + s) + " " + fmt(y) + ", " + fmt(x + s) + " " +
                            fmt(y + s * 0.7) + ", " + fmt(x) + " " + fmt(y + s) + ", " + fmt(x) + " " + fmt(y) + "))",
                        "small-" + std::to_string(i)});
  }
  polygons.push_back({"MULTIPOLYGON ((" + blob(112.70, 35.25, 0.03, 40, rng) + "), (" + blob(112.76, 35.22, 0.02, 30, rng) + "))", "multi"});

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
  for (int i = 0; i < 150; ++i) points.push_back({"POINT (" + fmt(lon(rng)) + " " + fmt(lat(rng)) + ")", "p" + std::to_string(i)});
  points.push_back({"MULTIPOINT ((112.5 35.1), (112.51 35.11), (112.6 35.0))", "multi"});

  write_gpkg_layer(gpkg, kLayers[0], 4490, polygons);
  write_gpkg_layer(gpkg, kLayers[1], 4490, lines);
  write_gpkg_layer(gpkg, kLayers[2], 4490, points);
}

// Every tile over the data at z 8, 10 and 12, and a block of z 14 tiles in the middle.
std::vector<tiles::TileId> tile_list() {
  std::vector<tiles::TileId> out;
  for (int z : {8, 10, 12, 14}) {
    tiles::TileId a = tiles::tile_at(z == 14 ? 112.50 : 112.27, z == 14 ? 35.16 : 35.31, z);
    tiles::TileId b = tiles::tile_at(z == 14 ? 112.62 : 112.84, z == 14 ? 35.06 : 34.88, z);
    for (std::uint32_t x = a.x; x <= b.x; ++x)
      for (std::uint32_t y = a.y; y <= b.y; ++y) out.push_back({z, x, y});
  }
  return out;
}

std::string key(const tiles::TileId& t) { return std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y); }

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// PostGIS's tiles for one layer, keyed "z/x/y" (missing: empty), in one psql call.
std::map<std::string, std::string> postgis_tiles(const std::string& layer, const std::vector<tiles::TileId>& list,
                                                 const TempDir& dir) {
  std::string values;
  for (const auto& t : list) values += (values.empty() ? "" : ",") + ("(" + std::to_string(t.z) + "," + std::to_string(t.x) + "," + std::to_string(t.y) + ")");
  const std::string sql =
      "SELECT t.z || '/' || t.x || '/' || t.y, encode(ST_AsMVT(q, '" + layer + "', 4096, 'geom', 'fid'), 'hex')\n"
      "FROM (VALUES " + values + ") AS t(z, x, y)\n"
      "CROSS JOIN LATERAL (\n"
      "  SELECT fid, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(t.z, t.x, t.y), 4096, 64, true) AS geom\n"
      "  FROM " + layer + " WHERE ST_Transform(geom, 3857) && ST_TileEnvelope(t.z, t.x, t.y, margin => 64.0 / 4096)) AS q\n"
      "WHERE q.geom IS NOT NULL GROUP BY t.z, t.x, t.y;\n";
  write_text(dir / "tiles.sql", sql);
  CommandResult r = run_command(kScript + " psql -v ON_ERROR_STOP=1 -tA -F'|' -f " + (dir / "tiles.sql").string() + " 2>&1");
  if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.output);
  std::map<std::string, std::string> out;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    auto bar = line.find('|');
    if (bar != std::string::npos) out[line.substr(0, bar)] = from_hex(line.substr(bar + 1));
  }
  return out;
}

geo::GeosGeometryPtr geos_from_wkt(geo::GeosContext& ctx, const std::string& wkt) {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx.handle());
  GEOSGeometry* g = GEOSWKTReader_read_r(ctx.handle(), reader, wkt.c_str());
  GEOSWKTReader_destroy_r(ctx.handle(), reader);
  return geo::geos_owned(ctx, g, "GEOSWKTReader_read");
}

bool polygonal(geo::GeosContext& ctx, const GEOSGeometry* g) {
  const int type = GEOSGeomTypeId_r(ctx.handle(), g);
  return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

// How far apart two decoded geometries are, over the tile proper (0–4096, what is drawn).
// The buffer is left out on purpose: PostGIS clips after snapping to the grid, so where a steep
// segment crosses the buffer's edge its cut point can lie a few units from ours (ours is cut
// from the exact segment, then snapped). Inside the tile both are the same vertices, snapped
// and simplified at half a unit.
// Both sides snap (≤ 0.71 units each) and simplify at half a unit, but PostGIS simplifies the
// whole geometry before clipping and we simplify what is left after clipping, so Douglas–
// Peucker may keep different vertices: most features come out identical or within one unit, a
// few within 1.5 (the run prints the distribution).
constexpr double kMaxHausdorff = 1.5;

struct Difference {
  double hausdorff = 0;    // tile units
  double area_excess = 0;  // symmetric-difference area over (perimeter · 1 unit)
  double one_sided = 0;    // size (area or length) of what only one tile shows in the tile proper
};

Difference compare(const std::string& ours, const std::string& theirs) {
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  auto clip = [&](const std::string& wkt) {
    auto g = geos_from_wkt(ctx, wkt);
    return geo::geos_owned(ctx, GEOSClipByRect_r(ctx.handle(), g.get(), 0, 0, 4096, 4096), "GEOSClipByRect");
  };
  auto a = clip(ours), b = clip(theirs);
  Difference d;
  const bool a_empty = GEOSisEmpty_r(ctx.handle(), a.get()) == 1, b_empty = GEOSisEmpty_r(ctx.handle(), b.get()) == 1;
  if (a_empty || b_empty) {
    const GEOSGeometry* shown = a_empty ? b.get() : a.get();
    if (polygonal(ctx, shown)) GEOSArea_r(ctx.handle(), shown, &d.one_sided);
    else GEOSLength_r(ctx.handle(), shown, &d.one_sided);
    return d;
  }
  GEOSHausdorffDistanceDensify_r(ctx.handle(), a.get(), b.get(), 0.1, &d.hausdorff);
  if (polygonal(ctx, a.get()) && polygonal(ctx, b.get())) {
    auto sym = geo::geos_owned(ctx, GEOSSymDifference_r(ctx.handle(), a.get(), b.get()), "GEOSSymDifference");
    double area = 0, perimeter = 0;
    GEOSArea_r(ctx.handle(), sym.get(), &area);
    GEOSLength_r(ctx.handle(), a.get(), &perimeter);
    d.area_excess = area / std::max(perimeter, 1.0);
  }
  return d;
}

}  // namespace

TEST(PostgisTiles, SameFeaturesAndGeometriesAsStAsMvt) {
  CommandResult ping = run_command(kScript + " psql -tAc 'SELECT postgis_lib_version()' 2>&1");
  ASSERT_EQ(ping.exit_code, 0) << "PostGIS is not reachable; run scripts/postgis.sh start (scripts/test.sh does):\n" << ping.output;

  TempDir dir;
  write_fixture(dir / "tilecmp.gpkg");
  CommandResult load = run_command(kScript + " load " + (dir / "tilecmp.gpkg").string() + " 2>&1");
  ASSERT_EQ(load.exit_code, 0) << load.output;

  catalog::Catalog c;
  c.analysis_crs = geo::Crs{4547};
  for (const std::string& id : kLayers) {
    catalog::LayerConfig layer;
    layer.id = layer.source_layer = id;
    layer.source = (dir / "tilecmp.gpkg").string();
    layer.defined_in = "test";
    c.layers.push_back(layer);
  }
  store::SnapshotHolder holder(store::load_snapshot(c));
  api::Api api(holder);

  const auto list = tile_list();
  std::size_t features = 0, tiles_with_data = 0;
  double worst_hausdorff = 0, worst_area = 0;
  std::map<int, int> hausdorff_counts;  // ⌈distance⌉ → features
  for (const std::string& layer : kLayers) {
    auto theirs = postgis_tiles(layer, list, dir);
    for (const tiles::TileId& t : list) {
      http::Request request{http::beast_http::verb::get, "/tiles/" + layer + "/" + key(t) + ".mvt", 11};
      http::Response ours = api.handle(request);
      const std::string their_bytes = theirs.count(key(t)) ? theirs[key(t)] : "";
      ASSERT_EQ(ours.result_int() == 204, their_bytes.empty()) << layer << " " << key(t);
      if (their_bytes.empty()) continue;
      ++tiles_with_data;
      auto our_features = decode_mvt(ours.body())[layer];
      auto their_features = decode_mvt(their_bytes)[layer];
      std::map<std::int64_t, std::string> our_wkt, their_wkt;
      for (const auto& f : our_features) our_wkt[*f.id] = f.wkt;
      for (const auto& f : their_features) their_wkt[*f.id] = f.wkt;
      std::vector<std::int64_t> our_ids, their_ids;
      for (const auto& [id, wkt] : our_wkt) our_ids.push_back(id);
      for (const auto& [id, wkt] : their_wkt) their_ids.push_back(id);
      ASSERT_EQ(our_ids, their_ids) << layer << " " << key(t);
      for (const auto& [id, wkt] : our_wkt) {
        Difference d = compare(wkt, their_wkt[id]);
        ++features;
        worst_hausdorff = std::max(worst_hausdorff, d.hausdorff);
        worst_area = std::max(worst_area, d.area_excess);
        hausdorff_counts[static_cast<int>(std::ceil(d.hausdorff))]++;
        EXPECT_LE(d.hausdorff, kMaxHausdorff) << layer << " " << key(t) << " feature " << id << "\nours:   " << wkt << "\ntheirs: " << their_wkt[id];
        EXPECT_LE(d.area_excess, 1.0) << layer << " " << key(t) << " feature " << id;
        EXPECT_LE(d.one_sided, 2.0) << layer << " " << key(t) << " feature " << id << "\nours:   " << wkt << "\ntheirs: " << their_wkt[id];
      }
    }
  }
  std::cout << "compared " << features << " features in " << tiles_with_data << " tiles of " << list.size() * kLayers.size()
            << "; worst Hausdorff distance " << worst_hausdorff << " tile units, worst symmetric difference "
            << worst_area << " units² per unit of perimeter\nHausdorff distance (⌈units⌉: features):";
  for (auto [units, n] : hausdorff_counts) std::cout << " " << units << ": " << n;
  std::cout << "\n";
  EXPECT_GT(features, 300u);
}
