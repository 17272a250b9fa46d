#include "store/reloader.h"

#include "catalog/secrets.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <future>

namespace onemap::store {

Reloader::Reloader(SnapshotHolder& data, CatalogSource source) : data_(data), source_(std::move(source)) {
  requests_ = std::thread([this] {
    std::unique_lock lock(request_mutex_);
    for (;;) {
      request_cv_.wait(lock, [this] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
      lock.unlock();
      reload();  // logs its outcome; a refusal keeps the data serving
      lock.lock();
    }
  });
}

Reloader::~Reloader() {
  {
    std::lock_guard lock(request_mutex_);
    stopping_ = true;
  }
  request_cv_.notify_all();
  requests_.join();
}

void Reloader::request_reload() {
  {
    std::lock_guard lock(request_mutex_);
    if (requested_) {
      spdlog::info("reload asked again before the last ask began: one reload will read both");
      return;
    }
    requested_ = true;
  }
  request_cv_.notify_all();
}

Reloader::Outcome Reloader::reload() {
  return run([&](const Snapshot& current) { return load_snapshot(source_(), current.version + 1); }, reloads_, refused_,
             "reload");
}

Reloader::Outcome Reloader::reload_layers(const std::vector<std::string>& ids) {
  std::string names;
  for (const std::string& id : ids) names += (names.empty() ? "'" : ", '") + id + "'";
  return run([&](const Snapshot& current) { return store::reload_layers(current, ids); }, layer_reloads_,
             layer_reloads_refused_, "reload of layer" + std::string(ids.size() == 1 ? " " : "s ") + names);
}

Reloader::Outcome Reloader::run(const Build& build, std::atomic<std::uint64_t>& done,
                                std::atomic<std::uint64_t>& refused, const std::string& what) {
  std::lock_guard lock(mutex_);
  const auto started = std::chrono::steady_clock::now();
  const std::shared_ptr<const Snapshot> current = data_.get();
  std::shared_ptr<const Snapshot> next;
  std::string error;
  std::promise<void> loaded;
  // Never refused: reloads run one at a time (mutex_), so the queue is always empty.
  loader_.try_submit([&] {  // on a pool thread, already at the pool's lower priority
    try {
      next = build(*current);
    } catch (const std::exception& e) {
      error = catalog::mask_secrets(e.what());
    }
    loaded.set_value();
  });
  loaded.get_future().wait();

  Outcome out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.version = current->version;
  out.fingerprint = current->data_fingerprint;
  if (!next && error.empty()) {
    out.unchanged = true;
    spdlog::info("{}: nothing changed, still serving data version {}", what, current->version);
    return out;
  }
  if (!next) {
    ++refused;
    out.message = error;
    spdlog::error("{} refused, still serving data version {}: {}", what, current->version, out.message);
    return out;
  }
  data_.replace(next);
  for (const auto& listener : listeners_) listener(*next);
  ++done;
  out.reloaded = true;
  out.version = next->version;
  out.fingerprint = next->data_fingerprint;
  spdlog::info("{} done in {:.2f} s: data version {} ({} layers, fingerprint {})", what, out.seconds, next->version,
               next->layers.size(), next->data_fingerprint);
  return out;
}

}  // namespace onemap::store
