#include "metrics/request_metrics.h"

#include <cmath>
#include <cstdio>

namespace onemap::metrics {

RequestMetrics::RequestMetrics(const std::vector<std::string_view>& routes) {
  for (std::string_view name : routes) {
    if (index_.contains(name)) continue;
    auto r = std::make_unique<PerRoute>();
    r->name = std::string(name);
    routes_.push_back(std::move(r));
    index_.emplace(routes_.back()->name, routes_.size() - 1);
  }
  auto none = std::make_unique<PerRoute>();
  none->name = "none";
  routes_.push_back(std::move(none));
}

void RequestMetrics::record(std::string_view route, unsigned status, std::uint64_t bytes, double seconds) {
  const auto it = index_.find(route);
  PerRoute& r = *routes_[it == index_.end() ? routes_.size() - 1 : it->second];
  constexpr auto relaxed = std::memory_order_relaxed;
  if (status >= 100 && status < 600) r.by_status[status].fetch_add(1, relaxed);
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  r.buckets[b].fetch_add(1, relaxed);
  r.micros.fetch_add(static_cast<std::uint64_t>(std::llround(std::max(seconds, 0.0) * 1e6)), relaxed);
  r.count.fetch_add(1, relaxed);
  r.bytes.fetch_add(bytes, relaxed);
}

void RequestMetrics::record_limit(std::string_view setting) {
  for (std::size_t i = 0; i < kLimits.size(); ++i)
    if (kLimits[i] == setting) limit_hits_[i].fetch_add(1, std::memory_order_relaxed);
}

void sample(std::string& out, std::string_view name, std::string_view labels, double value) {
  char number[32];
  std::snprintf(number, sizeof number, "%.17g", value);
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(number).append("\n");
}

std::string label_value(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out.append("\\n");
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void RequestMetrics::write(std::string& out) const {
  constexpr auto relaxed = std::memory_order_relaxed;
  out +=
      "# HELP onemap_http_requests_total Requests answered, by named route and status.\n"
      "# TYPE onemap_http_requests_total counter\n";
  for (const auto& r : routes_)
    for (unsigned status = 100; status < 600; ++status)
      if (const std::uint64_t n = r->by_status[status].load(relaxed))
        sample(out, "onemap_http_requests_total", "route=\"" + r->name + "\",status=\"" + std::to_string(status) + "\"",
               static_cast<double>(n));

  out +=
      "# HELP onemap_http_request_duration_seconds From the request read to the response written.\n"
      "# TYPE onemap_http_request_duration_seconds histogram\n";
  for (const auto& r : routes_) {
    const std::uint64_t count = r->count.load(relaxed);
    if (!count) continue;
    const std::string route = "route=\"" + r->name + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += r->buckets[b].load(relaxed);
      char le[32];
      if (b < kBuckets.size()) std::snprintf(le, sizeof le, "%g", kBuckets[b]);
      sample(out, "onemap_http_request_duration_seconds_bucket",
             route + ",le=\"" + (b < kBuckets.size() ? std::string(le) : std::string("+Inf")) + "\"",
             static_cast<double>(cumulative));
    }
    sample(out, "onemap_http_request_duration_seconds_sum", route, r->micros.load(relaxed) / 1e6);
    sample(out, "onemap_http_request_duration_seconds_count", route, static_cast<double>(count));
  }

  out +=
      "# HELP onemap_http_response_bytes_total Bytes written in responses, by named route.\n"
      "# TYPE onemap_http_response_bytes_total counter\n";
  for (const auto& r : routes_)
    if (r->count.load(relaxed))
      sample(out, "onemap_http_response_bytes_total", "route=\"" + r->name + "\"",
             static_cast<double>(r->bytes.load(relaxed)));

  out +=
      "# HELP onemap_http_limit_hits_total Connections, requests and responses refused or cut by a limit, by its "
      "setting.\n"
      "# TYPE onemap_http_limit_hits_total counter\n";
  for (std::size_t i = 0; i < kLimits.size(); ++i)
    sample(out, "onemap_http_limit_hits_total", "limit=\"" + std::string(kLimits[i]) + "\"",
           static_cast<double>(limit_hits_[i].load(relaxed)));
}

}  // namespace onemap::metrics
