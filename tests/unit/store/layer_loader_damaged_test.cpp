// A source GDAL cannot read to the end (P9b item 6): with a page of a GeoPackage zeroed, GDAL
// stops partway through the layer with "database disk image is malformed" as if the layer had
// ended. The load must fail naming the layer and the source — never serve the features read so
// far — at start-up and on reload (where the old data keeps serving).
#include "fixtures.h"
#include "layer_writer.h"
#include "load_helpers.h"

#include "store/reloader.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

namespace onemap {
namespace {

constexpr int kRows = 3000;

// Rows with long text, so the layer's table fills most pages of the file.
void write_rivers(const std::filesystem::path& gpkg) {
  testing::LayerRows rows{"rivers", {{"name", 's'}}, {}, wkbPoint};
  for (int i = 0; i < kRows; ++i)
    rows.rows.push_back({"POINT (" + std::to_string(112.0 + 0.0001 * i) + " 35.1)",
                         {"河流" + std::to_string(i) + std::string(200, 'x')}});
  testing::write_layer(gpkg, 4326, rows);
}

// Zeroes one page two thirds into the file (a page of the layer's table: see write_rivers).
void zero_a_page(const std::filesystem::path& file) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  unsigned char header[100];
  f.read(reinterpret_cast<char*>(header), sizeof header);
  std::size_t page = (header[16] << 8) | header[17];
  if (page == 1) page = 65536;
  const std::size_t pages = std::filesystem::file_size(file) / page;
  ASSERT_GT(pages, 20u);
  f.seekp(static_cast<std::streamoff>(pages * 2 / 3 * page));
  const std::vector<char> zeros(page, 0);
  f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
}

TEST(LayerLoaderDamaged, AReadEndedByAGdalErrorFailsTheLoadNamingLayerAndSource) {
  testing::TempDir dir;
  const std::filesystem::path gpkg = dir / "rivers.gpkg";
  write_rivers(gpkg);
  ASSERT_EQ(store::load_layer(testing::config_for(gpkg, "rivers"))->feature_count(), std::size_t{kRows});
  zero_a_page(gpkg);
  const std::string error = testing::load_error(testing::config_for(gpkg, "rivers"));
  ASSERT_FALSE(error.empty()) << "a damaged source loaded as if it were whole";
  EXPECT_NE(error.find("layer 'rivers'"), std::string::npos) << error;
  EXPECT_NE(error.find(gpkg.string()), std::string::npos) << error;
  EXPECT_NE(error.find("malformed"), std::string::npos) << error;
}

TEST(LayerLoaderDamaged, AReloadOfADamagedSourceIsRefusedAndTheDataKeepsServing) {
  testing::TempDir dir;
  const std::filesystem::path gpkg = dir / "rivers.gpkg";
  write_rivers(gpkg);
  catalog::Catalog catalog;
  catalog.layers = {testing::config_for(gpkg, "rivers")};
  store::SnapshotHolder holder(store::load_snapshot(catalog));
  const auto serving = holder.get();
  store::Reloader reloader(holder, [&] { return catalog; });
  zero_a_page(gpkg);
  const store::Reloader::Outcome out = reloader.reload();
  EXPECT_FALSE(out.reloaded);
  EXPECT_NE(out.message.find("malformed"), std::string::npos) << out.message;
  EXPECT_EQ(holder.get(), serving);
  EXPECT_EQ(holder.get()->find("rivers")->feature_count(), std::size_t{kRows});
}

}  // namespace
}  // namespace onemap
