#pragma once
// RAII for PROJ: one context per thread; PJ objects owned by unique_ptr and used only on the
// thread whose context created them.
#include <proj.h>

#include <memory>

namespace onemap::geo {

class ProjContext {
 public:
  ProjContext();
  ~ProjContext();
  ProjContext(const ProjContext&) = delete;
  ProjContext& operator=(const ProjContext&) = delete;

  PJ_CONTEXT* handle() const { return handle_; }
  const char* last_error() const;

  static ProjContext& for_this_thread();

 private:
  PJ_CONTEXT* handle_;
};

struct PjDeleter {
  void operator()(PJ* pj) const { proj_destroy(pj); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

}  // namespace onemap::geo
