// onemap.yaml's `fonts:` and the default fonts.
#include "catalog/font_files.h"
#include "catalog/catalog_loader.h"
#include "catalog/source_catalog.h"
#include "fixtures.h"

#include <gtest/gtest.h>

using namespace onemap;
using onemap::testing::catalog_load_error;
using onemap::testing::TempDir;
using onemap::testing::write_text;
namespace fs = std::filesystem;

namespace {

// A catalog folder with one layer, and onemap.yaml with `extra` appended.
fs::path config_with(const TempDir& dir, const std::string& extra) {
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "title: x\n" + extra);
  return dir / "onemap.yaml";
}

}  // namespace

TEST(FontFiles, AMissingConfiguredFontStopsLoadingAndIsNamed) {
  TempDir dir;
  const std::string message = catalog_load_error(config_with(dir, "fonts: [fonts/NoSuchSans.ttf]\n"));
  EXPECT_NE(message.find("onemap.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find((dir.path() / "fonts/NoSuchSans.ttf").string()), std::string::npos) << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
}

TEST(FontFiles, AFileThatIsNotAFontStopsLoadingAndIsNamed) {
  TempDir dir;
  write_text(dir / "fonts/readme.ttf", "not a font");
  const std::string message = catalog_load_error(config_with(dir, "fonts: [fonts/readme.ttf]\n"));
  EXPECT_NE(message.find("readme.ttf"), std::string::npos) << message;
}

TEST(FontFiles, ConfiguredFontsKeepTheirOrderAndResolveRelativeToTheConfig) {
  const fs::path latin = catalog::latin_font_candidate();
  if (!fs::exists(latin)) GTEST_SKIP() << "needs fonts-dejavu-core";
  TempDir dir;
  fs::create_directories(dir / "fonts");
  fs::copy_file(latin, dir / "fonts/Local.ttf");
  const auto c = catalog::load_catalog(config_with(dir, "fonts: [fonts/Local.ttf, " + latin.string() + "]\n"));
  ASSERT_EQ(c.fonts.size(), 2u);
  EXPECT_EQ(c.fonts[0], dir.path() / "fonts/Local.ttf");
  EXPECT_EQ(c.fonts[1], latin);
}

TEST(FontFiles, AnEmptyListConfiguresNoFonts) {
  TempDir dir;
  EXPECT_TRUE(catalog::load_catalog(config_with(dir, "fonts: []\n")).fonts.empty());
  EXPECT_NE(catalog_load_error(config_with(dir, "fonts: DejaVuSans.ttf\n")).find("wrong type"), std::string::npos);
}

TEST(FontFiles, WithoutTheKeyTheInstalledDefaults) {
  TempDir dir;
  EXPECT_EQ(catalog::load_catalog(config_with(dir, "")).fonts, catalog::default_fonts());
}

TEST(FontFiles, DefaultIsTheFirstInstalledCjkFontThenTheLatinOne) {
  TempDir dir;
  const fs::path latin = catalog::latin_font_candidate();
  if (!fs::exists(latin)) GTEST_SKIP() << "needs fonts-dejavu-core";
  // Stand-ins: a missing candidate is skipped, the first present one taken, the rest ignored.
  fs::copy_file(latin, dir / "second.ttf");
  fs::copy_file(latin, dir / "third.ttf");
  EXPECT_EQ(catalog::default_fonts({dir / "first.ttc", dir / "second.ttf", dir / "third.ttf"}, latin),
            (std::vector<fs::path>{dir / "second.ttf", latin}));
  EXPECT_EQ(catalog::default_fonts({dir / "first.ttc"}, dir / "none.ttf"), std::vector<fs::path>{});
  // A candidate FreeType cannot read is passed over.
  write_text(dir / "broken.ttc", "not a font");
  EXPECT_EQ(catalog::default_fonts({dir / "broken.ttc", dir / "third.ttf"}, dir / "none.ttf"),
            std::vector<fs::path>{dir / "third.ttf"});
}

TEST(FontFiles, DataSourcesTakeTheTemplatesFonts) {
  TempDir dir;
  onemap::testing::write_gpkg_layer(dir / "d.gpkg", "sites", 4490, {{"POINT (112 35)", "a"}});
  catalog::Catalog templates;
  templates.fonts = {"/fonts/a.ttf", "/fonts/b.ttf"};
  EXPECT_EQ(catalog::catalog_for_sources({(dir / "d.gpkg").string()}, templates).fonts, templates.fonts);
}
