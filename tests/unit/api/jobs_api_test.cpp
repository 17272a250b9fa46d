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
#include <map>
#include <set>
#include <thread>

namespace onemap::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
namespace beast_http = http::beast_http;

const std::string kJobs = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

// Who sends a request: an API key (X-API-Key; empty: anonymous), from which address.
struct From {
  std::string key;
  std::string remote = "127.0.0.1";
  std::vector<std::pair<std::string, std::string>> headers;
};

// A job as its submitter knows it: its id, and the address the 201's Location gave (with an
// anonymous submitter's job token in it).
struct Job {
  std::string id;
  std::string location;  // path and query
  // The location with `suffix` ("/results") after the job's path.
  std::string at(const std::string& suffix = "") const {
    const std::size_t query = location.find('?');
    if (query == std::string::npos) return location + suffix;
    return location.substr(0, query) + suffix + location.substr(query);
  }
};

// The API served as the server does: heavy routes and jobs on a pool of its own.
class ServedApi {
 public:
  ServedApi(catalog::Catalog catalog, unsigned threads, std::size_t queue_limit)
      : holder_(store::load_snapshot(std::move(catalog))), pool_(threads, queue_limit), api_(holder_, &pool_) {
    api_.set_bind_url("http://example.org");
  }

  http::Response serve(beast_http::verb method, const std::string& target, const std::string& body = "",
                       std::vector<std::pair<beast_http::field, std::string>> headers = {},
                       const From& from = {}) const {
    auto request = std::make_shared<http::Request>(method, target, 11);
    request->set(beast_http::field::host, "example.org");
    for (const auto& [name, value] : headers) request->set(name, value);
    if (!from.key.empty()) request->set("X-API-Key", from.key);
    for (const auto& [name, value] : from.headers) request->insert(name, value);
    if (method == beast_http::verb::post) {
      request->set(beast_http::field::content_type, "application/json");
      request->body() = body;
      request->prepare_payload();
    }
    auto answer = std::make_shared<std::promise<http::Response>>();
    std::future<http::Response> f = answer->get_future();
    api_.serve(http::Exchange{request, from.remote,
                              [answer](http::Response res, std::string) { answer->set_value(std::move(res)); },
                              std::make_shared<util::StopFlag>()});
    if (f.wait_for(120s) != std::future_status::ready) throw std::runtime_error("no answer to " + target);
    return f.get();
  }
  http::Response get(const std::string& target, std::vector<std::pair<beast_http::field, std::string>> headers = {},
                     const From& from = {}) const {
    return serve(beast_http::verb::get, target, "", std::move(headers), from);
  }
  // POST /processes/{id}/execution; async: with Prefer: respond-async.
  http::Response execute(const std::string& process, const json& request, bool async, const From& from = {}) const {
    std::vector<std::pair<beast_http::field, std::string>> headers;
    if (async) headers.emplace_back(beast_http::field::prefer, "respond-async");
    return serve(beast_http::verb::post, "/processes/" + process + "/execution", request.dump(), headers, from);
  }
  // Polls the job until it is final; the status documents seen, in order.
  std::vector<json> poll(const Job& job, std::chrono::milliseconds every = 10ms, const From& from = {}) const {
    std::vector<json> seen;
    const auto give_up = std::chrono::steady_clock::now() + 120s;
    while (std::chrono::steady_clock::now() < give_up) {
      http::Response r = get(job.at(), {}, from);
      EXPECT_EQ(r.result_int(), 200);
      seen.push_back(json::parse(r.body().read_all()));
      const std::string status = seen.back()["status"];
      if (status != "accepted" && status != "running") return seen;
      std::this_thread::sleep_for(every);
    }
    ADD_FAILURE() << "job " << job.id << " did not finish";
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

// The job a 201 names, as a client follows it: the Location without the server's base.
Job job_of(const http::Response& r) {
  const std::string base = "http://example.org", location(r[beast_http::field::location]);
  EXPECT_EQ(location.rfind(base + "/jobs/", 0), 0u) << location;
  Job job{"", location.substr(std::min(base.size(), location.size()))};
  const std::size_t end = std::min(job.location.find('?'), job.location.size());
  job.id = job.location.substr(6, end - 6);
  return job;
}

// Accepts a job; the job as its submitter knows it.
Job accept(const ServedApi& api, const std::string& process, const json& request, const From& from = {}) {
  http::Response r = api.execute(process, request, true, from);
  const std::string text = r.body().read_all();
  EXPECT_EQ(r.result_int(), 201) << text;
  json status = json::parse(text);
  Job job = job_of(r);
  EXPECT_EQ(job.id, status["jobID"]);
  EXPECT_EQ(std::string(r[beast_http::field::preference_applied]), "respond-async");
  return job;
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
  const Job job = job_of(accepted);
  const std::string id = first["jobID"];
  EXPECT_EQ(job.id, id);
  EXPECT_EQ(std::string(accepted[beast_http::field::preference_applied]), "respond-async");
  // An anonymous caller's job: the Location carries the job token the header gives.
  const std::string token(accepted["X-OneMap-Job-Token"]);
  EXPECT_EQ(token.size(), 32u);
  EXPECT_EQ(job.location, "/jobs/" + id + "?job_token=" + token);

  std::vector<json> seen = api.poll(job, 2ms);
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
                                    l["href"] == "http://example.org" + job.at("/results"));
  EXPECT_TRUE(results_link) << final;

  http::Response results = api.get(job.at("/results"));
  ASSERT_EQ(results.result_int(), 200);
  EXPECT_EQ(results.body().kind(), http::Payload::Kind::File);
  EXPECT_EQ(std::string(results[beast_http::field::content_type]), std::string(sync[beast_http::field::content_type]));
  EXPECT_TRUE(results.body().read_all() == expected) << "the job's result differs from the synchronous answer";

  // 304 for the ETag just given; 200 for another.
  const std::string etag(results[beast_http::field::etag]);
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');
  http::Response again = api.get(job.at("/results"), {{beast_http::field::if_none_match, etag}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_EQ(std::string(again[beast_http::field::etag]), etag);
  EXPECT_TRUE(again.body().read_all().empty());
  EXPECT_EQ(api.get(job.at("/results"), {{beast_http::field::if_none_match, "\"other\""}}).result_int(), 200);
}

TEST(JobsApi, DismissedRunningJobStopsWithinASecondAndFreesItsWorker) {
  ServedApi& api = big_city().api();
  const Job job = accept(api, "screening", kScreening);
  const auto give_up = std::chrono::steady_clock::now() + 60s;
  json status;
  do {
    status = body(api.get(job.at()));
    if (status["status"] == "running" && status["progress"].get<int>() > 0) break;
    std::this_thread::sleep_for(2ms);
  } while (std::chrono::steady_clock::now() < give_up);
  ASSERT_EQ(status["status"], "running") << "the job finished before it could be dismissed: " << status;

  http::Response dismissed = api.serve(beast_http::verb::delete_, job.at());
  ASSERT_EQ(dismissed.result_int(), 200);
  EXPECT_EQ(body(dismissed)["status"], "dismissed");
  const auto asked = std::chrono::steady_clock::now();
  while (api.pool().stats().running != 0 && std::chrono::steady_clock::now() - asked < 5s)
    std::this_thread::sleep_for(2ms);
  EXPECT_EQ(api.pool().stats().running, 0u);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 1s) << "the worker was not freed within a second";
  EXPECT_EQ(body(api.get(job.at()))["status"], "dismissed");
  http::Response results = api.get(job.at("/results"));
  EXPECT_EQ(results.result_int(), 404);
  EXPECT_EQ(body(results)["type"], kJobs + "no-such-job");
}

TEST(JobsApi, CsvJobResultCarriesTheDownloadName) {
  SmallCity city;
  ServedApi api(city.catalog, 2, 8);
  const json request = {{"inputs", {{"format", "csv"}}}};
  http::Response sync = api.execute("screening", request, false);
  ASSERT_EQ(sync.result_int(), 200);
  const Job job = accept(api, "screening", request);
  ASSERT_EQ(api.poll(job).back()["status"], "successful");
  http::Response results = api.get(job.at("/results"));
  ASSERT_EQ(results.result_int(), 200);
  EXPECT_EQ(std::string(results[beast_http::field::content_type]), "text/csv; charset=utf-8");
  EXPECT_EQ(std::string(results[beast_http::field::content_disposition]),
            std::string(sync[beast_http::field::content_disposition]));
  EXPECT_EQ(results.body().read_all(), sync.body().read_all());

  // A results document, too, is the same bytes as the synchronous one.
  const json document = {{"inputs", {{"zones", "townships"}}}, {"response", "document"}};
  http::Response sync_doc = api.execute("zonal-summary", document, false);
  const Job doc = accept(api, "zonal-summary", document);
  ASSERT_EQ(api.poll(doc).back()["status"], "successful");
  EXPECT_EQ(api.get(doc.at("/results")).body().read_all(), sync_doc.body().read_all());
}

TEST(JobsApi, BadInputIsA400AtOnceAndNoJob) {
  SmallCity city;
  const From admin{city.catalog.access.keys.add("admin", "2026-11-30T00:00:00Z")};  // sees every job
  ServedApi api(city.catalog, 2, 8);
  http::Response r = api.execute("screening", {{"inputs", {{"rules", {"R99"}}}}}, true);
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_NE(body(r)["description"].get<std::string>().find("R99"), std::string::npos);
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", {{"zones", "enterprises"}}}}, true).result_int(), 400);
  EXPECT_EQ(api.execute("within-distance", {{"inputs", {{"source", "enterprises"}}}}, true).result_int(), 400);
  EXPECT_EQ(body(api.get("/jobs", {}, admin))["jobs"].size(), 0u);
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
  const From admin{city.catalog.access.keys.add("admin", "2026-11-30T00:00:00Z")};  // sees every job
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
  EXPECT_EQ(body(api.get("/jobs", {}, admin))["jobs"].size(), 0u);
  release.set_value();
  while (api.pool().stats().running != 0) std::this_thread::sleep_for(1ms);
  const Job job = accept(api, "screening", kScreening);
  EXPECT_EQ(api.poll(job).back()["status"], "successful");
}

TEST(JobsApi, QueuedJobDismissedNeverRuns) {
  SmallCity city;
  ServedApi api(city.catalog, 1, 4);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(api.pool().try_submit([released] { released.wait(); }));
  const Job job = accept(api, "screening", kScreening);
  EXPECT_EQ(body(api.get(job.at()))["status"], "accepted");
  EXPECT_EQ(body(api.serve(beast_http::verb::delete_, job.at()))["status"], "dismissed");
  release.set_value();
  while (api.pool().stats().running != 0 || api.pool().stats().queued != 0) std::this_thread::sleep_for(1ms);
  json status = body(api.get(job.at()));
  EXPECT_EQ(status["status"], "dismissed");
  EXPECT_FALSE(status.contains("started")) << status;
}

TEST(JobsApi, ResultsExpire) {
  SmallCity city;
  city.catalog.server.job_results_ttl_s = 0.3;
  ServedApi api(city.catalog, 2, 8);
  const Job job = accept(api, "screening", kScreening);
  ASSERT_EQ(api.poll(job).back()["status"], "successful");
  const std::filesystem::path dir = api.api().jobs().dir();
  EXPECT_FALSE(std::filesystem::is_empty(dir));
  EXPECT_EQ(api.get(job.at("/results")).result_int(), 200);
  std::this_thread::sleep_for(500ms);
  http::Response gone = api.get(job.at());
  EXPECT_EQ(gone.result_int(), 404);
  EXPECT_EQ(body(gone)["type"], kJobs + "no-such-job");
  EXPECT_EQ(api.get(job.at("/results")).result_int(), 404);
  EXPECT_TRUE(std::filesystem::is_empty(dir)) << "the expired result is still on disk";
}

TEST(JobsApi, AResultOverTheBudgetFailsTheJobNamingTheSetting) {
  SmallCity city;
  city.catalog.server.job_results_mb = 0;  // no room for any result
  ServedApi api(city.catalog, 2, 8);
  const Job job = accept(api, "screening", kScreening);
  json final = api.poll(job).back();
  ASSERT_EQ(final["status"], "failed") << final;
  EXPECT_EQ(final["exception"]["status"], 503);
  EXPECT_NE(final["exception"]["detail"].get<std::string>().find("server.job_results_mb"), std::string::npos) << final;
  http::Response results = api.get(job.at("/results"));
  EXPECT_EQ(results.result_int(), 503);
  EXPECT_EQ(body(results)["limit"], "server.job_results_mb");
  EXPECT_TRUE(std::filesystem::is_empty(api.api().jobs().dir()));
}

TEST(JobsApi, FailedJobCarriesItsError) {
  SmallCity city;
  city.catalog.server.process_time_limit_s = 1e-9;  // over before it starts
  ServedApi api(city.catalog, 2, 8);
  const Job job = accept(api, "screening", kScreening);
  json final = api.poll(job).back();
  ASSERT_EQ(final["status"], "failed") << final;
  EXPECT_EQ(final["exception"]["title"], "TimeLimitExceeded");
  EXPECT_NE(final["exception"]["detail"].get<std::string>().find("process_time_limit_s"), std::string::npos);
  http::Response results = api.get(job.at("/results"));
  EXPECT_EQ(results.result_int(), 503);
  EXPECT_EQ(body(results)["code"], "TimeLimitExceeded");
}

TEST(JobsApi, ResultNotReadyWhileQueued) {
  SmallCity city;
  ServedApi api(city.catalog, 1, 4);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(api.pool().try_submit([released] { released.wait(); }));
  const Job job = accept(api, "zonal-summary", {{"inputs", json::object()}});
  http::Response r = api.get(job.at("/results"));
  EXPECT_EQ(r.result_int(), 404);
  EXPECT_EQ(body(r)["type"], kJobs + "result-not-ready");
  release.set_value();
  EXPECT_EQ(api.poll(job).back()["status"], "successful");
  EXPECT_EQ(api.get(job.at("/results")).result_int(), 200);
}

TEST(JobsApi, ResultsSurviveAReloadAndJobsHoldNoSnapshot) {
  SmallCity city;
  ServedApi api(city.catalog, 2, 8);
  std::weak_ptr<const store::Snapshot> first = api.snapshot();
  const Job job = accept(api, "screening", kScreening);
  ASSERT_EQ(api.poll(job).back()["status"], "successful");
  const std::string before = api.get(job.at("/results")).body().read_all();
  api.reload(city.catalog, 2);
  EXPECT_TRUE(first.expired()) << "a finished job still holds the snapshot it ran on";
  json status = body(api.get(job.at()));
  EXPECT_EQ(status["dataVersion"], 1);
  EXPECT_EQ(api.get(job.at("/results")).body().read_all(), before);
  const Job after = accept(api, "screening", kScreening);
  EXPECT_EQ(api.poll(after).back()["dataVersion"], 2);
}

TEST(JobsApi, JobListIsPagedNewestFirst) {
  SmallCity city;
  const From planner{city.catalog.access.keys.add("planner", "2026-11-30T00:00:00Z")};
  ServedApi api(city.catalog, 2, 8);
  std::vector<Job> jobs;
  for (int i = 0; i < 3; ++i) jobs.push_back(accept(api, "zonal-summary", {{"inputs", json::object()}}, planner));
  EXPECT_EQ(jobs[0].location, "/jobs/" + jobs[0].id) << "a key's job needs no job token";
  json page = body(api.get("/jobs?limit=2", {}, planner));
  ASSERT_EQ(page["jobs"].size(), 2u);
  EXPECT_EQ(page["jobs"][0]["jobID"], jobs[2].id);
  EXPECT_EQ(page["jobs"][1]["jobID"], jobs[1].id);
  EXPECT_EQ(page["numberMatched"], 3);
  std::string next, prev;
  for (const json& l : page["links"]) {
    if (l["rel"] == "next") next = l["href"];
    if (l["rel"] == "prev") prev = l["href"];
  }
  EXPECT_EQ(next, "http://example.org/jobs?limit=2&offset=2");
  EXPECT_TRUE(prev.empty());
  json rest = body(api.get("/jobs?limit=2&offset=2", {}, planner));
  ASSERT_EQ(rest["jobs"].size(), 1u);
  EXPECT_EQ(rest["jobs"][0]["jobID"], jobs[0].id);
  bool has_prev = false, has_next = false;
  for (const json& l : rest["links"])
    has_prev = has_prev || l["rel"] == "prev", has_next = has_next || l["rel"] == "next";
  EXPECT_TRUE(has_prev);
  EXPECT_FALSE(has_next);
  EXPECT_EQ(api.get("/jobs?limit=0", {}, planner).result_int(), 400);
  for (const Job& job : jobs) api.poll(job, 10ms, planner);
}

// P9b: anonymous callers shared one space: each saw, dismissed and fetched the others' jobs.
// Now each anonymous job is seen only with the token its 201 gave.
TEST(JobsApi, AnAnonymousCallerSeesOnlyTheJobsItsTokenNames) {
  SmallCity city;
  const From admin{city.catalog.access.keys.add("admin", "2026-11-30T00:00:00Z")};
  ServedApi api(city.catalog, 2, 8);
  const From a{"", "10.0.0.1"}, b{"", "10.0.0.2"};
  http::Response accepted = api.execute("zonal-summary", {{"inputs", json::object()}}, true, a);
  ASSERT_EQ(accepted.result_int(), 201);
  const Job job = job_of(accepted);
  const std::string token(accepted["X-OneMap-Job-Token"]);
  EXPECT_FALSE(token.empty());
  ASSERT_EQ(api.poll(job, 10ms, a).back()["status"], "successful");

  // B, without A's token (or with another), finds nothing of A's.
  const std::string bare = "/jobs/" + job.id;
  for (const std::string& target : {bare, bare + "/results", bare + "?job_token=" + std::string(32, '0')}) {
    http::Response r = api.get(target, {}, b);
    EXPECT_EQ(r.result_int(), 404) << target;
    EXPECT_EQ(body(r)["type"], kJobs + "no-such-job") << target;
  }
  EXPECT_EQ(api.serve(beast_http::verb::delete_, bare, "", {}, b).result_int(), 404);
  EXPECT_EQ(body(api.get("/jobs", {}, b))["jobs"].size(), 0u);
  EXPECT_EQ(body(api.get("/jobs", {}, a))["jobs"].size(), 0u) << "without its token A owns nothing either";
  // A second anonymous job's token does not open the first.
  const Job other = accept(api, "zonal-summary", {{"inputs", json::object()}}, b);
  const std::string other_query = other.location.substr(other.location.find('?'));
  EXPECT_EQ(api.get(bare + other_query, {}, b).result_int(), 404);

  // A, with its token, as the links give it or as the header.
  json status = body(api.get(job.at(), {}, a));
  EXPECT_EQ(status["status"], "successful");
  for (const json& l : status["links"])
    EXPECT_NE(l["href"].get<std::string>().find("job_token=" + token), std::string::npos) << l;
  EXPECT_EQ(api.get(job.at("/results"), {}, a).result_int(), 200);
  From a_by_header = a;
  a_by_header.headers = {{"X-OneMap-Job-Token", token}};
  EXPECT_EQ(api.get(bare + "/results", {}, a_by_header).result_int(), 200);
  json listed = body(api.get("/jobs?job_token=" + token, {}, a));
  ASSERT_EQ(listed["jobs"].size(), 1u);
  EXPECT_EQ(listed["jobs"][0]["jobID"], job.id);
  // Admin sees every job.
  EXPECT_EQ(api.get(bare, {}, admin).result_int(), 200);
  EXPECT_EQ(body(api.get("/jobs", {}, admin))["numberMatched"], 2);
  // Only A dismisses it.
  EXPECT_EQ(body(api.serve(beast_http::verb::delete_, job.at(), "", {}, a))["status"], "dismissed");
  api.poll(other, 10ms, b);
}

// P9b: 1,000 quick anonymous jobs evicted a keyed caller's finished result (the table held
// max_jobs and made room with the oldest finished job, anyone's).
TEST(JobsApi, QuickAnonymousJobsNeverEvictAKeyedCallersResult) {
  SmallCity city;
  city.catalog.server.max_jobs = 30;
  const From planner{city.catalog.access.keys.add("planner", "2026-11-30T00:00:00Z")};
  ServedApi api(city.catalog, 2, 8);
  const Job kept = accept(api, "zonal-summary", {{"inputs", json::object()}}, planner);
  ASSERT_EQ(api.poll(kept, 10ms, planner).back()["status"], "successful");
  const std::string expected = api.get(kept.at("/results"), {}, planner).body().read_all();

  std::map<unsigned, int> answers;
  for (int i = 0; i < 1000; ++i) {
    // From many addresses, as a crowd (or a botnet) would: no one client's bound stops it.
    const From anonymous{"", "10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250)};
    http::Response r = api.execute("zonal-summary", {{"inputs", json::object()}}, true, anonymous);
    ++answers[r.result_int()];
    if (r.result_int() == 201) api.poll(job_of(r), 1ms, anonymous);
  }
  http::Response results = api.get(kept.at("/results"), {}, planner);
  ASSERT_EQ(results.result_int(), 200) << "the keyed caller's result was evicted";
  EXPECT_EQ(results.body().read_all(), expected);
  EXPECT_EQ(answers[201], 29) << "the table holds 30 jobs";
  EXPECT_EQ(answers[503], 1000 - 29);
}

// One client's anonymous jobs are one share: its address's (behind a trusted proxy, the address
// the proxy names), bounded by server.max_jobs_per_owner (default 50).
TEST(JobsApi, OneClientsAnonymousJobsAreBoundedByItsAddress) {
  SmallCity city;
  city.catalog.server.trusted_proxies = {"10.0.0.9"};
  ServedApi api(city.catalog, 2, 64);
  const From client{"", "10.0.0.1"};
  std::vector<Job> jobs;
  for (int i = 0; i < 50; ++i) jobs.push_back(accept(api, "zonal-summary", {{"inputs", json::object()}}, client));
  http::Response over = api.execute("zonal-summary", {{"inputs", json::object()}}, true, client);
  EXPECT_EQ(over.result_int(), 429);
  EXPECT_FALSE(std::string(over[beast_http::field::retry_after]).empty());
  json problem = body(over);
  EXPECT_EQ(problem["limit"], "server.max_jobs_per_owner");
  EXPECT_EQ(problem["limit_value"], 50);
  // The same client through the proxy, or forging X-Forwarded-For itself: the same share.
  const From proxied{"", "10.0.0.9", {{"X-Forwarded-For", "10.0.0.1"}}};
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", json::object()}}, true, proxied).result_int(), 429);
  const From forging{"", "10.0.0.1", {{"X-Forwarded-For", "10.0.0.7"}}};
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", json::object()}}, true, forging).result_int(), 429);
  // Others are served: another address, another client behind the proxy (the last address it
  // appended counts, not what the client wrote before it).
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", json::object()}}, true, {"", "10.0.0.2"}).result_int(), 201);
  const From other_proxied{"", "10.0.0.9", {{"X-Forwarded-For", "10.0.0.1, 10.0.0.3"}}};
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", json::object()}}, true, other_proxied).result_int(), 201);
  // Every one of the 50 is still there.
  for (const Job& job : jobs) EXPECT_EQ(api.get(job.at(), {}, client).result_int(), 200) << job.id;
  // A job dismissed makes room.
  EXPECT_EQ(api.serve(beast_http::verb::delete_, jobs[0].at(), "", {}, client).result_int(), 200);
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", json::object()}}, true, client).result_int(), 201);
  while (api.pool().stats().running != 0 || api.pool().stats().queued != 0) std::this_thread::sleep_for(1ms);
}

TEST(JobsApi, AnonymousAsyncCanBeTurnedOff) {
  SmallCity city;
  city.catalog.server.anonymous_async = false;
  const From planner{city.catalog.access.keys.add("planner", "2026-11-30T00:00:00Z")};
  ServedApi api(city.catalog, 2, 8);
  http::Response refused = api.execute("zonal-summary", {{"inputs", json::object()}}, true);
  EXPECT_EQ(refused.result_int(), 403);
  EXPECT_NE(body(refused)["description"].get<std::string>().find("server.anonymous_async"), std::string::npos);
  EXPECT_EQ(api.execute("zonal-summary", {{"inputs", json::object()}}, false).result_int(), 200);
  const Job job = accept(api, "zonal-summary", {{"inputs", json::object()}}, planner);
  EXPECT_EQ(api.poll(job, 10ms, planner).back()["status"], "successful");
}

}  // namespace
}  // namespace onemap::testing
