#include "geo/proj_handles.h"

namespace onemap::geo {

ProjContext::ProjContext() : handle_(proj_context_create()) {
  proj_log_level(handle_, PJ_LOG_NONE);  // errors are read from the context, not stderr
}

ProjContext::~ProjContext() { proj_context_destroy(handle_); }

const char* ProjContext::last_error() const { return proj_context_errno_string(handle_, proj_context_errno(handle_)); }

ProjContext& ProjContext::for_this_thread() {
  thread_local ProjContext context;
  return context;
}

}  // namespace onemap::geo
