// Asynchronous jobs (OGC API – Processes Part 1: async-execute, job-list, dismiss) through
// Api::serve with a real WorkerPool, as the server runs them: on the small test city, and on a
// generated bigger city (200,000 farmland parcels) whose screening takes long enough to watch.
#include "domain_fixture.h"
#include "jobs/job_registry.h"
#include "util/worker_pool.h"

#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <future>
#include <set>
#include <thread>

namespace onemap::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
namespace beast_http = http::beast_http;

const std::string kJobs = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

// The API served as the server does: heavy routes and jobs on a pool of its own.
class ServedApi {
 public:
  ServedApi(catalog::Catalog catalog, unsigned threads, std::size_t queue_limit)
      : holder_(store::load_snapshot(std::move(catalog))), pool_(threads, queue_limit), api_(holder_, &pool_) {
    api_.set_bind_url("http://example.org");
  }

  http::Response serve(beast_http::verb method, const std::string& target, const std::string& body = "",
                       std::vector<std::pair<beast_http::field, std::string>> headers = {}) const {
    auto request = std::make_shared<http::Request>(method, target, 11);
    request->set(beast_http::field::host, "example.org");
    for (const auto& [name, value] : headers) request->set(name, value);
    if (method == beast_http::verb::post) {
      request->set(beast_http::field::content_type, "application/json");
      request->body() = body;
      request->prepare_payload();
    }
    auto answer = std::make_shared<std::promise<http::Response>>();
    std::future<http::Response> f = answer->get_future();
    api_.serve(http::Exchange{request, "127.0.0.1",
                              [answer](http::Response res, std::string) { answer->set_value(std::move(res)); },
                              std::make_shared<util::StopFlag>()});
    if (f.wait_for(120s) != std::future_status::ready) throw std::runtime_error("no answer to " + target);
    return f.get();
  }
  http::Response get(const std::string& target,
                     std::vector<std::pair<beast_http::field, std::string>> headers = {}) const {
    return serve(beast_http::verb::get, target, "", std::move(headers));
  }
  // POST /processes/{id}/execution; async: with Prefer: respond-async.
  http::Response execute(const std::string& process, const json& request, bool async) const {
    std::vector<std::pair<beast_http::field, std::string>> headers;
    if (async) headers.emplace_back(beast_http::field::prefer, "respond-async");
    return serve(beast_http::verb::post, "/processes/" + process + "/execution", request.dump(), headers);
  }
  // Polls the job until it is final; the status documents seen, in order.
  std::vector<json> poll(const std::string& id, std::chrono::milliseconds every = 10ms) const {
    std::vector<json> seen;
    const auto give_up = std::chrono::steady_clock::now() + 120s;
    while (std::chrono::steady_clock::now() < give_up) {
      http::Response r = get("/jobs/" + id);
      EXPECT_EQ(r.result_int(), 200);
      seen.push_back(json::parse(r.body().read_all()));
      const std::string status = seen.back()["status"];
      if (status != "accepted" && status != "running") return seen;
      std::this_thread::sleep_for(every);
    }
    ADD_FAILURE() << "job " << id << " did not finish";
    return seen;
  }

  // A hot reload: the same data as a new version.
  void reload(catalog::Catalog catalog, std::uint64_t version) {
    holder_.replace(store::load_snapshot(std::move(catalog), version));
  }

  util::WorkerPool& pool() { return pool_; }
  const api::Api& api() const { return api_; }
  std::shared_ptr<const store::Snapshot> snapshot() const { return holder_.get(); }

 private:
  store::SnapshotHolder holder_;
  util::WorkerPool pool_;
  api::Api api_;
};

json body(const http::Response& r) { return json::parse(r.body().read_all()); }

// Accepts a job; its id.
std::string accept(const ServedApi& api, const std::string& process, const json& request) {
  http::Response r = api.execute(process, request, true);
  const std::string text = r.body().read_all();
  EXPECT_EQ(r.result_int(), 201) << text;
  json status = json::parse(text);
  EXPECT_EQ(std::string(r[beast_http::field::location]),
            "http://example.org/jobs/" + status["jobID"].get<std::string>());
  EXPECT_EQ(std::string(r[beast_http::field::preference_applied]), "respond-async");
  return status["jobID"];
}

