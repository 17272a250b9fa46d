#pragma once
// RAII for the GEOS C API: one reentrant context per thread; geometries, prepared geometries
// and coordinate sequences owned by unique_ptr from the moment GEOS returns them.
// GEOS predicates return 2 on error: compare with == 1.
#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

namespace onemap::geo {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }
  const std::string& last_error() const { return last_error_; }
  void clear_error() { last_error_.clear(); }
  // Whether the last error was GEOS's interrupt (geos_interrupt.h), not a failure of the work.
  bool interrupted() const { return last_error_.starts_with("InterruptedException"); }

  // The calling thread's context, created on first use and destroyed with the thread.
  static GeosContext& for_this_thread();

 private:
  GEOSContextHandle_t handle_;
  std::string last_error_;
};

struct GeosGeometryDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(ctx, g); }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

struct GeosPreparedDeleter {
  GEOSContextHandle_t ctx;
  void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(ctx, g); }
};
using GeosPreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

struct GeosCoordSeqDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSCoordSequence* s) const { GEOSCoordSeq_destroy_r(ctx, s); }
};
using GeosCoordSeqPtr = std::unique_ptr<GEOSCoordSequence, GeosCoordSeqDeleter>;

// GEOS constructors (createPoint, createPolygon, createCollection…) take ownership of their
// parts whether they succeed or not. Parts stay in owning holders until that call; this hands
// them over as the raw array GEOS wants, releasing them only once nothing else can throw.
std::vector<GEOSGeometry*> release_for_geos(std::vector<GeosGeometryPtr>& parts);

// Throws for a GEOS call `what` that failed: util::Stopped when GEOS was interrupted because
// this thread's job must stop, else GeoError with the context's message.
[[noreturn]] void throw_geos_error(GeosContext& ctx, const char* what);

// Takes ownership of a GEOS result, throwing (throw_geos_error) on null.
GeosGeometryPtr geos_owned(GeosContext& ctx, GEOSGeometry* g, const char* what);
GeosPreparedPtr geos_prepare(GeosContext& ctx, const GEOSGeometry* g);

// After a GEOS call failed: whether to make it again. False for an ordinary failure (the
// caller handles it); an interrupt throws util::Stopped when this thread's job must stop, and
// asks for the call again when the job goes on (the interrupt is process-wide and was meant for
// another thread: geos_interrupt.h), a few times at most.
bool call_again_after(GeosContext& ctx, int attempt);

// Makes a GEOS call that may be interrupted (one that runs GEOS's long algorithms: overlay,
// relate, validity, MakeValid…) and hands back its result; `failed(result)` says whether it
// failed. See call_again_after.
template <typename Call, typename Failed>
auto geos_call(GeosContext& ctx, Call&& call, Failed&& failed) {
  for (int attempt = 1;; ++attempt) {
    ctx.clear_error();
    auto result = call();
    if (!failed(result) || !call_again_after(ctx, attempt)) return result;
  }
}

// A predicate (1 true, 0 false, 2 on an error other than an interrupt), through geos_call.
template <typename Call>
char geos_predicate(GeosContext& ctx, Call&& call) {
  return geos_call(ctx, std::forward<Call>(call), [](char result) { return result == 2; });
}

// A new geometry, through geos_call, owned; a failure throws (throw_geos_error).
template <typename Call>
GeosGeometryPtr geos_make(GeosContext& ctx, const char* what, Call&& call) {
  return geos_owned(ctx, geos_call(ctx, std::forward<Call>(call), [](const GEOSGeometry* g) { return !g; }), what);
}

}  // namespace onemap::geo
