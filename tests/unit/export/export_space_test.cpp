#include "export/export_space.h"

#include "fixtures.h"

#include <gtest/gtest.h>

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
