// How the binary starts, refuses to start, and stops.
#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace onemap::testing;
using nlohmann::json;

namespace {
std::string binary() { return ONEMAP_BINARY; }
}  // namespace

TEST(Startup, BadCatalogStopsStartupNamingTheFile) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/rivers.yaml", "id: rivers\nsource: rivers.gpkg\nmax_zom: 4\n");
  auto r = run_command(binary() + " serve --port 0 --config " + (dir / "onemap.yaml").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("rivers.yaml: unknown key 'max_zom'"), std::string::npos) << r.output;
}

TEST(Startup, UnreadableSourceStopsStartupNamingTheLayerFile) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/rivers.yaml", "id: rivers\nsource: missing.gpkg\n");
  auto r = run_command(binary() + " serve --port 0 --config " + (dir / "onemap.yaml").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("rivers.yaml: layer 'rivers'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("missing.gpkg"), std::string::npos) << r.output;
}

TEST(Startup, UnknownCommandOrOptionIsAUsageError) {
  EXPECT_EQ(run_command(binary() + " frobnicate").exit_code, 2);
  EXPECT_EQ(run_command(binary() + " serve --colour red").exit_code, 2);
  EXPECT_EQ(run_command(binary() + " --help").exit_code, 0);
}

TEST(Startup, DataModePublishesEveryLayerAndTakesDomainDefaults) {
  // A source in CGCS2000 Gauss-Kruger with one domain layer (townships) and one foreign layer.
  TempDir dir;
  write_gpkg_layer(
      dir / "city.gpkg", "townships", 4547,
      {{"POLYGON ((450000 3880000, 460000 3880000, 460000 3890000, 450000 3890000, 450000 3880000))", "测试镇"}});
  write_gpkg_layer(dir / "city.gpkg", "wells", 4547, {{"POINT (455000 3885000)", "井1"}});
  ServerProcess server({"--data", (dir / "city.gpkg").string()});
  auto doc = json::parse(http_get(server.port(), "/collections").body());
  ASSERT_EQ(doc["collections"].size(), 2u);
  EXPECT_EQ(doc["collections"][0]["id"], "townships");
  EXPECT_EQ(doc["collections"][0]["title"], "镇/街道");  // from the demo catalog's template
  EXPECT_EQ(doc["collections"][1]["id"], "wells");
  // The analysis CRS is the data's own Gauss-Kruger zone (CM 114E → EPSG:4547).
  bool has_4547 = false;
  for (const auto& c : doc["collections"][1]["crs"]) has_4547 |= c == "http://www.opengis.net/def/crs/EPSG/0/4547";
  EXPECT_TRUE(has_4547);
  // Asked back in EPSG:4547 (northing, easting), the point is where it was written.
  auto f = json::parse(
      http_get(server.port(), "/collections/wells/items/1?crs=http://www.opengis.net/def/crs/EPSG/0/4547").body());
  EXPECT_NEAR(f["geometry"]["coordinates"][0].get<double>(), 3885000, 1e-3);
  EXPECT_NEAR(f["geometry"]["coordinates"][1].get<double>(), 455000, 1e-3);
  EXPECT_EQ(f["properties"]["name"], "井1");
}

TEST(Startup, SigtermShutsDownCleanly) {
  TempDir dir;
  write_gpkg_layer(dir / "d.gpkg", "pts", 4326, {{"POINT (1 2)", "a"}});
  ServerProcess server({"--data", (dir / "d.gpkg").string()});
  EXPECT_EQ(http_get(server.port(), "/health").result_int(), 200);
  EXPECT_EQ(server.stop(), 0);
}
