#pragma once
// Bytes kept to be sent again and again (a tile, a glyph range): their gzip made once, a strong
// ETag, and the answer to a request for them — a 304 when the client has them, else the shared
// bytes (nothing copied), gzipped when the client takes it. Also what any route that answers
// with its own ETag needs: If-None-Match matching.
#include "http/types.h"

#include <memory>
#include <string>
#include <string_view>

namespace onemap::http {

struct CachedBody {
  std::string bytes;    // empty: no content (a tile with no features, answered 204)
  std::string gzipped;  // the gzip of bytes; empty when gzip would not be smaller, or not made
  std::string etag;     // strong, quoted: "\"…\""
};

// A strong ETag for the bytes: a quoted 64-bit FNV-1a hash and the length.
std::string strong_etag(std::string_view bytes);

// Fresh bytes with their ETag; with `keep` (they go into a cache) trimmed to size and with their
// gzip, made once for every later hit. Without a cache there is no later hit: the transport
// compresses the one response if asked.
std::shared_ptr<CachedBody> make_cached_body(std::string bytes, bool keep);

// Whether an If-None-Match header value names this ETag (weak comparison, as RFC 9110 wants
// for If-None-Match, and "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// The answer to `request` with the kept bytes: 304 with the ETag when If-None-Match names it;
// else the bytes, or their gzip (weak ETag, Content-Encoding) for a client that takes gzip,
// sharing the kept copy; both vary by Accept-Encoding.
Response cached_body_response(const Request& request, std::shared_ptr<const CachedBody> body,
                              std::string_view content_type);

}  // namespace onemap::http
