#pragma once
// Glyph ranges as drawn, kept for the configuration they were drawn from: a range is drawn once
// (a CJK range takes FreeType about 10 ms) and then shared by every request. A font chain has
// at most 256 ranges, so the cache is bounded by the fonts themselves; a reload that may change
// the fonts (a new configuration version) empties it.
#include "http/cached_body.h"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>

namespace onemap::api {

class GlyphCache {
 public:
  static constexpr unsigned kRanges = 256;  // 65,536 code points in ranges of 256

  // The range starting at code point `first`, drawn under `config_version`; null: not kept.
  std::shared_ptr<const http::CachedBody> get(std::uint64_t config_version, unsigned first) const;
  // Keeps it; a range of a newer configuration empties what an older one drew.
  void put(std::uint64_t config_version, unsigned first, std::shared_ptr<const http::CachedBody> range);

  std::size_t bytes() const;  // the ranges' bytes and their gzip

 private:
  mutable std::mutex mutex_;
  std::uint64_t config_version_ = 0;
  std::array<std::shared_ptr<const http::CachedBody>, kRanges> ranges_;
};

}  // namespace onemap::api
