#pragma once
// The HTTP vocabulary shared by the transport (server, session) and the handlers (api/).
// A handler is given an Exchange and answers it exactly once, at once on the I/O thread or
// later from another thread (a worker), so heavy work never holds an I/O thread.
#include "http/body.h"
#include "util/job_control.h"

#include <boost/beast/http.hpp>

#include <functional>
#include <memory>
#include <string>

namespace onemap::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<Body>;

// One request to answer.
struct Exchange {
  std::shared_ptr<const Request> request;
  std::string remote_address;  // the peer's IP address, for trusted-proxy checks
  // Call exactly once, from any thread. `route` names what answered, for the log.
  std::function<void(Response response, std::string route)> respond;
  // Stopped (ClientGone) when the peer closes the connection before the answer is sent.
  std::shared_ptr<util::StopFlag> client_gone;
};

using Handler = std::function<void(Exchange)>;

// A handler from a plain function of the request, answered on the I/O thread (tests, tools).
Handler inline_handler(std::function<Response(const Request&)> handle);

}  // namespace onemap::http