// The small city, with server settings of the test's choosing.
struct SmallCity {
  TempDir dir;
  catalog::Catalog catalog;
  SmallCity() {
    write_city(dir / "city.gpkg");
    catalog = city_catalog(dir / "city.gpkg");
  }
};

// The city with 200,000 farmland parcels (40 m squares on a 50 m grid over 25 × 20 km, plain
// west of x = 15000) and 40,000 heavy-metal enterprises among them: R1 looks for the nearest
// parcel of each enterprise, R8/R11 for parcels under each plot.
class BigCity {
 public:
  BigCity() {
    write_city(dir_ / "city.gpkg");
    const std::filesystem::path big = dir_ / "big.gpkg";
    {
      NewLayer farmland = create_gpkg_layer(big, "farmland", 4547, wkbPolygon);
      for (auto [name, type] : {std::pair{"category", OFTString}, {"terrain", OFTString}, {"area_mu", OFTReal}}) {
        OGRFieldDefn field(name, type);
        farmland.layer->CreateField(&field);
      }
      farmland.dataset->StartTransaction();
      for (int i = 0; i < 500; ++i) {
        for (int j = 0; j < 400; ++j) {
          OGRFeatureUniquePtr f(OGRFeature::CreateFeature(farmland.layer->GetLayerDefn()));
          const double x = i * 50.0, y = j * 50.0;
          f->SetField(0, (i + j) % 3 == 0 ? "优先保护类" : (i + j) % 3 == 1 ? "严格管控类" : "安全利用类");
          f->SetField(1, x < 15000 ? "plain" : "mountain");
          f->SetField(2, 2.4);
          OGRGeometry* g = nullptr;
          const std::string wkt = rect_wkt(x, y, x + 40, y + 40);
          OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
          f->SetGeometryDirectly(g);
          if (farmland.layer->CreateFeature(f.get()) != OGRERR_NONE) throw std::runtime_error("cannot write a parcel");
        }
      }
      farmland.dataset->CommitTransaction();
    }
    {
      NewLayer enterprises = create_gpkg_layer(big, "enterprises", 4547, wkbPoint);
      for (auto [name, type] : {std::pair{"name", OFTString},
                                {"industry", OFTString},
                                {"heavy_metal", OFTInteger},
                                {"key_soil_supervision", OFTInteger},
                                {"grade", OFTString},
                                {"township", OFTString}}) {
        OGRFieldDefn field(name, type);
        if (type == OFTInteger) field.SetSubType(OFSTBoolean);
        enterprises.layer->CreateField(&field);
      }
      enterprises.dataset->StartTransaction();
      for (int k = 0; k < 40000; ++k) {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(enterprises.layer->GetLayerDefn()));
        f->SetField(0, ("E" + std::to_string(k)).c_str());
        f->SetField(1, "电镀");
        f->SetField(2, 1);
        f->SetField(3, k % 2);
        f->SetField(4, "B");
        f->SetField(5, "克井镇");
        // Between parcels (in the 10 m gaps), in every fifth row of the grid.
        const std::string wkt = point_wkt((k % 500) * 50.0 + 45, (k / 500 * 5 % 400) * 50.0 + 45);
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
        f->SetGeometryDirectly(g);
        if (enterprises.layer->CreateFeature(f.get()) != OGRERR_NONE)
          throw std::runtime_error("cannot write an enterprise");
      }
      enterprises.dataset->CommitTransaction();
    }
    catalog::Catalog c = city_catalog(dir_ / "city.gpkg");
    for (catalog::LayerConfig& layer : c.layers)
      if (layer.id == "farmland" || layer.id == "enterprises") layer.source = big.string();
    served_ = std::make_unique<ServedApi>(std::move(c), 2, 8);
  }
  ServedApi& api() { return *served_; }

 private:
  TempDir dir_;
  std::unique_ptr<ServedApi> served_;
};

BigCity& big_city() {
  static BigCity city;
  return city;
}

