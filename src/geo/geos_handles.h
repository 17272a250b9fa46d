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

// Takes ownership of a GEOS result, throwing GeosError (with the context's message) on null.
GeosGeometryPtr geos_owned(GeosContext& ctx, GEOSGeometry* g, const char* what);
GeosPreparedPtr geos_prepare(GeosContext& ctx, const GEOSGeometry* g);

}  // namespace onemap::geo
