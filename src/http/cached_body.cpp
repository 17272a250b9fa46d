#include "http/cached_body.h"

#include "http/gzip.h"
#include "util/text.h"

#include <array>
#include <cstdint>
#include <cstdio>

namespace onemap::http {
namespace {

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

std::string strong_etag(std::string_view bytes) {
  std::array<char, 48> buf{};
  std::snprintf(buf.data(), buf.size(), "\"%016llx-%zx\"", static_cast<unsigned long long>(fnv1a(bytes)), bytes.size());
  return buf.data();
}

std::shared_ptr<CachedBody> make_cached_body(std::string bytes, bool keep) {
  auto body = std::make_shared<CachedBody>();
  body->bytes = std::move(bytes);
  if (body->bytes.empty()) return body;
  body->etag = strong_etag(body->bytes);
  if (keep) {
    body->bytes.shrink_to_fit();  // an encoder's spare capacity would be kept, and charged, too
    std::string gzipped = gzip_compress(body->bytes);
    if (gzipped.size() < body->bytes.size()) body->gzipped = std::move(gzipped);
  }
  return body;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view candidate = util::trim(if_none_match.substr(0, comma));
    if (candidate == "*") return true;
    if (candidate.substr(0, 2) == "W/") candidate.remove_prefix(2);
    if (!etag.empty() && candidate == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

Response cached_body_response(const Request& request, std::shared_ptr<const CachedBody> body,
                              std::string_view content_type) {
  Response res{beast_http::status::ok, request.version()};
  res.keep_alive(request.keep_alive());
  if (etag_matches(request[beast_http::field::if_none_match], body->etag)) {
    res.result(beast_http::status::not_modified);
    res.set(beast_http::field::etag, body->etag);
    return res;
  }
  // The payload aliases the kept body's lifetime: nothing is copied.
  const bool gzip = !body->gzipped.empty() && accepts_gzip(request[beast_http::field::accept_encoding]);
  res.set(beast_http::field::content_type, content_type);
  // As the transport does for what it compresses: the gzip variant has a weak ETag.
  res.set(beast_http::field::etag, gzip ? "W/" + body->etag : body->etag);
  if (gzip) res.set(beast_http::field::content_encoding, "gzip");
  res.set(beast_http::field::vary, "Accept-Encoding");
  res.body() = Payload::shared(std::shared_ptr<const std::string>(body, gzip ? &body->gzipped : &body->bytes));
  return res;
}

}  // namespace onemap::http
