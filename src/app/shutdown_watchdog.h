#pragma once
// Bounds how long the process takes to end once it has been asked to stop. Jobs are told to
// stop and their GEOS work is interrupted, but a step that does not cooperate (a library call
// without checks, a reload reading a large source) must not keep a stopping server alive: a
// service manager waits for it, and a second start fails on the taken port.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace onemap::app {

class ShutdownWatchdog {
 public:
  explicit ShutdownWatchdog(std::chrono::milliseconds bound) : bound_(bound) {}
  // Disarms it: the teardown it guards is over ("stopped" is logged if it was armed).
  ~ShutdownWatchdog();
  ShutdownWatchdog(const ShutdownWatchdog&) = delete;
  ShutdownWatchdog& operator=(const ShutdownWatchdog&) = delete;

  // Arms it (the first call; later ones do nothing): unless destroyed within the bound, it logs
  // and ends the process at once (_exit, status 1), leaving destructors unrun.
  void start();

 private:
  std::chrono::milliseconds bound_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace onemap::app
