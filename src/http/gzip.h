#pragma once
// gzip for HTTP responses: the compressor and the two questions the session asks before using it.
// Kept free of Beast so it can be tested and reused without the transport.
#include <functional>
#include <string>
#include <string_view>

namespace onemap::http {

// A complete gzip member (RFC 1952) at level 6, by libdeflate. Throws std::runtime_error if it fails.
std::string gzip_compress(std::string_view input);

// A chunk source (see http/body.h) giving the gzip of what `source` gives, compressed a piece
// at a time, so a streamed body is never held whole.
std::function<bool(std::string&)> gzip_stream(std::function<bool(std::string&)> source);

// Whether an Accept-Encoding header value allows gzip: an explicit gzip/x-gzip entry decides,
// otherwise "*" does; q=0 means "not acceptable". An empty header allows nothing, so clients
// that never asked are never surprised by a compressed body.
bool accepts_gzip(std::string_view accept_encoding);

// Whether a Content-Type is worth compressing: text, JSON, XML, JavaScript, protobuf and MVT.
// Images and archives are already compressed; gzipping them again only costs CPU.
bool is_compressible_type(std::string_view content_type);

}  // namespace onemap::http
