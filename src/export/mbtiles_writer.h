#pragma once
// An MBTiles 1.3 file (SQLite): a `metadata` table of name/value rows and a `tiles` table with
// rows in TMS order (row 0 at the south), written in one transaction. What QField and QGIS open
// as an offline vector base map.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace onemap::exports {

class MbtilesWriter {
 public:
  // Creates the file (it must not exist); throws ExportError naming it when SQLite refuses.
  explicit MbtilesWriter(const std::filesystem::path& path);
  ~MbtilesWriter();
  MbtilesWriter(const MbtilesWriter&) = delete;
  MbtilesWriter& operator=(const MbtilesWriter&) = delete;

  // One tile by its XYZ address (y from the north, as OneMap renders); `data` as stored (gzipped MVT).
  void add_tile(int z, std::uint32_t x, std::uint32_t y, std::string_view data);
  void add_metadata(const std::string& name, const std::string& value);
  // Commits; the file is complete only after it.
  void finish();

 private:
  struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  void exec(const char* sql);
  [[noreturn]] void fail(const std::string& what);

  std::filesystem::path path_;
  std::unique_ptr<sqlite3, DbCloser> db_;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> tile_, metadata_;
};

}  // namespace onemap::exports
