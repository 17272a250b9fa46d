#pragma once
// Where a request's body ends, checked once its header is in (RFC 9112 §6). Beast reads
// Content-Length and a final chunked coding, but it reads a Transfer-Encoding that does not end
// in chunked as no body at all, and takes Content-Length beside a Transfer-Encoding that is not
// chunked. Either way the body's bytes would be parsed as the next request: a request smuggled
// past a proxy that framed the body otherwise. Such a request is answered and the connection
// closed, as §6.3 asks.
#include "http/types.h"

#include <optional>

namespace onemap::http {

// The problem to answer before closing, or nullopt when the body is framed as the server reads
// it: no Transfer-Encoding, or `chunked` alone in HTTP/1.1 without Content-Length.
// 400 `bad_framing`: a Transfer-Encoding that is empty, does not end in chunked, applies chunked
// twice, comes beside a Content-Length, or comes in an HTTP/1.0 request (§6.1).
// 501 `unsupported_transfer_coding`: a coding before chunked (`gzip, chunked`): none is decoded.
std::optional<Response> framing_problem(const beast_http::request_header<>& header);

}  // namespace onemap::http
