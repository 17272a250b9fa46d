#include "jobs/job_registry.h"

#include "jobs/result_store.h"
#include "util/job_control.h"
#include "util/worker_pool.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>

namespace onemap::jobs {
namespace {

struct Entry {
  JobInfo info;
  std::uint64_t seq = 0;  // order of creation
  std::shared_ptr<util::StopFlag> flag = std::make_shared<util::StopFlag>();
  const util::JobControl* control = nullptr;  // while running, on the worker's stack
};

std::string new_job_id() {
  thread_local std::mt19937_64 random{
      std::random_device{}() ^ static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return out;
}

// 41000 → "41,000".
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string problem(const std::string& code, const std::string& description, unsigned status,
                    const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json body{{"code", code}, {"description", description}, {"status", status}};
  body.update(extra);
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

struct JobRegistry::State {
  using Entries = std::map<std::string, std::shared_ptr<Entry>>;

  JobSettings settings;
  mutable std::mutex mutex;
  std::condition_variable idle;  // running dropped to 0
  Entries entries;
  std::unique_ptr<ResultStore> store;
  std::uint64_t next_seq = 0;
  std::uint64_t bytes_kept = 0;
  unsigned running = 0;
  bool closing = false;

  // The status as shown now: a running job's progress and message read from its control.
  JobInfo view(Entry& e) const {
    if (e.info.status == JobStatus::Running && e.control) {
      const int percent = e.control->percent();
      util::JobControl::Progress p = e.control->progress();
      std::string message = p.stage.empty() ? "running" : p.stage;
      if (p.total) message += ": " + grouped(p.done) + " of " + grouped(p.total) + " " + p.unit;
      if (percent > e.info.progress || message != e.info.message) e.info.updated = std::chrono::system_clock::now();
      e.info.progress = std::max(e.info.progress, percent);
      e.info.message = std::move(message);
      if (!p.stage.empty()) e.info.stage = JobStage{p.stage, p.done, p.total, p.unit, p.stage_index, p.stage_count};
    } else if (e.info.status != JobStatus::Running) {
      e.info.stage.reset();
    }
    return e.info;
  }

  void drop_result(Entry& e) {
    if (!e.info.result) return;
    ResultStore::remove(*e.info.result);
    bytes_kept -= std::min(bytes_kept, e.info.result->bytes);
    e.info.result.reset();
  }

  // Finished jobs past their time to live go (with their results).
  void purge() {
    const Time now = std::chrono::system_clock::now();
    const auto ttl = std::chrono::duration_cast<std::chrono::system_clock::duration>(settings.results_ttl);
    for (auto it = entries.begin(); it != entries.end();) {
      Entry& e = *it->second;
      if (is_final(e.info.status) && e.info.finished && *e.info.finished + ttl < now) {
        drop_result(e);
        it = entries.erase(it);
      } else {
        ++it;
      }
    }
  }

  // The finished job that `fits` and finished longest ago, other than `keep`; end(): none.
  template <class Fits>
  Entries::iterator oldest_finished(const Fits& fits, const Entry* keep = nullptr) {
    auto best = entries.end();
    for (auto it = entries.begin(); it != entries.end(); ++it) {
      const Entry& e = *it->second;
      if (&e == keep || !is_final(e.info.status) || !e.info.finished || !fits(e.info)) continue;
      if (best == entries.end() || *e.info.finished < *best->second->info.finished) best = it;
    }
    return best;
  }

  // A share's jobs that count against max_jobs_per_owner: all kept but the dismissed.
  static bool counts(const JobInfo& j) { return j.status != JobStatus::Dismissed; }
  std::size_t share_count(const std::string& share) const {
    return static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [&](const auto& kv) {
      return kv.second->info.share == share && counts(kv.second->info);
    }));
  }

  // When the share's first finished job expires; 0: none of its jobs has finished.
  std::chrono::seconds share_frees_in(const std::string& share) const {
    std::optional<Time> first;
    for (const auto& [id, e] : entries)
      if (e->info.share == share && counts(e->info) && is_final(e->info.status) && e->info.finished &&
          (!first || *e->info.finished < *first))
        first = e->info.finished;
    if (!first) return std::chrono::seconds(0);
    const auto left = *first + std::chrono::duration_cast<std::chrono::system_clock::duration>(settings.results_ttl) -
                      std::chrono::system_clock::now();
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
  }

  void evict(Entries::iterator it) {
    drop_result(*it->second);
    entries.erase(it);
  }

  // Room in the results budget for `bytes` more of `e`'s: results past their time go, then the
  // owner's own oldest; never another owner's before its time. False: it does not fit.
  bool make_room(const Entry& e, std::uint64_t bytes) {
    purge();
    while (bytes_kept + bytes > settings.results_bytes) {
      auto victim = oldest_finished([&](const JobInfo& j) { return j.owner == e.info.owner && j.result; }, &e);
      if (victim == entries.end()) return false;
      evict(victim);
    }
    return true;
  }

  void run(const std::shared_ptr<Entry>& entry, Work& work, std::chrono::duration<double> limit);
};

void JobRegistry::State::run(const std::shared_ptr<Entry>& entry, Work& work, std::chrono::duration<double> limit) {
  {
    std::lock_guard lock(mutex);
    // Dismissed while queued, or the server is stopping: it never runs.
    if (closing || entry->info.status != JobStatus::Accepted || entry->flag->stopped()) return;
    entry->info.status = JobStatus::Running;
    entry->info.started = entry->info.updated = std::chrono::system_clock::now();
    entry->info.message = "running";
    ++running;
  }
  // The clock starts when a worker takes the job, as for synchronous processes.
  util::JobControl control(entry->flag, util::JobControl::Clock::now() +
                                            std::chrono::duration_cast<util::JobControl::Clock::duration>(limit));
  util::JobScope scope(&control);
  {
    std::lock_guard lock(mutex);
    entry->control = &control;
  }
  JobStatus outcome = JobStatus::Failed;
  std::optional<JobResult> result;
  std::string error_body;
  unsigned error_status = 0;
  try {
    http::Response res = work();
    work = nullptr;  // what it captured (the snapshot) goes; a streamed body still holds it
    if (res.result_int() < 300) {
      result = store->write(entry->info.id, res.body());
      result->content_type = std::string(res[http::beast_http::field::content_type]);
      result->content_disposition = std::string(res[http::beast_http::field::content_disposition]);
      outcome = JobStatus::Successful;
    } else {
      error_body = res.body().read_all();
      error_status = res.result_int();
    }
  } catch (const util::Stopped& stopped) {
    // Work that lets a stop escape (process work turns its stops, the time limit's included,
    // into the answer it returns).
    error_status = 503;
    error_body = problem("ServiceUnavailable", std::string("stopped: ") + stopped.what(), error_status);
  } catch (const std::exception& e) {
    spdlog::error("job {} ({}) failed: {}", entry->info.id, entry->info.process_id, e.what());
    error_status = 500;
    error_body = problem("InternalError", "the job failed; the server log has the details", error_status);
  }
  work = nullptr;

  std::lock_guard lock(mutex);
  entry->control = nullptr;
  const Time now = std::chrono::system_clock::now();
  entry->info.updated = now;
  if (entry->info.status == JobStatus::Dismissed || entry->flag->reason() == util::StopReason::Dismissed) {
    if (result) ResultStore::remove(*result);
    entry->info.status = JobStatus::Dismissed;
    entry->info.message = "dismissed";
    if (!entry->info.finished) entry->info.finished = now;
  } else {
    entry->info.finished = now;
    if (outcome == JobStatus::Successful && !make_room(*entry, result->bytes)) {
      spdlog::warn("job {} ({}): its result of {} bytes does not fit in server.job_results_mb; the job fails",
                   entry->info.id, entry->info.process_id, result->bytes);
      ResultStore::remove(*result);
      outcome = JobStatus::Failed;
      error_status = 503;
      error_body =
          problem("ServiceUnavailable",
                  "the job's result does not fit: the server keeps as many job results as it may "
                  "(server.job_results_mb) and those of others are not yet expired; run it again later, "
                  "or synchronously",
                  error_status, {{"limit", "server.job_results_mb"}, {"limit_value", settings.results_bytes >> 20}});
    }
    entry->info.status = outcome;
    if (outcome == JobStatus::Successful) {
      entry->info.progress = 100;
      entry->info.message = "done";
      entry->info.result = result;
      bytes_kept += result->bytes;
    } else {
      entry->info.message = "failed";
      entry->info.error_body = std::move(error_body);
      entry->info.error_status = error_status;
    }
  }
  if (--running == 0) idle.notify_all();
}

JobRegistry::JobRegistry(util::WorkerPool* pool, const JobSettings& settings)
    : pool_(pool), state_(std::make_shared<State>()) {
  state_->settings = settings;
  state_->store = std::make_unique<ResultStore>(settings.dir);
}

JobRegistry::~JobRegistry() {
  stop_all();
  std::unique_lock lock(state_->mutex);
  state_->idle.wait(lock, [&] { return state_->running == 0; });
  for (auto& [id, e] : state_->entries) state_->drop_result(*e);
  state_->entries.clear();
  state_->store.reset();  // a directory of our own goes with it
}

void JobRegistry::stop_all() {
  std::lock_guard lock(state_->mutex);
  state_->closing = true;
  for (auto& [id, e] : state_->entries) e->flag->stop(util::StopReason::Shutdown);
}

const std::filesystem::path& JobRegistry::dir() const { return state_->store->dir(); }

JobRegistry::Submitted JobRegistry::submit(std::string process_id, std::uint64_t data_version,
                                           std::chrono::duration<double> time_limit, Work work, std::string owner,
                                           std::string share) {
  auto entry = std::make_shared<Entry>();
  {
    std::lock_guard lock(state_->mutex);
    State& st = *state_;
    st.purge();
    if (share.empty()) share = owner;
    // The share's bound: room only by the owner's own oldest finished job.
    const auto own = [&](const JobInfo& j) { return j.owner == owner && State::counts(j); };
    while (st.share_count(share) >= st.settings.max_jobs_per_owner) {
      auto victim = st.oldest_finished(own);
      if (victim == st.entries.end()) return {std::nullopt, Refusal::OwnerFull, st.share_frees_in(share)};
      st.evict(victim);
    }
    // The table's: a dismissed job (anyone's: it holds nothing), else the owner's own.
    while (st.entries.size() >= st.settings.max_jobs) {
      auto victim = st.oldest_finished([](const JobInfo& j) { return j.status == JobStatus::Dismissed; });
      if (victim == st.entries.end()) victim = st.oldest_finished([&](const JobInfo& j) { return j.owner == owner; });
      if (victim == st.entries.end()) return {std::nullopt, Refusal::TooManyJobs};
      st.evict(victim);
    }
    entry->info.id = new_job_id();
    entry->info.process_id = std::move(process_id);
    entry->info.data_version = data_version;
    entry->info.owner = std::move(owner);
    entry->info.share = std::move(share);
    entry->info.created = entry->info.updated = std::chrono::system_clock::now();
    entry->info.message = "queued";
    entry->seq = state_->next_seq++;
    state_->entries.emplace(entry->info.id, entry);
  }
  JobInfo accepted = entry->info;
  auto task = [state = state_, entry, work = std::move(work), time_limit]() mutable {
    state->run(entry, work, time_limit);
  };
  if (!pool_) {
    task();
  } else if (!pool_->try_submit(std::move(task))) {
    std::lock_guard lock(state_->mutex);
    state_->entries.erase(accepted.id);
    return {std::nullopt, Refusal::QueueFull};
  }
  return {accepted, Refusal::None};
}

std::optional<JobInfo> JobRegistry::status(const std::string& id) const {
  std::lock_guard lock(state_->mutex);
  state_->purge();
  auto it = state_->entries.find(id);
  if (it == state_->entries.end()) return std::nullopt;
  return state_->view(*it->second);
}

JobRegistry::Page JobRegistry::list(std::size_t offset, std::size_t limit, const std::string* owner) const {
  std::lock_guard lock(state_->mutex);
  state_->purge();
  std::vector<Entry*> all;
  for (auto& [id, e] : state_->entries)
    if (!owner || e->info.owner == *owner) all.push_back(e.get());
  std::sort(all.begin(), all.end(), [](const Entry* a, const Entry* b) { return a->seq > b->seq; });
  Page page;
  page.total = all.size();
  for (std::size_t i = offset; i < all.size() && page.jobs.size() < limit; ++i)
    page.jobs.push_back(state_->view(*all[i]));
  return page;
}

std::optional<JobInfo> JobRegistry::dismiss(const std::string& id) {
  std::lock_guard lock(state_->mutex);
  state_->purge();
  auto it = state_->entries.find(id);
  if (it == state_->entries.end()) return std::nullopt;
  Entry& e = *it->second;
  e.flag->stop(util::StopReason::Dismissed);
  const Time now = std::chrono::system_clock::now();
  if (e.info.status != JobStatus::Dismissed) {
    // A running job stops at its next checkpoint; the status says so at once.
    e.info.message = e.info.status == JobStatus::Running ? "dismissed; stopping" : "dismissed";
    e.info.status = JobStatus::Dismissed;
    e.info.updated = now;
    if (!e.info.finished) e.info.finished = now;
  }
  state_->drop_result(e);
  return e.info;
}

std::optional<JobRegistry::Results> JobRegistry::results(const std::string& id) const {
  std::lock_guard lock(state_->mutex);
  state_->purge();
  auto it = state_->entries.find(id);
  if (it == state_->entries.end()) return std::nullopt;
  Results out{state_->view(*it->second), nullptr};
  if (out.info.status == JobStatus::Successful && out.info.result) {
    try {
      out.file = std::make_shared<const http::BodyFile>(out.info.result->file);
    } catch (const std::exception& e) {
      spdlog::error("job {}: its result is gone: {}", id, e.what());
    }
  }
  return out;
}

}  // namespace onemap::jobs
