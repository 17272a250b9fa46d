#pragma once
// The transport's limits, from onemap.yaml's server section to the HTTP server's options.
#include "catalog/catalog.h"
#include "http/server.h"

namespace onemap::metrics {
class RequestMetrics;
}

namespace onemap::app {

// Sets the header timeout, header and body sizes, connections and the response byte budget,
// and counts each refusal or cut in `metrics`. Warns when max_connections cannot be reached
// within the process's file descriptor limit.
void apply_server_limits(http::ServerOptions& options, const catalog::ServerSettings& settings,
                         metrics::RequestMetrics& metrics);

}  // namespace onemap::app
