#include "store/reloader.h"

#include "catalog/secrets.h"

#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <chrono>
#include <exception>
#include <thread>

namespace onemap::store {
namespace {

// Nice +10 for the calling thread; the threads it starts inherit it (Linux keeps the nice
// value per thread).
void lower_priority() { setpriority(PRIO_PROCESS, 0, 10); }

}  // namespace

Reloader::Outcome Reloader::reload() {
  std::lock_guard lock(mutex_);
  const auto started = std::chrono::steady_clock::now();
  const std::shared_ptr<const Snapshot> current = data_.get();
  std::shared_ptr<const Snapshot> next;
  std::string error;
  std::thread loader([&] {
    lower_priority();
    try {
      next = load_snapshot(source_(), current->version + 1);
    } catch (const std::exception& e) {
      error = catalog::mask_secrets(e.what());
    }
  });
  loader.join();

  Outcome out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!next) {
    ++refused_;
    out.message = error.empty() ? "the new configuration did not load" : error;
    out.version = current->version;
    out.fingerprint = current->data_fingerprint;
    spdlog::error("reload refused, still serving data version {}: {}", current->version, out.message);
    return out;
  }
  data_.replace(next);
  for (const auto& listener : listeners_) listener(*next);
  ++reloads_;
  out.reloaded = true;
  out.version = next->version;
  out.fingerprint = next->data_fingerprint;
  spdlog::info("reloaded in {:.1f} s: data version {} ({} layers, fingerprint {})", out.seconds, next->version,
               next->layers.size(), next->data_fingerprint);
  return out;
}

}  // namespace onemap::store
