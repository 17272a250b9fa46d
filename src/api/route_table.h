#pragma once
// Every resource OneMap serves as a named route: a path pattern, a method, where it runs, its
// handler and what the OpenAPI document (/api) says of it. The one list of routes: matching,
// 404/405/OPTIONS, metrics and /api all read it. Names (e.g. "tiles.xyz") label the log line.
#include "api/request_context.h"
#include "api/route_doc.h"

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
  http::beast_http::verb method;  // a GET route answers HEAD too
  // Literal segments, and "{name}" for a captured one: a segment beginning with "{" captures a
  // whole segment, whatever follows its "}" ("{y}.mvt": the handler checks the ending, so its
  // error names the ones served); "{name*}" (last) captures the rest of the path, one segment at
  // least. The names and endings are how /api spells the path.
  std::vector<std::string_view> pattern;
  Work work;
  http::Response (*handle)(const RequestContext& ctx, const PathArgs& args);
  // Its operation in /api. Only a route that `takes` some requests may leave it out: the route
  // after it with the same path and method describes both (its description says which go where).
  RouteDoc doc;
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
