#include "geo/geos_handles.h"

#include "geo/geo_error.h"

namespace onemap::geo {
namespace {

void store_message(const char* message, void* userdata) { *static_cast<std::string*>(userdata) = message; }

void ignore_notice(const char*, void*) {}

}  // namespace

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
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

GeosGeometryPtr geos_owned(GeosContext& ctx, GEOSGeometry* g, const char* what) {
  if (!g) throw GeoError(std::string(what) + ": " + ctx.last_error());
  return GeosGeometryPtr(g, GeosGeometryDeleter{ctx.handle()});
}

GeosPreparedPtr geos_prepare(GeosContext& ctx, const GEOSGeometry* g) {
  const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.handle(), g);
  if (!p) throw GeoError("GEOSPrepare: " + ctx.last_error());
  return GeosPreparedPtr(p, GeosPreparedDeleter{ctx.handle()});
}

}  // namespace onemap::geo
