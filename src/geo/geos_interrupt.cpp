#include "geo/geos_interrupt.h"

#include "util/job_control.h"

#include <geos_c.h>

#include <atomic>

namespace onemap::geo {
namespace {

// Set when a request may still be pending. Threads whose job goes on cancel only then: GEOS
// checks very often, and writing GEOS's flag at every check from every thread would bounce its
// cache line between the cores.
std::atomic<bool> request_pending{false};

void on_geos_check() {
  const util::JobControl* job = util::current_job();
  if (job && job->stop_reason() != util::StopReason::None) {
    request_pending.store(true, std::memory_order_relaxed);
    GEOS_interruptRequest();
  } else if (request_pending.load(std::memory_order_relaxed)) {
    request_pending.store(false, std::memory_order_relaxed);
    GEOS_interruptCancel();
  }
}

}  // namespace

void install_geos_interrupt() {
  static const bool installed = [] {
    GEOS_interruptRegisterCallback(&on_geos_check);
    return true;
  }();
  (void)installed;
}

}  // namespace onemap::geo
