#pragma once
// RAII for GDAL/OGR: the library's own unique_ptr types, and one way to open a vector source.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <string>

namespace onemap::geo {

using GdalDatasetPtr = GDALDatasetUniquePtr;
using OgrFeaturePtr = OGRFeatureUniquePtr;
using OgrGeometryPtr = OGRGeometryUniquePtr;

// A spatial reference is reference-counted: datasets and layers that use one take a reference,
// so ours is released (never deleted) when we are done with it.
struct OgrSrsReleaser {
  void operator()(OGRSpatialReference* srs) const {
    if (srs) srs->Release();
  }
};
using OgrSrsPtr = std::unique_ptr<OGRSpatialReference, OgrSrsReleaser>;

// Opens a vector dataset read-only (file path or "PG:..." connection string); throws GeoError
// naming the source and GDAL's message. Each thread opens its own dataset: GDAL datasets are
// not shared across threads.
GdalDatasetPtr open_vector_source(const std::string& source);

// Collects the errors GDAL reports on this thread while it lives (GDAL's handler stack is per
// thread), so a read that GDAL ends early with an error ("database disk image is malformed") is
// told apart from a read that reached the end. Warnings are left to the quiet default handler.
class GdalErrorTrap {
 public:
  GdalErrorTrap();
  ~GdalErrorTrap();
  GdalErrorTrap(const GdalErrorTrap&) = delete;
  GdalErrorTrap& operator=(const GdalErrorTrap&) = delete;

  // The first failure's message (CE_Failure or CE_Fatal), if there was one.
  const std::optional<std::string>& failure() const { return failure_; }

 private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* message);
  std::optional<std::string> failure_;
};

// Registers GDAL drivers once; call from main (and test main) before opening anything.
void register_gdal_drivers();

}  // namespace onemap::geo
