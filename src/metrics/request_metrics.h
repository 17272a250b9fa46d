#pragma once
// What the server did, counted per named route, for /metrics (Prometheus text format):
// requests by status, a latency histogram and bytes sent. Lock-free: the routes are known when
// it is made, and every counter is an atomic, so recording from the I/O threads costs a few
// relaxed increments.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace onemap::metrics {

class RequestMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds (the last, +Inf, is implied).
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   1,     5,    30};

  // `routes`: every route name; requests that matched none are counted as route "none".
  explicit RequestMetrics(const std::vector<std::string_view>& routes);

  void record(std::string_view route, unsigned status, std::uint64_t bytes, double seconds);

  // The transport's limits by their settings: each counted when it refuses a connection or a
  // request, or cuts a response (http::ServerOptions::on_limit). Other names are not counted.
  static constexpr std::array<std::string_view, 6> kLimits = {"server.header_timeout_s", "server.max_body_kb",
                                                              "server.max_connections",  "server.max_header_kb",
                                                              "server.max_response_mb",  "server.max_unsent_mb"};
  void record_limit(std::string_view setting);

  // Appends onemap_http_requests_total, onemap_http_request_duration_seconds,
  // onemap_http_response_bytes_total and onemap_http_limit_hits_total, with their HELP and TYPE
  // lines.
  void write(std::string& out) const;

 private:
  struct PerRoute {
    std::string name;
    std::array<std::atomic<std::uint64_t>, 600> by_status{};  // index: the status code (100–599)
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> micros{0};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> bytes{0};
  };
  std::vector<std::unique_ptr<PerRoute>> routes_;            // the last is "none"
  std::unordered_map<std::string_view, std::size_t> index_;  // route name → routes_ index
  std::array<std::atomic<std::uint64_t>, kLimits.size()> limit_hits_{};
};

// Appends one sample line: name{labels} value.
void sample(std::string& out, std::string_view name, std::string_view labels, double value);
// A label value with \, " and newlines escaped, as the text format wants.
std::string label_value(std::string_view text);

}  // namespace onemap::metrics
