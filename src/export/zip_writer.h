#pragma once
// A zip archive written entry by entry (deflate, zlib): how a Shapefile's parts travel as one
// download. Every entry is flagged UTF-8 (general purpose bit 11), so a Chinese file name
// arrives as it was written, whatever the unzipping tool's code page. No Zip64: an archive or
// entry of 4 GiB or more is refused.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::exports {

class ZipWriter {
 public:
  // Creates (or truncates) the archive; throws std::runtime_error naming it when it cannot.
  explicit ZipWriter(const std::filesystem::path& path);

  // Adds the file's bytes as `name`, read and deflated 64 KB at a time, with a checkpoint of
  // the current job between pieces. Throws std::runtime_error on I/O or zlib failure.
  void add_file(const std::string& name, const std::filesystem::path& source);
  void add_text(const std::string& name, std::string_view text);

  // Writes the central directory; the archive is valid only after it.
  void finish();

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0, size = 0, offset = 0;
  };
  template <typename Read>
  void add(const std::string& name, Read&& read);
  void check(const char* what);

  std::filesystem::path path_;
  std::ofstream out_;
  std::vector<Entry> entries_;
  std::uint16_t dos_time_ = 0, dos_date_ = 0;
};

}  // namespace onemap::exports
