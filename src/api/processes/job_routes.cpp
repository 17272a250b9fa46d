// OGC API – Processes Part 1, asynchronous execution: accepting a job (201 + Location), the job
// list (/jobs, conformance class job-list), a job's status (/jobs/{id}), dismissing it (DELETE,
// class dismiss) and its results (/jobs/{id}/results), served from the file the job wrote.
//
// A job is seen only by its owner (and admin): the API key that submitted it, or for an
// anonymous caller the job token handed out with the 201 — a random value of its own per job,
// presented as X-OneMap-Job-Token or ?job_token= (the links and Location given carry it).
#include "api/base_url.h"
#include "api/errors.h"
#include "api/processes/processes.h"
#include "api/routes.h"
#include "auth/crypto.h"
#include "http/cached_body.h"
#include "jobs/job_registry.h"
#include "util/clock.h"
#include "util/text.h"

#include <algorithm>

namespace onemap::api {
namespace {

using nlohmann::json;

const char* const kExceptions = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";
const char* const kResultsRel = "http://www.opengis.net/def/rel/ogc/1.0/results";
constexpr std::size_t kDefaultLimit = 10, kMaxLimit = 1000;

jobs::JobRegistry& registry(const RequestContext& ctx) { return ctx.services.jobs; }

ApiError no_such_job(const std::string& id) {
  return NotFound("no job '" + id.substr(0, 100) +
                  "' of yours (unknown, expired and removed, or another caller's; an anonymous caller presents "
                  "the job's token as X-OneMap-Job-Token or job_token=); GET /jobs lists yours")
      .with_type(std::string(kExceptions) + "no-such-job");
}

// `token=` is the signed URL credential, so the job token's parameter has a name of its own.
const std::string kJobTokenParam = "job_token";

// A job's owner as the table keeps it: "key:{key id}", or "token:{SHA-256 of the job token}"
// (the table keeps no token a memory dump or a log of it could hand to another caller).
std::string key_owner(const std::string& key_id) { return "key:" + key_id; }
std::string token_owner(std::string_view token) { return "token:" + auth::to_hex(auth::sha256(token)); }

// The job token the request presents (header first); empty: none.
std::string presented_job_token(const RequestContext& ctx) {
  const auto header = ctx.request.find(kJobTokenHeader);
  if (header != ctx.request.end()) return std::string(util::trim(header->value()));
  const std::string* param = ctx.param(kJobTokenParam);
  return param ? *param : std::string();
}

// The owner whose jobs the caller sees: its key's; anonymous, its job token's; empty: none.
std::string caller_owner(const RequestContext& ctx) {
  if (!ctx.caller.key_id.empty()) return key_owner(ctx.caller.key_id);
  const std::string token = presented_job_token(ctx);
  return token.empty() ? std::string() : token_owner(token);
}

bool owns(const RequestContext& ctx, const jobs::JobInfo& job) {
  if (ctx.caller.role == catalog::kAdminRole) return true;
  const std::string owner = caller_owner(ctx);
  return !owner.empty() && job.owner == owner;
}

// The job token the links given to this caller carry: an anonymous caller's own.
std::string link_job_token(const RequestContext& ctx) {
  return ctx.caller.key_id.empty() ? presented_job_token(ctx) : std::string();
}

// A URL of the job routes the caller can follow: with its URL token, and its job token if any.
std::string job_url(const RequestContext& ctx, const std::string& path, const std::string& job_token) {
  std::string url = ctx.with_token(ctx.base_url + path);
  if (!job_token.empty())
    url += (url.find('?') == std::string::npos ? "?" : "&") + kJobTokenParam + "=" + percent_encode(job_token);
  return url;
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

// `job_token`: what the links carry (an anonymous caller's token of this job).
json status_json(const RequestContext& ctx, const jobs::JobInfo& j, const std::string& job_token) {
  const std::string path = "/jobs/" + j.id;
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
  json links = json::array({make_link(job_url(ctx, path, job_token), "self", "application/json", "this job's status"),
                            make_link(job_url(ctx, "/jobs", job_token), "up", "application/json", "the job list")});
  if (j.status == jobs::JobStatus::Successful && j.result)
    links.push_back(
        make_link(job_url(ctx, path + "/results", job_token), kResultsRel, j.result->content_type, "the job's result"));
  out["links"] = std::move(links);
  return out;
}

}  // namespace

http::Response accept_job(const RequestContext& ctx, std::shared_ptr<const Execution> execution) {
  jobs::JobRegistry& jobs = registry(ctx);
  const catalog::ServerSettings& server = ctx.snapshot->catalog.server;
  const bool anonymous = ctx.caller.key_id.empty();
  if (anonymous && !server.anonymous_async)
    throw Forbidden(
        "this server runs asynchronous jobs for API keys only (server.anonymous_async is false); send an API key, "
        "or run the process synchronously (without Prefer: respond-async)");
  // An anonymous job is an owner of its own: a token only its submitter learns. Its bound is
  // the client's address, so one client's many jobs cannot fill the table.
  const std::string job_token = anonymous ? auth::to_hex(auth::random_bytes(16)) : std::string();
  const std::string owner = anonymous ? token_owner(job_token) : key_owner(ctx.caller.key_id);
  std::string share;  // a key's jobs: the key's own
  if (anonymous) {
    const std::string address = client_address(ctx.request, ctx.remote_address, server);
    share = "address:" + (address.empty() ? std::string(ctx.remote_address) : address);  // untold: the peer's
  }
  // What the work reads once a worker takes it: its own copies (the request goes when the 201
  // is sent), the snapshot it was accepted on, and the Api's services (the registry, which runs
  // the work, never outlives the Api).
  auto request = std::make_shared<const http::Request>(ctx.request);
  jobs::JobRegistry::Work work = [execution, request, snapshot = ctx.snapshot, target = ctx.target,
                                  base_url = ctx.base_url, services = &ctx.services, caller = ctx.caller]() {
    RequestContext c{.request = *request,
                     .snapshot = snapshot,
                     .target = target,
                     .base_url = base_url,
                     .route = "jobs.run",
                     .remote_address = {},
                     .caller = caller,
                     .visible = store::LayerSet(*snapshot, caller.role),
                     .services = *services};
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
      jobs.submit(execution->process->id, ctx.snapshot->version, limit, std::move(work), owner, share);
  using Refusal = jobs::JobRegistry::Refusal;
  if (submitted.refusal == Refusal::OwnerFull) {
    // 429, not 503: this caller's share is full, the server is not; others are served.
    const auto wait = static_cast<unsigned>(submitted.retry_after.count());
    throw TooManyRequests("you have as many jobs kept as one caller may (server.max_jobs_per_owner: " +
                              std::to_string(server.max_jobs_per_owner) +
                              (anonymous ? ", counted per client address for anonymous callers" : "") +
                              "), unfinished or not yet expired; dismiss one (DELETE /jobs/{jobId}) or try again later",
                          wait > 0 ? wait : kRetryAfterSeconds, "server.max_jobs_per_owner", server.max_jobs_per_owner);
  }
  if (submitted.refusal == Refusal::TooManyJobs)
    throw ServiceUnavailable(
        "the server keeps as many jobs as it may (server.max_jobs), none of which may make room before it "
        "expires; try again shortly",
        kRetryAfterSeconds);
  if (!submitted.job) throw queue_full_error();
  // Without a pool the job has run already: show it as it is now.
  jobs::JobInfo info = jobs.status(submitted.job->id).value_or(*submitted.job);
  http::Response res = json_response(ctx, status_json(ctx, info, job_token));
  res.result(http::beast_http::status::created);
  res.set(http::beast_http::field::location, job_url(ctx, "/jobs/" + info.id, job_token));
  if (anonymous) res.set(kJobTokenHeader, job_token);
  res.set(http::beast_http::field::preference_applied, "respond-async");
  return res;
}

http::Response job_list(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f", "limit", "offset", kJobTokenParam});
  require_format(ctx, {"json"});
  const std::size_t limit = std::min(unsigned_param(ctx, "limit", kDefaultLimit, 1), kMaxLimit);
  const std::size_t offset = unsigned_param(ctx, "offset", 0, 0);
  const bool admin = ctx.caller.role == catalog::kAdminRole;
  const std::string owner = caller_owner(ctx);
  jobs::JobRegistry& jobs = registry(ctx);
  // An anonymous caller without a job token owns no job.
  jobs::JobRegistry::Page page = admin           ? jobs.list(offset, limit)
                                 : owner.empty() ? jobs::JobRegistry::Page{}
                                                 : jobs.list(offset, limit, &owner);
  const std::string job_token = link_job_token(ctx);
  json list = json::array();
  for (const jobs::JobInfo& j : page.jobs) list.push_back(status_json(ctx, j, job_token));
  auto page_url = [&](std::size_t at) {
    return job_url(ctx, "/jobs?limit=" + std::to_string(limit) + "&offset=" + std::to_string(at), job_token);
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
  reject_unknown_params(ctx.target.params, {"f", kJobTokenParam});
  require_format(ctx, {"json"});
  std::optional<jobs::JobInfo> j = registry(ctx).status(id);
  if (!j || !owns(ctx, *j)) throw no_such_job(id);
  return json_response(ctx, status_json(ctx, *j, link_job_token(ctx)));
}

http::Response job_dismiss(const RequestContext& ctx, const std::string& id) {
  reject_unknown_params(ctx.target.params, {"f", kJobTokenParam});
  if (std::optional<jobs::JobInfo> j = registry(ctx).status(id); !j || !owns(ctx, *j)) throw no_such_job(id);
  std::optional<jobs::JobInfo> j = registry(ctx).dismiss(id);
  if (!j) throw no_such_job(id);
  return json_response(ctx, status_json(ctx, *j, link_job_token(ctx)));
}

http::Response job_results(const RequestContext& ctx, const std::string& id) {
  reject_unknown_params(ctx.target.params, {"f", kJobTokenParam});
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
  if (inm != ctx.request.end() && http::etag_matches(inm->value(), result.etag)) {
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
