#include "export/export_space.h"

#include "fixtures.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

using namespace onemap;
using onemap::testing::TempDir;

TEST(ExportSpace, AtMostMaxExportsAtOnce) {
  TempDir dir;
  exports::ExportSpace space(dir.path(), 2);
  auto a = space.try_acquire();
  auto b = space.try_acquire();
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(space.try_acquire());
  EXPECT_EQ(space.busy(), 2u);
  a.reset();
  EXPECT_TRUE(space.try_acquire());  // given back, and taken again for the duration of the test only
  EXPECT_EQ(space.busy(), 1u);
}

TEST(ExportSpace, ScratchGoesUnlessHandedOverAndTheDirectoryGoesWithTheSpace) {
  TempDir dir;
  std::filesystem::path space_dir, kept;
  {
    exports::ExportSpace space(dir.path(), 1);
    space_dir = space.dir();
    EXPECT_EQ(space_dir.parent_path(), dir.path());
    EXPECT_TRUE(space_dir.filename().string().starts_with("onemap-exports-"));
    {
      auto scratch = space.scratch("gpkg");
      std::ofstream(scratch.dir() / "side.tmp") << "x";
      std::ofstream(scratch.result()) << "result";
    }
    EXPECT_TRUE(std::filesystem::is_empty(space_dir));  // neither the scratch nor the result is left
    {
      auto scratch = space.scratch("shp.zip");
      std::ofstream(scratch.result()) << "result";
      EXPECT_EQ(scratch.result().extension(), ".zip");
      kept = scratch.result();
      scratch.hand_over();
    }
    EXPECT_TRUE(std::filesystem::exists(kept));  // the response owns it now
  }
  EXPECT_FALSE(std::filesystem::exists(space_dir));  // server stop: everything goes
}

TEST(ExportSpace, ASpaceLeftByAProcessThatIsGoneIsSweptAtStart) {
  TempDir dir;
  // pid_max is at most 2^22: no process has this id. Ours is alive, and so is its space.
  const auto stale = dir.path() / "onemap-exports-999999999-abcdef";
  const auto live = dir.path() / ("onemap-exports-" + std::to_string(::getpid()) + "-abcdef");
  const auto other = dir.path() / "unrelated-999999999";
  for (const auto& d : {stale, live, other}) {
    std::filesystem::create_directories(d);
    std::ofstream(d / "file.gpkg") << "x";
  }
  exports::ExportSpace space(dir.path(), 1);
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_TRUE(std::filesystem::exists(live / "file.gpkg"));
  EXPECT_TRUE(std::filesystem::exists(other / "file.gpkg"));
  EXPECT_TRUE(space.dir().filename().string().starts_with("onemap-exports-" + std::to_string(::getpid()) + "-"));
}
