#pragma once
// What the transport adds to a handler's response before sending it: version, keep-alive,
// Server, gzip (whole or streamed) when the client takes it and it is worth it, framing
// (Content-Length, chunked, or the close), HEAD without a body, and the response byte budget.
#include "http/server.h"
#include "http/types.h"

namespace onemap::http {

// Content-Length when the size is known, else chunked (HTTP/1.1) or the end of the connection
// (HTTP/1.0) marks the end of the body.
void set_framing(Response& res);

// Everything the transport adds to a handler's response. HEAD is answered by computing the GET
// response and dropping the body after Content-Length is set, so handlers need not know HEAD.
// A body of known size over options.max_response_bytes is replaced, before any byte goes out,
// by a problem naming the limit (returns false then); a stream is given the budget to stop at.
bool finalize(Response& res, const Request& req, const ServerOptions& options);

}  // namespace onemap::http
