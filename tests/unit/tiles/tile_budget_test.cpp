// The tile budget (P8) on generated dense data: no tile at any zoom over it, a kept class never
// left out, and the same features left out in every tile of one zoom.
#include "fixtures.h"
#include "http/gzip.h"
#include "layer_writer.h"
#include "mvt_decode.h"
#include "store/snapshot.h"
#include "store/tile_thinning.h"
#include "tiles/tile_id.h"
#include "tiles/tile_renderer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace onemap::testing {
namespace {

constexpr int kSide = 160;  // parcels per row and column
constexpr double kLon0 = 112.0, kLat0 = 35.0, kCell = 0.2 / kSide;
constexpr std::size_t kBudget = 48 * 1024;

bool strict(int i) { return i % 97 == 0; }

// kSide² parcels of varied size over 0.2° × 0.2° (about 18 × 22 km), every 97th strict_control.
std::shared_ptr<const store::Snapshot> dense_city(const TempDir& dir) {
  LayerRows rows{"farmland", {{"name", 's'}, {"category", 's'}}, {}, wkbPolygon};
  for (int i = 0; i < kSide * kSide; ++i) {
    const double x = kLon0 + (i % kSide) * kCell, y = kLat0 + (i / kSide) * kCell;
    const double side = kCell * (0.3 + 0.6 * ((i * 7919) % 101) / 100.0);
    char wkt[256];
    std::snprintf(wkt, sizeof wkt, "POLYGON ((%.8f %.8f, %.8f %.8f, %.8f %.8f, %.8f %.8f, %.8f %.8f))", x, y, x + side,
                  y, x + side, y + side, x, y + side, x, y);
    rows.rows.push_back({wkt, {"parcel " + std::to_string(i), strict(i) ? "strict_control" : "general"}});
  }
  write_layer(dir / "dense.gpkg", 4326, rows);
  catalog::Catalog catalog;
  catalog::LayerConfig layer;
  layer.id = layer.source_layer = "farmland";
  layer.source = (dir / "dense.gpkg").string();
  layer.min_zoom = 8;
  layer.max_zoom = 15;
  layer.tile_budget.max_bytes = kBudget;
  layer.tile_budget.keep = {{"category", {std::string("strict_control")}}};
  catalog.layers.push_back(layer);
  catalog.analysis_crs = geo::parse_crs("EPSG:4547");
  return store::load_snapshot(std::move(catalog));
}

const store::Snapshot& city() {
  static TempDir dir;
  static std::shared_ptr<const store::Snapshot> snapshot = dense_city(dir);
  return *snapshot;
}

TEST(TileBudget, EveryTileWithinBudgetKeptClassAlwaysShownSameChoiceAcrossAZoom) {
  const store::Layer& layer = *city().layers[0];
  const std::size_t n = layer.feature_count();
  ASSERT_EQ(n, static_cast<std::size_t>(kSide * kSide));
  bool thinned_somewhere = false;
  for (int z = layer.config.min_zoom; z <= layer.config.max_zoom; ++z) {
    thinned_somewhere = thinned_somewhere || layer.thinning.dropped[z] > 0;
    const tiles::TileId first = tiles::tile_at(layer.extent.min_x, layer.extent.max_y, z);
    const tiles::TileId last = tiles::tile_at(layer.extent.max_x, layer.extent.min_y, z);
    for (std::uint32_t x = first.x; x <= last.x; ++x) {
      for (std::uint32_t y = first.y; y <= last.y; ++y) {
        const tiles::TileId tile{z, x, y};
        const std::string bytes = tiles::render_tile({&layer}, tile, {4096, 64});
        const std::size_t gzipped = http::gzip_compress(bytes).size();
        EXPECT_LE(gzipped, kBudget) << "z" << z << "/" << x << "/" << y << " raw " << bytes.size();
        if (bytes.empty()) continue;
        // The tile holds exactly the features shown at this zoom whose centre lies in it: a
        // feature left out is left out of every tile, and one shown is never missing.
        std::set<std::string> names;  // "parcel <i>": names, not MVT ids, say which feature it is
        const DecodedTile decoded = decode_mvt(bytes);
        for (const DecodedFeature& f : decoded.at("farmland")) names.insert(std::get<std::string>(f.fields.at("name")));
        const geo::Envelope box = tiles::mercator_box_to_lonlat(tiles::tile_bounds(tile));
        for (std::uint32_t i = 0; i < n; ++i) {
          const geo::Envelope e = layer.lonlat_geometry(i).envelope();
          const double cx = (e.min_x + e.max_x) / 2, cy = (e.min_y + e.max_y) / 2;
          if (cx <= box.min_x || cx >= box.max_x || cy <= box.min_y || cy >= box.max_y) continue;
          const bool present = names.contains("parcel " + std::to_string(i));
          EXPECT_EQ(present, layer.thinning.shows(i, z)) << "parcel " << i << " at z" << z;
          if (strict(static_cast<int>(i))) {
            EXPECT_TRUE(present) << "kept class left out at z" << z;
          }
        }
      }
    }
  }
  EXPECT_TRUE(thinned_somewhere) << "the data should be dense enough to need thinning";
  EXPECT_EQ(layer.thinning.dropped[layer.config.max_zoom], 0u);  // the top zoom shows everything
}

TEST(TileBudget, WhatShowsAtAZoomShowsAtEveryHigherOne) {
  const store::Layer& layer = *city().layers[0];
  for (std::uint32_t i = 0; i < layer.feature_count(); ++i)
    for (int z = layer.config.min_zoom; z < layer.config.max_zoom; ++z)
      if (layer.thinning.shows(i, z)) {
        ASSERT_TRUE(layer.thinning.shows(i, z + 1)) << i << " z" << z;
      }
  // Thinning drops the smallest first: at the lowest zoom, what shows is larger on average.
  const int z = layer.config.min_zoom;
  double shown = 0, hidden = 0;
  std::size_t n_shown = 0, n_hidden = 0;
  for (std::uint32_t i = 0; i < layer.feature_count(); ++i) {
    const geo::Envelope ll = layer.lonlat_geometry(i).envelope();
    const geo::Coord lo = tiles::lonlat_to_mercator({ll.min_x, ll.min_y}),
                     hi = tiles::lonlat_to_mercator({ll.max_x, ll.max_y});
    const geo::Envelope e{lo.x, lo.y, hi.x, hi.y};
    const double area = (e.max_x - e.min_x) * (e.max_y - e.min_y);
    (layer.thinning.shows(i, z) ? shown : hidden) += area;
    ++(layer.thinning.shows(i, z) ? n_shown : n_hidden);
  }
  ASSERT_GT(n_hidden, 0u);
  EXPECT_GT(shown / static_cast<double>(n_shown), hidden / static_cast<double>(n_hidden));
}

TEST(TileBudget, NoBudgetThinsNothing) {
  const store::Layer& layer = *city().layers[0];
  catalog::TileBudget none = layer.config.tile_budget;
  none.max_bytes = 0;  // server.tile_budget_kb: 0, or the layer's tile_budget.max_kb: 0
  const store::TileThinning plan = store::plan_tile_thinning(layer, none);
  EXPECT_TRUE(plan.rank.empty());
  for (int z = 0; z < store::kThinningZooms; ++z) {
    EXPECT_EQ(plan.dropped[z], 0u) << "z" << z;
    EXPECT_TRUE(plan.shows(0, z));
  }
}

}  // namespace
}  // namespace onemap::testing
