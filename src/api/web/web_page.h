#pragma once
// The web map as the server hands it out: the page itself (at /map, and at / for a browser)
// and its files from web/, each with its media type, ETag and gzip.
#include "api/request_context.h"

#include <filesystem>

namespace onemap::api {

// Whether the client asks for a page rather than JSON: `f=html`, or an Accept header that
// names text/html ahead of (or without) application/json, as browsers send.
bool asks_for_html(const RequestContext& ctx);

// A file of the web map, 304 when the client has it, gzip from the cache when it asks.
http::Response asset_response(const RequestContext& ctx, const std::filesystem::path& file);

}  // namespace onemap::api
