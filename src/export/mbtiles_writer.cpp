#include "export/mbtiles_writer.h"

#include "export/ogr_export.h"

namespace onemap::exports {

MbtilesWriter::MbtilesWriter(const std::filesystem::path& path) : path_(path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  db_.reset(db);  // closed even when opening failed
  if (rc != SQLITE_OK) fail("cannot create");
  exec("PRAGMA journal_mode=OFF");  // a new file: nothing to roll back to
  exec("CREATE TABLE metadata (name TEXT, value TEXT)");
  exec("CREATE UNIQUE INDEX name ON metadata (name)");
  exec("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
  exec("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
  exec("BEGIN");
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_.get(), "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &s, nullptr) != SQLITE_OK)
    fail("cannot prepare");
  tile_.reset(s);
  if (sqlite3_prepare_v2(db_.get(), "INSERT OR REPLACE INTO metadata VALUES (?, ?)", -1, &s, nullptr) != SQLITE_OK)
    fail("cannot prepare");
  metadata_.reset(s);
}

MbtilesWriter::~MbtilesWriter() = default;

void MbtilesWriter::add_tile(int z, std::uint32_t x, std::uint32_t y, std::string_view data) {
  const std::int64_t tms_row = (std::int64_t{1} << z) - 1 - y;
  sqlite3_stmt* s = tile_.get();
  sqlite3_reset(s);
  sqlite3_bind_int(s, 1, z);
  sqlite3_bind_int64(s, 2, x);
  sqlite3_bind_int64(s, 3, tms_row);
  sqlite3_bind_blob64(s, 4, data.data(), data.size(), SQLITE_TRANSIENT);
  if (sqlite3_step(s) != SQLITE_DONE) fail("cannot write tile " + std::to_string(z) + "/" + std::to_string(x));
}

void MbtilesWriter::add_metadata(const std::string& name, const std::string& value) {
  sqlite3_stmt* s = metadata_.get();
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 2, value.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s) != SQLITE_DONE) fail("cannot write metadata " + name);
}

void MbtilesWriter::finish() {
  tile_.reset();
  metadata_.reset();
  exec("COMMIT");
  if (sqlite3_close(db_.release()) != SQLITE_OK) throw ExportError("export: cannot close " + path_.filename().string());
}

void MbtilesWriter::exec(const char* sql) {
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
}

void MbtilesWriter::fail(const std::string& what) {
  throw ExportError("export: " + path_.filename().string() + ": " + what + ": " +
                    (db_ ? sqlite3_errmsg(db_.get()) : "out of memory"));
}

}  // namespace onemap::exports
