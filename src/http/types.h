#pragma once
// The HTTP vocabulary shared by the transport (server, session) and the handlers (api/).
// Handlers are pure functions from request to response, so they can be tested without sockets.
#include <boost/beast/http.hpp>
#include <functional>

namespace onemap::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Handler = std::function<Response(const Request&)>;

}  // namespace onemap::http