const json kScreening = {{"inputs", json::object()}};

TEST(JobsApi, AsyncScreeningReportsProgressAndGivesTheSynchronousBytes) {
  ServedApi& api = big_city().api();
  ASSERT_EQ(api.snapshot()->find("farmland")->feature_count(), 200000u);

  const auto t0 = std::chrono::steady_clock::now();
  http::Response sync = api.execute("screening", kScreening, false);
  ASSERT_EQ(sync.result_int(), 200);
  const std::string expected = sync.body().read_all();
  const auto sync_time = std::chrono::steady_clock::now() - t0;
  // Long enough to watch, polled every 2 ms.
  EXPECT_GT(sync_time, 100ms) << "the dataset should make screening take a good fraction of a second";

  http::Response accepted = api.execute("screening", kScreening, true);
  ASSERT_EQ(accepted.result_int(), 201) << accepted.body().read_all();
  json first = body(accepted);
  EXPECT_TRUE(first["status"] == "accepted" || first["status"] == "running") << first;
  EXPECT_EQ(first["processID"], "screening");
  EXPECT_EQ(first["type"], "process");
  EXPECT_EQ(first["dataVersion"], api.snapshot()->version);
  const std::string id = first["jobID"];
  EXPECT_EQ(std::string(accepted[beast_http::field::location]), "http://example.org/jobs/" + id);
  EXPECT_EQ(std::string(accepted[beast_http::field::preference_applied]), "respond-async");

  std::vector<json> seen = api.poll(id, 2ms);
  ASSERT_FALSE(seen.empty());
  int last = -1;
  std::set<int> running_values;
  bool staged_message = false;
  bool structured_stage = false;
  for (const json& s : seen) {
    const int p = s["progress"];
    EXPECT_GE(p, last) << "progress went backwards: " << s;
    last = p;
    if (s["status"] == "running") {
      running_values.insert(p);
      const std::string message = s["message"];
      staged_message = staged_message ||
                       (message.find(" of ") != std::string::npos && message.find("features") != std::string::npos);
      // The same, for clients that word it themselves: the message is made of these.
      if (s.contains("x-onemap-stage")) {
        const json& st = s["x-onemap-stage"];
        EXPECT_LE(st["done"].get<std::uint64_t>(), st["total"].get<std::uint64_t>()) << s;
        EXPECT_LT(st["index"].get<std::uint64_t>(), st["count"].get<std::uint64_t>()) << s;
        EXPECT_EQ(message.rfind(st["name"].get<std::string>() + ":", 0), 0u) << s;
        structured_stage = structured_stage || st["total"].get<std::uint64_t>() > 0;
      }
    } else {
      EXPECT_FALSE(s.contains("x-onemap-stage")) << s;
    }
  }
  EXPECT_TRUE(structured_stage) << "no x-onemap-stage while running";
  EXPECT_GE(running_values.size(), 2u) << "progress did not move while running";
  EXPECT_TRUE(staged_message) << "no message like 'R1: 1,000 of 40,000 features'";
  const json& final = seen.back();
  ASSERT_EQ(final["status"], "successful") << final;
  EXPECT_EQ(final["progress"], 100);
  for (const char* key : {"created", "started", "finished", "updated"}) {
    const std::string t = final[key];
    EXPECT_EQ(t.size(), 24u) << key << " " << t;  // 2026-11-29T20:01:02.345Z
    EXPECT_EQ(t.back(), 'Z');
  }
  bool results_link = false;
  for (const json& l : final["links"])
    results_link = results_link || (l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/results" &&
                                    l["href"] == "http://example.org/jobs/" + id + "/results");
  EXPECT_TRUE(results_link) << final;

  http::Response results = api.get("/jobs/" + id + "/results");
  ASSERT_EQ(results.result_int(), 200);
  EXPECT_EQ(results.body().kind(), http::Payload::Kind::File);
  EXPECT_EQ(std::string(results[beast_http::field::content_type]), std::string(sync[beast_http::field::content_type]));
  EXPECT_TRUE(results.body().read_all() == expected) << "the job's result differs from the synchronous answer";

  // 304 for the ETag just given; 200 for another.
  const std::string etag(results[beast_http::field::etag]);
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');
  http::Response again = api.get("/jobs/" + id + "/results", {{beast_http::field::if_none_match, etag}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_EQ(std::string(again[beast_http::field::etag]), etag);
  EXPECT_TRUE(again.body().read_all().empty());
  EXPECT_EQ(api.get("/jobs/" + id + "/results", {{beast_http::field::if_none_match, "\"other\""}}).result_int(), 200);
}

TEST(JobsApi, DismissedRunningJobStopsWithinASecondAndFreesItsWorker) {
  ServedApi& api = big_city().api();
  const std::string id = accept(api, "screening", kScreening);
  const auto give_up = std::chrono::steady_clock::now() + 60s;
  json status;
  do {
    status = body(api.get("/jobs/" + id));
    if (status["status"] == "running" && status["progress"].get<int>() > 0) break;
    std::this_thread::sleep_for(2ms);
  } while (std::chrono::steady_clock::now() < give_up);
  ASSERT_EQ(status["status"], "running") << "the job finished before it could be dismissed: " << status;

  http::Response dismissed = api.serve(beast_http::verb::delete_, "/jobs/" + id);
  ASSERT_EQ(dismissed.result_int(), 200);
  EXPECT_EQ(body(dismissed)["status"], "dismissed");
  const auto asked = std::chrono::steady_clock::now();
  while (api.pool().stats().running != 0 && std::chrono::steady_clock::now() - asked < 5s)
    std::this_thread::sleep_for(2ms);
  EXPECT_EQ(api.pool().stats().running, 0u);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 1s) << "the worker was not freed within a second";
  EXPECT_EQ(body(api.get("/jobs/" + id))["status"], "dismissed");
  http::Response results = api.get("/jobs/" + id + "/results");
  EXPECT_EQ(results.result_int(), 404);
  EXPECT_EQ(body(results)["type"], kJobs + "no-such-job");
}

TEST(JobsApi, CsvJobResultCarriesTheDownloadName) {
  SmallCity city;
  ServedApi api(city.catalog, 2, 8);
  const json request = {{"inputs", {{"format", "csv"}}}};
  http::Response sync = api.execute("screening", request, false);
  ASSERT_EQ(sync.result_int(), 200);
  const std::string id = accept(api, "screening", request);
  ASSERT_EQ(api.poll(id).back()["status"], "successful");
  http::Response results = api.get("/jobs/" + id + "/results");
  ASSERT_EQ(results.result_int(), 200);
  EXPECT_EQ(std::string(results[beast_http::field::content_type]), "text/csv; charset=utf-8");
  EXPECT_EQ(std::string(results[beast_http::field::content_disposition]),
            std::string(sync[beast_http::field::content_disposition]));
  EXPECT_EQ(results.body().read_all(), sync.body().read_all());

  // A results document, too, is the same bytes as the synchronous one.
  const json document = {{"inputs", {{"zones", "townships"}}}, {"response", "document"}};
  http::Response sync_doc = api.execute("zonal-summary", document, false);
  const std::string doc_id = accept(api, "zonal-summary", document);
  ASSERT_EQ(api.poll(doc_id).back()["status"], "successful");
  EXPECT_EQ(api.get("/jobs/" + doc_id + "/results").body().read_all(), sync_doc.body().read_all());
}

TEST(JobsApi, BadInputIsA400AtOnceAndNoJob) {
  SmallCity city;
  ServedApi api(city.catalog, 2, 8);
  http::Response r = api.execute("screening", {{"inputs", {{"rules", {"R99"}}}}}, true);
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_NE(body(r)["description"].get<std::string>().find("R99"), std::string::npos);
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", {{"zones", "enterprises"}}}}, true).result_int(), 400);
  EXPECT_EQ(api.execute("within-distance", {{"inputs", {{"source", "enterprises"}}}}, true).result_int(), 400);
  EXPECT_EQ(body(api.get("/jobs"))["jobs"].size(), 0u);
}

TEST(JobsApi, UnknownJobIsA404WithJson) {
  SmallCity city;
  ServedApi api(city.catalog, 1, 1);
  for (const std::string target : {"/jobs/nope", "/jobs/nope/results"}) {
    http::Response r = api.get(target);
    EXPECT_EQ(r.result_int(), 404) << target;
    EXPECT_EQ(std::string(r[beast_http::field::content_type]), "application/json");
    EXPECT_EQ(body(r)["type"], kJobs + "no-such-job") << target;
  }
  EXPECT_EQ(api.serve(beast_http::verb::delete_, "/jobs/nope").result_int(), 404);
  // DELETE is allowed on a job, and said so to a CORS preflight.
  http::Response options = api.serve(beast_http::verb::options, "/jobs/nope");
  EXPECT_EQ(options.result_int(), 204);
  EXPECT_NE(std::string(options[beast_http::field::allow]).find("DELETE"), std::string::npos);
  EXPECT_EQ(api.serve(beast_http::verb::delete_, "/processes").result_int(), 405);
}

TEST(JobsApi, FullQueueIsA503WithRetryAfter) {
  SmallCity city;
  ServedApi api(city.catalog, 1, 0);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(api.pool().try_submit([released, &started] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();
  http::Response r = api.execute("screening", kScreening, true);
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_FALSE(std::string(r[beast_http::field::retry_after]).empty());
  EXPECT_EQ(body(r)["status"], 503);
  EXPECT_EQ(body(api.get("/jobs"))["jobs"].size(), 0u);
  release.set_value();
  while (api.pool().stats().running != 0) std::this_thread::sleep_for(1ms);
  const std::string id = accept(api, "screening", kScreening);
  EXPECT_EQ(api.poll(id).back()["status"], "successful");
}

TEST(JobsApi, QueuedJobDismissedNeverRuns) {
  SmallCity city;
  ServedApi api(city.catalog, 1, 4);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(api.pool().try_submit([released] { released.wait(); }));
  const std::string id = accept(api, "screening", kScreening);
  EXPECT_EQ(body(api.get("/jobs/" + id))["status"], "accepted");
  EXPECT_EQ(body(api.serve(beast_http::verb::delete_, "/jobs/" + id))["status"], "dismissed");
  release.set_value();
  while (api.pool().stats().running != 0 || api.pool().stats().queued != 0) std::this_thread::sleep_for(1ms);
  json status = body(api.get("/jobs/" + id));
  EXPECT_EQ(status["status"], "dismissed");
  EXPECT_FALSE(status.contains("started")) << status;
}

TEST(JobsApi, ResultsExpire) {
  SmallCity city;
  city.catalog.server.job_results_ttl_s = 0.3;
  ServedApi api(city.catalog, 2, 8);
  const std::string id = accept(api, "screening", kScreening);
  ASSERT_EQ(api.poll(id).back()["status"], "successful");
  const std::filesystem::path dir = api.api().jobs().dir();
  EXPECT_FALSE(std::filesystem::is_empty(dir));
  EXPECT_EQ(api.get("/jobs/" + id + "/results").result_int(), 200);
  std::this_thread::sleep_for(500ms);
  http::Response gone = api.get("/jobs/" + id);
  EXPECT_EQ(gone.result_int(), 404);
  EXPECT_EQ(body(gone)["type"], kJobs + "no-such-job");
  EXPECT_EQ(api.get("/jobs/" + id + "/results").result_int(), 404);
  EXPECT_TRUE(std::filesystem::is_empty(dir)) << "the expired result is still on disk";
}

TEST(JobsApi, ResultsBudgetRemovesTheOldestFinishedFirst) {
  SmallCity city;
  city.catalog.server.job_results_mb = 0;  // room for the newest result only
  ServedApi api(city.catalog, 2, 8);
  const std::string first = accept(api, "screening", kScreening);
  ASSERT_EQ(api.poll(first).back()["status"], "successful");
  const std::string second = accept(api, "screening", kScreening);
  ASSERT_EQ(api.poll(second).back()["status"], "successful");
  EXPECT_EQ(api.get("/jobs/" + first).result_int(), 404);
  EXPECT_EQ(api.get("/jobs/" + second + "/results").result_int(), 200);
}

TEST(JobsApi, FailedJobCarriesItsError) {
  SmallCity city;
  city.catalog.server.process_time_limit_s = 1e-9;  // over before it starts
  ServedApi api(city.catalog, 2, 8);
  const std::string id = accept(api, "screening", kScreening);
  json final = api.poll(id).back();
  ASSERT_EQ(final["status"], "failed") << final;
  EXPECT_EQ(final["exception"]["title"], "TimeLimitExceeded");
  EXPECT_NE(final["exception"]["detail"].get<std::string>().find("process_time_limit_s"), std::string::npos);
  http::Response results = api.get("/jobs/" + id + "/results");
  EXPECT_EQ(results.result_int(), 503);
  EXPECT_EQ(body(results)["code"], "TimeLimitExceeded");
}

TEST(JobsApi, ResultNotReadyWhileQueued) {
  SmallCity city;
  ServedApi api(city.catalog, 1, 4);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(api.pool().try_submit([released] { released.wait(); }));
  const std::string id = accept(api, "zonal-summary", {{"inputs", json::object()}});
  http::Response r = api.get("/jobs/" + id + "/results");
  EXPECT_EQ(r.result_int(), 404);
  EXPECT_EQ(body(r)["type"], kJobs + "result-not-ready");
  release.set_value();
  EXPECT_EQ(api.poll(id).back()["status"], "successful");
  EXPECT_EQ(api.get("/jobs/" + id + "/results").result_int(), 200);
}

TEST(JobsApi, ResultsSurviveAReloadAndJobsHoldNoSnapshot) {
  SmallCity city;
  ServedApi api(city.catalog, 2, 8);
  std::weak_ptr<const store::Snapshot> first = api.snapshot();
  const std::string id = accept(api, "screening", kScreening);
  ASSERT_EQ(api.poll(id).back()["status"], "successful");
  const std::string before = api.get("/jobs/" + id + "/results").body().read_all();
  api.reload(city.catalog, 2);
  EXPECT_TRUE(first.expired()) << "a finished job still holds the snapshot it ran on";
  json status = body(api.get("/jobs/" + id));
  EXPECT_EQ(status["dataVersion"], 1);
  EXPECT_EQ(api.get("/jobs/" + id + "/results").body().read_all(), before);
  const std::string after = accept(api, "screening", kScreening);
  EXPECT_EQ(api.poll(after).back()["dataVersion"], 2);
}

TEST(JobsApi, JobListIsPagedNewestFirst) {
  SmallCity city;
  ServedApi api(city.catalog, 2, 8);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(accept(api, "zonal-summary", {{"inputs", json::object()}}));
  json page = body(api.get("/jobs?limit=2"));
  ASSERT_EQ(page["jobs"].size(), 2u);
  EXPECT_EQ(page["jobs"][0]["jobID"], ids[2]);
  EXPECT_EQ(page["jobs"][1]["jobID"], ids[1]);
  EXPECT_EQ(page["numberMatched"], 3);
  std::string next, prev;
  for (const json& l : page["links"]) {
    if (l["rel"] == "next") next = l["href"];
    if (l["rel"] == "prev") prev = l["href"];
  }
  EXPECT_EQ(next, "http://example.org/jobs?limit=2&offset=2");
  EXPECT_TRUE(prev.empty());
  json rest = body(api.get("/jobs?limit=2&offset=2"));
  ASSERT_EQ(rest["jobs"].size(), 1u);
  EXPECT_EQ(rest["jobs"][0]["jobID"], ids[0]);
  bool has_prev = false, has_next = false;
  for (const json& l : rest["links"])
    has_prev = has_prev || l["rel"] == "prev", has_next = has_next || l["rel"] == "next";
  EXPECT_TRUE(has_prev);
  EXPECT_FALSE(has_next);
  EXPECT_EQ(api.get("/jobs?limit=0").result_int(), 400);
  for (const std::string& id : ids) api.poll(id);
}

}  // namespace
}  // namespace onemap::testing
