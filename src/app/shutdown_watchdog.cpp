#include "app/shutdown_watchdog.h"

#include <spdlog/spdlog.h>

#include <unistd.h>

namespace onemap::app {

void ShutdownWatchdog::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || finished_) return;
  thread_ = std::thread([this] {
    std::unique_lock wait_lock(mutex_);
    if (done_.wait_for(wait_lock, bound_, [this] { return finished_; })) return;
    spdlog::error("shutdown did not finish within {} ms (work that did not stop); exiting now", bound_.count());
    spdlog::default_logger()->flush();
    _exit(1);
  });
}

ShutdownWatchdog::~ShutdownWatchdog() {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  done_.notify_all();
  if (!thread_.joinable()) return;
  thread_.join();
  spdlog::info("stopped");
}

}  // namespace onemap::app
