// Source passwords are masked wherever a source is printed: the mask itself, the startup log,
// load and catalog errors, and the command line's own message.
#include "catalog/secrets.h"
#include "catalog/catalog_loader.h"
#include "catalog/source_catalog.h"
#include "fixtures.h"
#include "store/layer_loader.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <sstream>

using namespace onemap;
using catalog::mask_secrets;
using onemap::testing::TempDir;
using onemap::testing::write_text;

namespace {

const char* const kPgSource = "PG:dbname=nope host=127.0.0.1 port=1 user=u password=hunter2";

// Routes spdlog's default logger into a string for the test's lifetime.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(text_));
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::string text() const { return text_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream text_;
};

// onemap.yaml with one layer of the given source.
std::filesystem::path write_catalog(const TempDir& dir, const std::string& source,
                                    const std::string& source_layer = "plots") {
  write_text(dir / "onemap.yaml", "title: x\nanalysis_crs: EPSG:4547\n");
  write_text(dir / "layers/plots.yaml", "id: plots\nsource: '" + source + "'\nsource_layer: " + source_layer + "\n");
  return dir / "onemap.yaml";
}

}  // namespace

TEST(MaskSecrets, KeyValueForms) {
  EXPECT_EQ(mask_secrets(kPgSource), "PG:dbname=nope host=127.0.0.1 port=1 user=u password=***");
  EXPECT_EQ(mask_secrets("PG:\"host=db password=secret dbname=gis\""), "PG:\"host=db password=*** dbname=gis\"");
  EXPECT_EQ(mask_secrets("PG:host=db password='two words' dbname=gis"), "PG:host=db password=*** dbname=gis");
  EXPECT_EQ(mask_secrets("PG:\"host=db password='it\\'s here' dbname=gis\""), "PG:\"host=db password=*** dbname=gis\"");
  EXPECT_EQ(mask_secrets("PG:host=db PASSWORD = s3cret"), "PG:host=db PASSWORD=***");
  EXPECT_EQ(mask_secrets("PG:host=db sslpassword=k password=p"), "PG:host=db sslpassword=*** password=***");
  EXPECT_EQ(mask_secrets("PG:host=db password="), "PG:host=db password=***");
}

TEST(MaskSecrets, UriForms) {
  EXPECT_EQ(mask_secrets("postgresql://u:secret@db.example:5432/gis"), "postgresql://u:***@db.example:5432/gis");
  EXPECT_EQ(mask_secrets("PG:postgres://u:p%40ss@db/gis?sslmode=require"),
            "PG:postgres://u:***@db/gis?sslmode=require");
  EXPECT_EQ(mask_secrets("postgresql://db/gis?user=u&password=secret&sslmode=require"),
            "postgresql://db/gis?user=u&password=***&sslmode=require");
  EXPECT_EQ(mask_secrets("cannot open 'postgresql://u:pw@h/d': refused; also https://example.org/a"),
            "cannot open 'postgresql://u:***@h/d': refused; also https://example.org/a");
}

TEST(MaskSecrets, LeavesEverythingElse) {
  for (const char* text :
       {"/data/jiyuan.gpkg", "PG:dbname=gis host=db user=u", "postgresql://u@db/gis", "https://example.org/a?b=c",
        "password authentication failed for user \"u\"", "济源市 password", ""})
    EXPECT_EQ(mask_secrets(text), text);
}

TEST(MaskSecrets, AFailedPgLayerLeavesThePasswordOutOfLogAndError) {
  TempDir dir;
  LogCapture log;
  std::string message;
  try {
    store::load_snapshot(catalog::load_catalog(write_catalog(dir, kPgSource)));
  } catch (const store::LoadError& e) {
    message = e.what();
  }
  ASSERT_FALSE(message.empty()) << "loading a PG source on a closed port must fail";
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  EXPECT_NE(message.find("password=***"), std::string::npos) << message;  // still says which source
  EXPECT_NE(message.find("layer 'plots'"), std::string::npos) << message;
  EXPECT_EQ(log.text().find("hunter2"), std::string::npos) << log.text();
}

TEST(MaskSecrets, DataSourceErrorsAndTheStartupLogAreMasked) {
  TempDir dir;
  LogCapture log;
  std::string message;
  try {
    catalog::catalog_for_sources({kPgSource}, catalog::Catalog{});
  } catch (const catalog::CatalogError& e) {
    message = e.what();
  }
  ASSERT_FALSE(message.empty());
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;

  // A loaded layer's source is logged at startup: a file under a folder whose name looks like a
  // credential stands in for a PG source GDAL would open.
  std::filesystem::path gpkg = dir / "password=hunter2" / "city.gpkg";
  std::filesystem::create_directories(gpkg.parent_path());
  onemap::testing::write_gpkg_layer(gpkg, "plots", 4326, {{"POINT (112.6 35.1)", "a"}});
  store::load_snapshot(catalog::load_catalog(write_catalog(dir, gpkg.string())));
  EXPECT_NE(log.text().find("layer 'plots': 1 features from"), std::string::npos) << log.text();
  EXPECT_EQ(log.text().find("hunter2"), std::string::npos) << log.text();
}

TEST(MaskSecrets, TheCommandLineNeverPrintsThePassword) {
  std::string command = std::string(ONEMAP_BINARY) + " serve --port 0 --data '" + kPgSource + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  EXPECT_NE(status, 0) << output;
  EXPECT_NE(output.find("cannot start"), std::string::npos) << output;
  EXPECT_EQ(output.find("hunter2"), std::string::npos) << output;
}
