#include "http/finish.h"

#include "http/gzip.h"
#include "http/problem.h"
#include "util/text.h"

#include <boost/beast/core/string.hpp>

#include <optional>
#include <string>

namespace onemap::http {

namespace beast = boost::beast;

namespace {

bool icontains(std::string_view haystack, std::string_view needle) {
  return util::ifind(haystack, needle) != std::string_view::npos;
}

void maybe_gzip(Response& res, const Request& req, std::size_t min_bytes) {
  Payload& body = res.body();
  const std::optional<std::uint64_t> size = body.size();
  // Files are assets and exports: the handler decides their encoding (e.g. a .gz beside them).
  if (!res[beast_http::field::content_encoding].empty() || body.kind() == Payload::Kind::File ||
      (size && *size < min_bytes) || !is_compressible_type(res[beast_http::field::content_type])) {
    return;
  }
  // Vary goes on both variants, so a shared cache never hands gzip to a client that can't read it.
  const std::string_view vary = res[beast_http::field::vary];
  if (vary.empty()) {
    res.set(beast_http::field::vary, "Accept-Encoding");
  } else if (vary != "*" && !icontains(vary, "accept-encoding")) {
    res.set(beast_http::field::vary, std::string(vary) + ", Accept-Encoding");
  }
  if (!accepts_gzip(req[beast_http::field::accept_encoding])) return;
  if (body.kind() == Payload::Kind::Stream) {
    body = Payload::stream(gzip_stream(std::move(body.source())));
  } else {
    body = gzip_compress(body.text());
  }
  res.set(beast_http::field::content_encoding, "gzip");
  // The gzip bytes are another representation, so a strong ETag of the plain bytes no longer
  // names them exactly: weaken it, as nginx does. If-None-Match compares weakly, so clients
  // still get their 304.
  if (const std::string_view etag = res[beast_http::field::etag]; !etag.empty() && !etag.starts_with("W/"))
    res.set(beast_http::field::etag, "W/" + std::string(etag));
}

}  // namespace

void set_framing(Response& res) {
  if (const std::optional<std::uint64_t> size = res.body().size()) {
    res.content_length(*size);
  } else if (res.version() >= 11) {
    res.chunked(true);
  } else {
    res.content_length(boost::none);
    res.keep_alive(false);
  }
}

bool finalize(Response& res, const Request& req, const ServerOptions& options) {
  const bool handler_closes = beast::iequals(res[beast_http::field::connection], "close");
  maybe_gzip(res, req, options.gzip_min_bytes);
  bool within_budget = true;
  if (const std::uint64_t budget = options.max_response_bytes; budget > 0) {
    const std::optional<std::uint64_t> size = res.body().size();
    if (size && *size > budget) {
      res = response_too_large_problem(*size, budget);
      within_budget = false;
    }
    res.body().stop_after(budget);
  }
  res.version(req.version());
  res.keep_alive(req.keep_alive() && !handler_closes);
  res.set(beast_http::field::server, "OneMap");
  set_framing(res);
  // No Content-Length on 204 (RFC 9110 §8.6 forbids it) nor on 304, where it would have to be
  // the length of the full 200 response rather than of this empty body.
  if (res.result() == beast_http::status::no_content || res.result() == beast_http::status::not_modified)
    res.erase(beast_http::field::content_length);
  if (req.method() == beast_http::verb::head) {
    if (res.chunked()) res.chunked(false);  // GET's headers (its Content-Length too), no body
    res.body().clear();
  }
  return within_budget;
}

}  // namespace onemap::http
