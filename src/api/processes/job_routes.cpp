// OGC API – Processes Part 1, asynchronous execution: accepting a job (201 + Location), the job
// list (/jobs, conformance class job-list), a job's status (/jobs/{id}), dismissing it (DELETE,
// class dismiss) and its results (/jobs/{id}/results), served from the file the job wrote.
#include "api/errors.h"
#include "api/processes/processes.h"
#include "api/routes.h"
#include "api/tiles/tile_response.h"
#include "jobs/job_registry.h"
#include "util/clock.h"

#include <algorithm>

namespace onemap::api {
namespace {

using nlohmann::json;

const char* const kExceptions = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";
const char* const kResultsRel = "http://www.opengis.net/def/rel/ogc/1.0/results";
constexpr std::size_t kDefaultLimit = 10, kMaxLimit = 1000;

jobs::JobRegistry& registry(const RequestContext& ctx) {
  if (!ctx.jobs) throw NotFound("this server keeps no jobs");
  return *ctx.jobs;
}

ApiError no_such_job(const std::string& id) {
  return NotFound("no job '" + id.substr(0, 100) + "' (unknown, or expired and removed); GET /jobs lists the jobs kept")
      .with_type(std::string(kExceptions) + "no-such-job");
}

// The problem JSON of a failed job as an OGC exception: type, title, status, detail.
json exception_json(const jobs::JobInfo& j) {
  json problem = json::parse(j.error_body, nullptr, false);
  if (!problem.is_object()) problem = {{"description", j.error_body}};
  json out = {{"type", problem.value("type", std::string(kExceptions) + "job-failed")},
              {"title", problem.value("code", std::string("JobFailed"))},
              {"status", j.error_status},
              {"detail", problem.value("description", std::string())}};
  return out;
}

json status_json(const RequestContext& ctx, const jobs::JobInfo& j) {
  const std::string url = ctx.base_url + "/jobs/" + j.id;
  json out = {{"jobID", j.id},
              {"processID", j.process_id},
              {"type", "process"},
              {"status", jobs::to_string(j.status)},
              {"message", j.message},
              {"created", util::rfc3339(j.created)},
              {"updated", util::rfc3339(j.updated)},
              {"progress", j.progress},
              {"dataVersion", j.data_version}};
  if (j.stage)
    out["x-onemap-stage"] = {{"name", j.stage->name}, {"done", j.stage->done},   {"total", j.stage->total},
                             {"unit", j.stage->unit}, {"index", j.stage->index}, {"count", j.stage->count}};
  if (j.started) out["started"] = util::rfc3339(*j.started);
  if (j.finished) out["finished"] = util::rfc3339(*j.finished);
  if (j.status == jobs::JobStatus::Failed) out["exception"] = exception_json(j);
  json links = json::array({make_link(url, "self", "application/json", "this job's status"),
                            make_link(ctx.base_url + "/jobs", "up", "application/json", "the job list")});
  if (j.status == jobs::JobStatus::Successful && j.result)
    links.push_back(make_link(url + "/results", kResultsRel, j.result->content_type, "the job's result"));
  out["links"] = std::move(links);
  return out;
}

// A job exists for the key that submitted it (anonymous jobs for anonymous callers) and for admin.
bool owns(const RequestContext& ctx, const jobs::JobInfo& job) {
  return job.owner == ctx.caller.key_id || ctx.caller.role == catalog::kAdminRole;
}

}  // namespace

http::Response accept_job(const RequestContext& ctx, std::shared_ptr<const Execution> execution) {
  jobs::JobRegistry& jobs = registry(ctx);
  // What the work reads once a worker takes it: its own copies (the request goes when the 201
  // is sent), and the snapshot it was accepted on.
  auto request = std::make_shared<const http::Request>(ctx.request);
  jobs::JobRegistry::Work work = [execution, request, snapshot = ctx.snapshot, target = ctx.target,
                                  base_url = ctx.base_url, cache = ctx.tile_cache, workers = ctx.workers,
                                  caller = ctx.caller]() {
    RequestContext c{.request = *request,
                     .snapshot = snapshot,
                     .target = target,
                     .base_url = base_url,
                     .tile_cache = cache,
                     .route = "jobs.run",
                     .workers = workers,
                     .jobs = nullptr,
                     .assets = nullptr,
                     .exports = nullptr,
                     .metrics = nullptr,
                     .reloader = nullptr,
                     .remote_address = {},
                     .caller = caller,
                     .visible = store::LayerSet(*snapshot, caller.role)};
    try {
      return run_execution(c, *execution);
    } catch (const ApiError& e) {
      return problem_response(e, request->version(), false);
    } catch (const util::Stopped& stopped) {
      return problem_response(stopped_error(stopped.reason(), snapshot->catalog.server.process_time_limit_s),
                              request->version(), false);
    }
  };
  const auto limit = std::chrono::duration<double>(ctx.snapshot->catalog.server.process_time_limit_s);
  jobs::JobRegistry::Submitted submitted =
      jobs.submit(execution->process->id, ctx.snapshot->version, limit, std::move(work), ctx.caller.key_id);
  if (submitted.refusal == jobs::JobRegistry::Refusal::TooManyJobs)
    throw ServiceUnavailable("the server keeps as many unfinished jobs as it may (server.max_jobs); try again shortly",
                             kRetryAfterSeconds);
  if (!submitted.job) throw queue_full_error();
  // Without a pool the job has run already: show it as it is now.
  jobs::JobInfo info = jobs.status(submitted.job->id).value_or(*submitted.job);
  http::Response res = json_response(ctx, status_json(ctx, info));
  res.result(http::beast_http::status::created);
  res.set(http::beast_http::field::location, ctx.base_url + "/jobs/" + info.id);
  res.set(http::beast_http::field::preference_applied, "respond-async");
  return res;
}

http::Response job_list(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f", "limit", "offset"});
  require_format(ctx, {"json"});
  const std::size_t limit = std::min(unsigned_param(ctx, "limit", kDefaultLimit, 1), kMaxLimit);
  const std::size_t offset = unsigned_param(ctx, "offset", 0, 0);
  const bool admin = ctx.caller.role == catalog::kAdminRole;
  jobs::JobRegistry::Page page = registry(ctx).list(offset, limit, admin ? nullptr : &ctx.caller.key_id);
  json list = json::array();
  for (const jobs::JobInfo& j : page.jobs) list.push_back(status_json(ctx, j));
  auto page_url = [&](std::size_t at) {
    return ctx.base_url + "/jobs?limit=" + std::to_string(limit) + "&offset=" + std::to_string(at);
  };
  json links = json::array({make_link(page_url(offset), "self", "application/json", "this page of jobs")});
  if (offset + page.jobs.size() < page.total)
    links.push_back(make_link(page_url(offset + limit), "next", "application/json", "the next page"));
  if (offset > 0)
    links.push_back(
        make_link(page_url(offset > limit ? offset - limit : 0), "prev", "application/json", "the previous page"));
  return json_response(
      ctx, {{"jobs", list}, {"numberMatched", page.total}, {"numberReturned", page.jobs.size()}, {"links", links}});
}

http::Response job_status(const RequestContext& ctx, const std::string& id) {
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  std::optional<jobs::JobInfo> j = registry(ctx).status(id);
  if (!j || !owns(ctx, *j)) throw no_such_job(id);
  return json_response(ctx, status_json(ctx, *j));
}

http::Response job_dismiss(const RequestContext& ctx, const std::string& id) {
  reject_unknown_params(ctx.target.params, {"f"});
  if (std::optional<jobs::JobInfo> j = registry(ctx).status(id); !j || !owns(ctx, *j)) throw no_such_job(id);
  std::optional<jobs::JobInfo> j = registry(ctx).dismiss(id);
  if (!j) throw no_such_job(id);
  return json_response(ctx, status_json(ctx, *j));
}

http::Response job_results(const RequestContext& ctx, const std::string& id) {
  reject_unknown_params(ctx.target.params, {"f"});
  std::optional<jobs::JobRegistry::Results> r = registry(ctx).results(id);
  if (!r || r->info.status == jobs::JobStatus::Dismissed || !owns(ctx, r->info)) throw no_such_job(id);
  const jobs::JobInfo& j = r->info;
  if (j.status == jobs::JobStatus::Failed) {
    http::Response res =
        make_response(ctx, j.error_body, "application/json", static_cast<http::beast_http::status>(j.error_status));
    return res;
  }
  if (j.status != jobs::JobStatus::Successful || !r->file) {
    throw NotFound("job '" + id.substr(0, 100) + "' is " + jobs::to_string(j.status) + " (" +
                   std::to_string(j.progress) + "%); its result is not ready yet: poll GET /jobs/" + id.substr(0, 100))
        .with_type(std::string(kExceptions) + "result-not-ready");
  }
  const jobs::JobResult& result = *j.result;
  auto inm = ctx.request.find(http::beast_http::field::if_none_match);
  if (inm != ctx.request.end() && etag_matches(inm->value(), result.etag)) {
    http::Response res = make_response(ctx, std::string(), result.content_type, http::beast_http::status::not_modified);
    res.erase(http::beast_http::field::content_type);
    res.set(http::beast_http::field::etag, result.etag);
    return res;
  }
  http::Response res = make_response(ctx, http::Payload::file(r->file), result.content_type);
  if (!result.content_disposition.empty())
    res.set(http::beast_http::field::content_disposition, result.content_disposition);
  res.set(http::beast_http::field::etag, result.etag);
  return res;
}

}  // namespace onemap::api
