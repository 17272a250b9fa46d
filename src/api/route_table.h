#pragma once
// Every resource OneMap serves as a named route: a path pattern, a method, where it runs, and
// its handler. Names (e.g. "tiles.xyz") label the log line and, later, metrics.
#include "api/request_context.h"

#include <string>
#include <string_view>
#include <vector>

namespace onemap::api {

// Cheap work runs on the I/O thread; heavy work (processes, exports) on the worker pool.
// PoolOrJob: heavy work that a client may also ask for as a job ("Prefer: respond-async"): then
// the handler runs on the I/O thread, checks the request and queues the job itself.
enum class Work { Inline, Pool, PoolOrJob };

// The request asks for an asynchronous answer: "Prefer: respond-async" (RFC 7240).
bool prefers_async(const http::Request& request);

using PathArgs = std::vector<std::string>;  // the segments a pattern's "{…}" captured, in order

struct Route {
  std::string_view name;
  http::beast_http::verb method;          // a GET route answers HEAD too
  std::vector<std::string_view> pattern;  // literal segments, "{}" for a captured one, "{*}" (last) for the rest
  Work work;
  http::Response (*handle)(const RequestContext& ctx, const PathArgs& args);
  // Null: the route answers every request its pattern and method fit. Otherwise only those it
  // takes; the rest go to the next route that fits (items in a file format go to the pool).
  bool (*takes)(const http::Request& request, const ParsedTarget& target) = nullptr;
};

const std::vector<Route>& route_table();
// Every route's name, in table order (metrics count by them).
std::vector<std::string_view> route_names();

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this method (see allow)
  PathArgs args;
  std::string allow;  // methods the path takes, "GET, HEAD" style; empty: no such path
};

RouteMatch match_route(const ParsedTarget& target, const http::Request& request);

}  // namespace onemap::api
