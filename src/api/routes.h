#pragma once
// Route handlers: pure functions from a request context to a response.
#include "api/request_context.h"

namespace onemap::api {

http::Response landing_page(const RequestContext& ctx);
http::Response conformance(const RequestContext& ctx);
http::Response health(const RequestContext& ctx);
http::Response openapi_document(const RequestContext& ctx);

http::Response collections(const RequestContext& ctx);
http::Response collection(const RequestContext& ctx, const std::string& id);
http::Response items(const RequestContext& ctx, const std::string& id);
http::Response item(const RequestContext& ctx, const std::string& id, const std::string& feature_id);

}  // namespace onemap::api
