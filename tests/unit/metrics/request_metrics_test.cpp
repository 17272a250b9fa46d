#include "metrics/request_metrics.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

using onemap::metrics::RequestMetrics;

namespace {

// name{labels} → value, from Prometheus text; comments must be HELP or TYPE lines.
std::map<std::string, double> parse(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# ", 0) == 0) {
      EXPECT_TRUE(line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) << line;
      continue;
    }
    const auto space = line.rfind(' ');
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

}  // namespace

TEST(RequestMetrics, CountsByRouteAndStatusWithACumulativeHistogram) {
  RequestMetrics m({"tiles.xyz", "features.items"});
  m.record("tiles.xyz", 200, 1000, 0.0004);  // first bucket (≤ 0.5 ms)
  m.record("tiles.xyz", 200, 500, 0.003);    // ≤ 5 ms
  m.record("tiles.xyz", 304, 0, 0.003);
  m.record("features.items", 400, 80, 2.0);  // ≤ 5 s
  m.record("", 404, 60, 0.0001);             // matched no route
  std::string text;
  m.write(text);
  const auto v = parse(text);
  EXPECT_EQ(v.at(R"(onemap_http_requests_total{route="tiles.xyz",status="200"})"), 2);
  EXPECT_EQ(v.at(R"(onemap_http_requests_total{route="tiles.xyz",status="304"})"), 1);
  EXPECT_EQ(v.at(R"(onemap_http_requests_total{route="features.items",status="400"})"), 1);
  EXPECT_EQ(v.at(R"(onemap_http_requests_total{route="none",status="404"})"), 1);
  EXPECT_FALSE(v.contains(R"(onemap_http_requests_total{route="tiles.xyz",status="500"})"));  // zeros left out
  EXPECT_EQ(v.at(R"(onemap_http_request_duration_seconds_bucket{route="tiles.xyz",le="0.0005"})"), 1);
  EXPECT_EQ(v.at(R"(onemap_http_request_duration_seconds_bucket{route="tiles.xyz",le="0.0025"})"), 1);
  EXPECT_EQ(v.at(R"(onemap_http_request_duration_seconds_bucket{route="tiles.xyz",le="0.005"})"), 3);
  EXPECT_EQ(v.at(R"(onemap_http_request_duration_seconds_bucket{route="tiles.xyz",le="+Inf"})"), 3);
  EXPECT_EQ(v.at(R"(onemap_http_request_duration_seconds_count{route="tiles.xyz"})"), 3);
  EXPECT_NEAR(v.at(R"(onemap_http_request_duration_seconds_sum{route="tiles.xyz"})"), 0.0064, 1e-9);
  EXPECT_EQ(v.at(R"(onemap_http_request_duration_seconds_bucket{route="features.items",le="1"})"), 0);
  EXPECT_EQ(v.at(R"(onemap_http_request_duration_seconds_bucket{route="features.items",le="5"})"), 1);
  EXPECT_EQ(v.at(R"(onemap_http_response_bytes_total{route="tiles.xyz"})"), 1500);
}

TEST(RequestMetrics, LabelValuesAreEscaped) {
  EXPECT_EQ(onemap::metrics::label_value("a\"b\\c\nd 镇"), "a\\\"b\\\\c\\nd 镇");
}

TEST(RequestMetrics, CountsLimitHitsBySetting) {
  RequestMetrics m({"tiles.xyz"});
  m.record_limit("server.max_connections");
  m.record_limit("server.max_connections");
  m.record_limit("server.header_timeout_s");
  m.record_limit("server.no_such_limit");  // not counted
  std::string text;
  m.write(text);
  const auto v = parse(text);
  EXPECT_EQ(v.at(R"(onemap_http_limit_hits_total{limit="server.max_connections"})"), 2);
  EXPECT_EQ(v.at(R"(onemap_http_limit_hits_total{limit="server.header_timeout_s"})"), 1);
  EXPECT_EQ(v.at(R"(onemap_http_limit_hits_total{limit="server.max_response_mb"})"), 0);  // every limit, zeros too
  EXPECT_EQ(v.at(R"(onemap_http_limit_hits_total{limit="server.max_unsent_mb"})"), 0);
  EXPECT_FALSE(v.contains(R"(onemap_http_limit_hits_total{limit="server.no_such_limit"})"));
}
