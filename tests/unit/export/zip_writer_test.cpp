#include "export/zip_writer.h"

#include "download_reader.h"
#include "fixtures.h"
#include "util/job_control.h"

#include <cpl_vsi.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

using namespace onemap;
using onemap::testing::TempDir;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// An entry read back through GDAL's own zip reader.
std::string read_entry(const std::filesystem::path& zip, const std::string& name) {
  const std::string path = "/vsizip/" + zip.string() + "/" + name;
  VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
  if (!f) return "<missing>";
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  VSIFCloseL(f);
  return out;
}

}  // namespace

TEST(ZipWriter, EntriesAreFlaggedUtf8AndReadBackIntact) {
  geo::register_gdal_drivers();
  TempDir dir;
  // Incompressible bytes over several 64 KB pieces, and compressible text.
  std::string random(200 * 1024, '\0');
  std::mt19937 gen(7);
  for (char& c : random) c = static_cast<char>(gen());
  onemap::testing::write_text(dir / "part.bin", random);
  const auto zip = dir / "out.zip";
  {
    exports::ZipWriter w(zip);
    w.add_file("农田-克井镇.shp", dir / "part.bin");
    w.add_text("字段.csv", std::string(100000, 'a'));
    w.add_text("empty.txt", "");
    w.finish();
  }
  const std::string bytes = slurp(zip);
  const auto entries = onemap::testing::zip_entries(bytes);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "农田-克井镇.shp");
  for (const auto& e : entries) {
    EXPECT_TRUE(e.central_flags & (1u << 11)) << e.name;  // general purpose bit 11: UTF-8 names
    EXPECT_TRUE(e.local_flags & (1u << 11)) << e.name;
  }
  EXPECT_LT(bytes.size(), random.size() + 100000 / 10);  // the text was deflated
  EXPECT_EQ(read_entry(zip, "农田-克井镇.shp"), random);
  EXPECT_EQ(read_entry(zip, "字段.csv"), std::string(100000, 'a'));
  EXPECT_EQ(read_entry(zip, "empty.txt"), "");
  // Info-ZIP's unzip agrees (it checks every CRC).
  const int status = std::system(("unzip -tqq " + zip.string() + " > /dev/null 2>&1").c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(ZipWriter, AStoppedJobStopsBetweenPieces) {
  TempDir dir;
  onemap::testing::write_text(dir / "part.bin", std::string(300 * 1024, 'x'));
  auto flag = std::make_shared<util::StopFlag>();
  util::JobControl job(flag, std::nullopt);
  util::JobScope scope(&job);
  exports::ZipWriter w(dir / "out.zip");
  flag->stop(util::StopReason::ClientGone);
  EXPECT_THROW(w.add_file("a.bin", dir / "part.bin"), util::Stopped);
}
