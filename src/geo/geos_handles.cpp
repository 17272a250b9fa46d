#include "geo/geos_handles.h"

#include "geo/geo_error.h"
#include "geo/geos_interrupt.h"
#include "util/job_control.h"

namespace onemap::geo {
namespace {

void store_message(const char* message, void* userdata) { *static_cast<std::string*>(userdata) = message; }

void ignore_notice(const char*, void*) {}

}  // namespace

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  install_geos_interrupt();
  GEOSContext_setErrorMessageHandler_r(handle_, store_message, &last_error_);
  GEOSContext_setNoticeMessageHandler_r(handle_, ignore_notice, nullptr);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

GeosContext& GeosContext::for_this_thread() {
  thread_local GeosContext context;
  return context;
}

std::vector<GEOSGeometry*> release_for_geos(std::vector<GeosGeometryPtr>& parts) {
  std::vector<GEOSGeometry*> raw(parts.size());  // may throw: nothing released yet
  for (std::size_t i = 0; i < parts.size(); ++i) raw[i] = parts[i].release();
  parts.clear();
  return raw;
}

bool call_again_after(GeosContext& ctx, int attempt) {
  constexpr int kAttempts = 4;
  if (!ctx.interrupted()) return false;
  util::checkpoint();
  return attempt < kAttempts;
}

void throw_geos_error(GeosContext& ctx, const char* what) {
  if (ctx.interrupted()) util::checkpoint();
  throw GeoError(std::string(what) + ": " + ctx.last_error());
}

GeosGeometryPtr geos_owned(GeosContext& ctx, GEOSGeometry* g, const char* what) {
  if (!g) throw_geos_error(ctx, what);
  return GeosGeometryPtr(g, GeosGeometryDeleter{ctx.handle()});
}

GeosPreparedPtr geos_prepare(GeosContext& ctx, const GEOSGeometry* g) {
  const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.handle(), g);
  if (!p) throw_geos_error(ctx, "GEOSPrepare");
  return GeosPreparedPtr(p, GeosPreparedDeleter{ctx.handle()});
}

}  // namespace onemap::geo
