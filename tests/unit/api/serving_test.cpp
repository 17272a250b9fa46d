// The edge as the server drives it (Api::serve on a real worker pool): heavy routes leave the
// calling thread, a full queue answers 503 with Retry-After, a process over its time limit
// answers a JSON error and frees its worker; and links never come from what a client names.
#include "api/base_url.h"
#include "api/router.h"
#include "fixtures.h"
#include "util/worker_pool.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <optional>
#include <thread>

namespace onemap::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// 40,000 points on a 200 × 200 grid, 10 m apart, in EPSG:4547 metres.
class ServingFixture : public ::testing::Test {
 protected:
  static std::shared_ptr<const store::Snapshot> load(double time_limit_s) {
    static TempDir dir;
    static const std::filesystem::path file = [] {
      std::vector<FixtureFeature> points;
      for (int i = 0; i < 200; ++i)
        for (int j = 0; j < 200; ++j)
          points.push_back({"POINT (" + std::to_string(372000 + 10 * i) + " " + std::to_string(3885000 + 10 * j) + ")",
                            "p" + std::to_string(i * 200 + j), i * 200 + j});
      write_gpkg_layer(dir / "grid.gpkg", "grid", 4547, points);
      return dir / "grid.gpkg";
    }();
    catalog::Catalog c;
    c.analysis_crs = geo::Crs{4547};
    c.server.process_time_limit_s = time_limit_s;
    catalog::LayerConfig layer;
    layer.id = layer.source_layer = "grid";
    layer.source = file.string();
    layer.defined_in = "test";
    c.layers.push_back(layer);
    return store::load_snapshot(c);
  }

  // Serves one request the way the HTTP server does and waits for the answer.
  static std::pair<http::Response, std::string> serve(const api::Api& api, http::Request request) {
    auto promise = std::make_shared<std::promise<std::pair<http::Response, std::string>>>();
    auto answer = promise->get_future();
    http::Exchange exchange{std::make_shared<const http::Request>(std::move(request)), "127.0.0.1",
                            [promise](http::Response res, std::string route) {
                              promise->set_value({std::move(res), std::move(route)});
                            },
                            std::make_shared<util::StopFlag>()};
    api.serve(std::move(exchange));
    if (answer.wait_for(30s) != std::future_status::ready) throw std::runtime_error("no answer");
    return answer.get();
  }

  static http::Request within_distance() {
    http::Request request{http::beast_http::verb::post, "/processes/within-distance/execution", 11};
    request.body() = json{{"inputs", {{"source", "grid"}, {"target", "grid"}, {"distance", 15}}}}.dump();
    request.prepare_payload();
    return request;
  }
};

TEST_F(ServingFixture, ProcessRunsOnAWorkerAndCheapRoutesStayInline) {
  store::SnapshotHolder holder(load(300));
  util::WorkerPool pool(1, 4);
  api::Api api(holder, &pool);
  const auto caller = std::this_thread::get_id();
  std::thread::id answered_on;
  auto promise = std::make_shared<std::promise<http::Response>>();
  http::Exchange exchange{std::make_shared<const http::Request>(within_distance()), "",
                          [&, promise](http::Response res, std::string) {
                            answered_on = std::this_thread::get_id();
                            promise->set_value(std::move(res));
                          },
                          std::make_shared<util::StopFlag>()};
  api.serve(std::move(exchange));
  http::Response res = promise->get_future().get();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_NE(answered_on, caller);
  EXPECT_EQ(json::parse(res.body().read_all())["numberMatched"], 40000);  // every point has a neighbour 10 m off

  // A cheap route is answered before serve() returns, on the calling thread.
  std::optional<http::Response> health;
  std::thread::id health_on;
  api.serve({std::make_shared<const http::Request>(http::beast_http::verb::get, "/health", 11), "",
             [&](http::Response r, std::string) {
               health_on = std::this_thread::get_id();
               health = std::move(r);
             },
             std::make_shared<util::StopFlag>()});
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(health_on, caller);
  EXPECT_EQ(json::parse(health->body().read_all())["workers"]["threads"], 1);
}

TEST_F(ServingFixture, FullQueueAnswers503WithRetryAfter) {
  store::SnapshotHolder holder(load(300));
  util::WorkerPool pool(1, 0);
  api::Api api(holder, &pool);
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(pool.try_submit([&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();
  auto [res, route] = serve(api, within_distance());
  release.set_value();
  EXPECT_EQ(route, "processes.execute");
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_EQ(res[http::beast_http::field::retry_after], "5");
  json body = json::parse(res.body().read_all());
  EXPECT_EQ(body["code"], "ServiceUnavailable");
  EXPECT_NE(body["description"].get<std::string>().find("job_queue_limit"), std::string::npos);
}

TEST_F(ServingFixture, ProcessOverItsTimeLimitAnswersJsonAndFreesItsWorker) {
  store::SnapshotHolder holder(load(0.005));  // 5 ms: far less than 40,000 nearest searches take
  util::WorkerPool pool(1, 4);
  api::Api api(holder, &pool);
  const auto started = std::chrono::steady_clock::now();
  auto [res, route] = serve(api, within_distance());
  EXPECT_EQ(res.result_int(), 503);
  json body = json::parse(res.body().read_all());
  EXPECT_EQ(body["code"], "TimeLimitExceeded");
  EXPECT_NE(body["description"].get<std::string>().find("process_time_limit_s"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  for (int i = 0; i < 100 && pool.stats().running > 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(pool.stats().running, 0u);
  // The worker is free for the next job, which the same limit lets finish when it is small.
  http::Request small{http::beast_http::verb::get, "/processes", 11};
  EXPECT_EQ(serve(api, small).first.result_int(), 200);
}

TEST_F(ServingFixture, JobWhoseClientLeftWhileQueuedNeverRuns) {
  store::SnapshotHolder holder(load(300));
  util::WorkerPool pool(1, 4);
  api::Api api(holder, &pool);
  auto gone = std::make_shared<util::StopFlag>();
  gone->stop(util::StopReason::ClientGone);
  auto promise = std::make_shared<std::promise<http::Response>>();
  api.serve({std::make_shared<const http::Request>(within_distance()), "",
             [promise](http::Response res, std::string) { promise->set_value(std::move(res)); }, gone});
  auto f = promise->get_future();
  ASSERT_EQ(f.wait_for(2s), std::future_status::ready);
  EXPECT_EQ(f.get().result_int(), 503);
}

TEST(BaseUrl, ForgedHostNeverReachesALinkAndOnlyTrustedProxiesForward) {
  catalog::ServerSettings server;
  server.trusted_proxies = {"10.0.0.5"};
  http::Request request{http::beast_http::verb::get, "/", 11};
  request.set(http::beast_http::field::host, "evil.example");
  request.set("X-Forwarded-Host", "maps.city.gov.cn");
  request.set("X-Forwarded-Proto", "https");
  EXPECT_EQ(api::base_url(request, "192.0.2.9", server, "http://10.0.0.2:8080"), "http://10.0.0.2:8080");
  EXPECT_EQ(api::base_url(request, "10.0.0.5", server, "http://10.0.0.2:8080"), "https://maps.city.gov.cn");
  request.set("X-Forwarded-Host", "evil.example/\"><script>");
  EXPECT_EQ(api::base_url(request, "10.0.0.5", server, "http://10.0.0.2:8080"), "http://10.0.0.2:8080");
  server.public_url = "https://onemap.example.cn/map";
  EXPECT_EQ(api::base_url(request, "10.0.0.5", server, "http://10.0.0.2:8080"), "https://onemap.example.cn/map");
}

}  // namespace
}  // namespace onemap::testing
