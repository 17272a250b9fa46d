#include "http/gzip.h"

#include "util/text.h"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>

namespace onemap::http {
namespace {

constexpr int kLevel = 6;
constexpr int kGzipWindowBits = 15 + 16;  // +16 asks zlib for a gzip header and trailer
constexpr int kMemLevel = 8;

// Owns zlib's deflate state from deflateInit2 to deflateEnd, so no exit path leaks it.
class Deflater {
 public:
  Deflater() {
    if (deflateInit2(&stream_, kLevel, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("gzip: deflateInit2 failed");
    }
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  z_stream& get() { return stream_; }

 private:
  z_stream stream_{};
};

using util::iequals;
using util::trim;

// Splits off the text before `sep`, leaving the rest (after `sep`) in `s`.
std::string_view next_token(std::string_view& s, char sep) {
  const auto pos = s.find(sep);
  const std::string_view token = s.substr(0, pos);
  s = pos == std::string_view::npos ? std::string_view{} : s.substr(pos + 1);
  return token;
}

// The q parameter of one Accept-Encoding entry is positive (absent means 1). A q we cannot
// read counts as 0: sending gzip to a client that did not clearly ask is the worse mistake.
bool positive_q(std::string_view params) {
  while (!params.empty()) {
    const std::string_view param = trim(next_token(params, ';'));
    if (param.size() < 2 || !iequals(param.substr(0, 2), "q=")) continue;
    const std::string_view value = trim(param.substr(2));
    double q = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
    return ec == std::errc{} && end == value.data() + value.size() && q > 0;
  }
  return true;
}

}  // namespace

std::string gzip_compress(std::string_view input) {
  // One compressor per thread: allocating one costs more than compressing a small tile.
  struct Compressor {
    libdeflate_compressor* c = libdeflate_alloc_compressor(kLevel);
    ~Compressor() { libdeflate_free_compressor(c); }
  };
  thread_local Compressor compressor;
  if (!compressor.c) throw std::runtime_error("gzip: libdeflate_alloc_compressor failed");
  std::string out(libdeflate_gzip_compress_bound(compressor.c, input.size()), '\0');
  const std::size_t size = libdeflate_gzip_compress(compressor.c, input.data(), input.size(), out.data(), out.size());
  if (size == 0) throw std::runtime_error("gzip: libdeflate_gzip_compress failed");
  out.resize(size);
  // The buffer was sized for the worst case: keep only what the gzip needs, since the result may
  // be kept (a cached tile's variant) or wait for a slow reader.
  out.shrink_to_fit();
  return out;
}

std::function<bool(std::string&)> gzip_stream(std::function<bool(std::string&)> source) {
  struct State {
    std::function<bool(std::string&)> source;
    Deflater deflater;
    std::string input;
    bool source_done = false;
    bool finished = false;
  };
  auto state = std::make_shared<State>();
  state->source = std::move(source);
  return [state](std::string& out) {
    State& st = *state;
    if (st.finished) return false;
    st.input.clear();
    // Feed zlib a reasonable piece at a time: tiny source chunks would make tiny deflate calls.
    while (!st.source_done && st.input.size() < 32 * 1024) st.source_done = !st.source(st.input);
    z_stream& zs = st.deflater.get();
    zs.next_in = reinterpret_cast<Bytef*>(st.input.data());
    zs.avail_in = static_cast<uInt>(st.input.size());
    const int flush = st.source_done ? Z_FINISH : Z_NO_FLUSH;
    int rc = Z_OK;
    do {
      const std::size_t before = out.size();
      out.resize(before + 64 * 1024);
      zs.next_out = reinterpret_cast<Bytef*>(out.data() + before);
      zs.avail_out = 64 * 1024;
      rc = deflate(&zs, flush);
      out.resize(out.size() - zs.avail_out);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
        throw std::runtime_error("gzip: deflate failed with code " + std::to_string(rc));
    } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    if (rc == Z_STREAM_END) st.finished = true;
    return !st.finished;
  };
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip;
  std::optional<bool> wildcard;
  while (!accept_encoding.empty()) {
    std::string_view entry = next_token(accept_encoding, ',');
    const std::string_view coding = trim(next_token(entry, ';'));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip = positive_q(entry);
    } else if (coding == "*") {
      wildcard = positive_q(entry);
    }
  }
  return gzip.value_or(wildcard.value_or(false));
}

bool is_compressible_type(std::string_view content_type) {
  const std::string media = util::to_lower(trim(content_type.substr(0, content_type.find(';'))));
  static constexpr std::array<std::string_view, 4> kExact = {
      "application/javascript", "application/xml", "application/vnd.mapbox-vector-tile", "application/x-protobuf"};
  const std::string_view m = media;
  return m.starts_with("text/") || m.ends_with("/json") || m.ends_with("+json") || m.ends_with("+xml") ||
         std::find(kExact.begin(), kExact.end(), m) != kExact.end();
}

}  // namespace onemap::http
