#include "app/server_limits.h"

#include "metrics/request_metrics.h"

#include <spdlog/spdlog.h>

#include <sys/resource.h>

namespace onemap::app {

void apply_server_limits(http::ServerOptions& options, const catalog::ServerSettings& settings,
                         metrics::RequestMetrics& metrics) {
  options.header_timeout = std::chrono::seconds(settings.header_timeout_seconds);
  options.max_connections = settings.max_connections;
  options.header_limit = static_cast<std::uint32_t>(settings.max_header_kb * 1024);
  options.body_limit = static_cast<std::uint64_t>(settings.max_body_kb) * 1024;
  options.max_response_bytes = static_cast<std::uint64_t>(settings.max_response_mb) << 20;
  options.max_unsent_bytes = static_cast<std::uint64_t>(settings.max_unsent_mb) << 20;
  options.on_limit = [&metrics](std::string_view setting) { metrics.record_limit(setting); };

  // Each connection is a descriptor; data files, exports and the listener need some too.
  constexpr rlim_t kSpareDescriptors = 64;
  struct rlimit files {};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY &&
      settings.max_connections + kSpareDescriptors > files.rlim_cur)
    spdlog::warn(
        "server.max_connections is {} but the process may open {} files (ulimit -n): connections beyond about {} "
        "fail at accept instead of getting a 503; raise the limit or lower max_connections",
        settings.max_connections, files.rlim_cur,
        files.rlim_cur > kSpareDescriptors ? files.rlim_cur - kSpareDescriptors : 0);
}

}  // namespace onemap::app
