#include "export/zip_writer.h"

#include "util/job_control.h"

#include <zlib.h>

#include <algorithm>
#include <ctime>
#include <limits>
#include <stdexcept>

namespace onemap::exports {
namespace {

constexpr std::uint16_t kUtf8Names = 1u << 11;  // general purpose bit 11: name and comment are UTF-8
constexpr std::uint16_t kDeflate = 8;
constexpr std::uint16_t kVersion = 20;                       // 2.0: deflate
constexpr std::uint16_t kMadeByUnix = (3u << 8) | kVersion;  // so the external attributes read as Unix modes
constexpr std::uint32_t kFileMode = 0100644u << 16;          // a regular file, rw-r--r--
constexpr std::size_t kPiece = 64 * 1024;
constexpr std::uint64_t kZip32Limit = std::numeric_limits<std::uint32_t>::max();

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}

// Owns zlib's raw-deflate state (no zlib header: zip frames the data itself).
class RawDeflater {
 public:
  RawDeflater() {
    if (deflateInit2(&stream_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("zip: deflateInit2 failed");
  }
  ~RawDeflater() { deflateEnd(&stream_); }
  RawDeflater(const RawDeflater&) = delete;
  RawDeflater& operator=(const RawDeflater&) = delete;

  // Deflates `in` (all of it) and appends what zlib gives to `out`; `last` ends the stream.
  void run(std::string_view in, bool last, std::string& out) {
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream_.avail_in = static_cast<uInt>(in.size());
    char buffer[kPiece];
    int rc = Z_OK;
    do {
      stream_.next_out = reinterpret_cast<Bytef*>(buffer);
      stream_.avail_out = sizeof buffer;
      rc = deflate(&stream_, last ? Z_FINISH : Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR) throw std::runtime_error("zip: deflate failed");
      out.append(buffer, sizeof buffer - stream_.avail_out);
    } while (stream_.avail_out == 0 || (last && rc != Z_STREAM_END));
  }

 private:
  z_stream stream_{};
};

}  // namespace

ZipWriter::ZipWriter(const std::filesystem::path& path) : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
  check("create");
  // MS-DOS date and time (local time, 2-second steps), as zip keeps them.
  std::time_t now = std::time(nullptr);
  std::tm t{};
  localtime_r(&now, &t);
  dos_time_ = static_cast<std::uint16_t>((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec / 2));
  dos_date_ = static_cast<std::uint16_t>(((std::max(t.tm_year, 80) - 80) << 9) | ((t.tm_mon + 1) << 5) | t.tm_mday);
}

void ZipWriter::check(const char* what) {
  if (!out_) throw std::runtime_error(std::string("zip: cannot ") + what + " " + path_.string());
}

template <typename Read>
void ZipWriter::add(const std::string& name, Read&& read) {
  Entry e;
  e.name = name;
  e.offset = static_cast<std::uint64_t>(out_.tellp());
  if (e.offset > kZip32Limit) throw std::runtime_error("zip: " + path_.string() + " would exceed 4 GiB");
  std::string header;
  put32(header, 0x04034b50);
  put16(header, kVersion);
  put16(header, kUtf8Names);
  put16(header, kDeflate);
  put16(header, dos_time_);
  put16(header, dos_date_);
  put32(header, 0);  // CRC-32 and sizes: filled in below, once known
  put32(header, 0);
  put32(header, 0);
  put16(header, static_cast<std::uint16_t>(name.size()));
  put16(header, 0);
  header += name;
  out_.write(header.data(), static_cast<std::streamsize>(header.size()));

  RawDeflater deflater;
  uLong crc = crc32(0L, Z_NULL, 0);
  std::string piece, packed;
  bool more = true;
  while (more) {
    util::checkpoint();
    piece.clear();
    more = read(piece);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(piece.data()), static_cast<uInt>(piece.size()));
    e.size += piece.size();
    packed.clear();
    deflater.run(piece, !more, packed);
    e.compressed += packed.size();
    out_.write(packed.data(), static_cast<std::streamsize>(packed.size()));
    check("write");
  }
  if (e.size > kZip32Limit || e.compressed > kZip32Limit)
    throw std::runtime_error("zip: entry " + name + " exceeds 4 GiB");
  e.crc = static_cast<std::uint32_t>(crc);
  std::string sizes;
  put32(sizes, e.crc);
  put32(sizes, static_cast<std::uint32_t>(e.compressed));
  put32(sizes, static_cast<std::uint32_t>(e.size));
  const auto end = out_.tellp();
  out_.seekp(static_cast<std::streamoff>(e.offset + 14));
  out_.write(sizes.data(), static_cast<std::streamsize>(sizes.size()));
  out_.seekp(end);
  check("write");
  entries_.push_back(std::move(e));
}

void ZipWriter::add_file(const std::string& name, const std::filesystem::path& source) {
  std::ifstream in(source, std::ios::binary);
  if (!in) throw std::runtime_error("zip: cannot read " + source.string());
  add(name, [&](std::string& piece) {
    piece.resize(kPiece);
    in.read(piece.data(), static_cast<std::streamsize>(kPiece));
    piece.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw std::runtime_error("zip: cannot read " + source.string());
    return !in.eof();
  });
}

void ZipWriter::add_text(const std::string& name, std::string_view text) {
  add(name, [&](std::string& piece) {
    piece.assign(text);
    return false;
  });
}

void ZipWriter::finish() {
  const std::uint64_t start = static_cast<std::uint64_t>(out_.tellp());
  std::string dir;
  for (const Entry& e : entries_) {
    put32(dir, 0x02014b50);
    put16(dir, kMadeByUnix);
    put16(dir, kVersion);
    put16(dir, kUtf8Names);
    put16(dir, kDeflate);
    put16(dir, dos_time_);
    put16(dir, dos_date_);
    put32(dir, e.crc);
    put32(dir, static_cast<std::uint32_t>(e.compressed));
    put32(dir, static_cast<std::uint32_t>(e.size));
    put16(dir, static_cast<std::uint16_t>(e.name.size()));
    put16(dir, 0);  // extra field
    put16(dir, 0);  // comment
    put16(dir, 0);  // disk number
    put16(dir, 0);  // internal attributes
    put32(dir, kFileMode);
    put32(dir, static_cast<std::uint32_t>(e.offset));
    dir += e.name;
  }
  if (start + dir.size() > kZip32Limit || entries_.size() > 0xFFFF)
    throw std::runtime_error("zip: " + path_.string() + " would exceed 4 GiB or 65535 entries");
  const auto directory_size = static_cast<std::uint32_t>(dir.size());
  put32(dir, 0x06054b50);
  put16(dir, 0);
  put16(dir, 0);
  put16(dir, static_cast<std::uint16_t>(entries_.size()));
  put16(dir, static_cast<std::uint16_t>(entries_.size()));
  put32(dir, directory_size);
  put32(dir, static_cast<std::uint32_t>(start));
  put16(dir, 0);
  out_.write(dir.data(), static_cast<std::streamsize>(dir.size()));
  out_.close();
  check("finish");
}

}  // namespace onemap::exports
