#include "geo/gdal_handles.h"

#include "geo/geo_error.h"

#include <cpl_error.h>

#include <mutex>

namespace onemap::geo {

GdalDatasetPtr open_vector_source(const std::string& source) {
  register_gdal_drivers();
  CPLErrorReset();
  GdalDatasetPtr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
  if (!ds) {
    std::string reason = CPLGetLastErrorMsg();
    throw GeoError("cannot open vector source '" + source +
                   "': " + (reason.empty() ? "not recognised by GDAL" : reason));
  }
  return ds;
}

GdalErrorTrap::GdalErrorTrap() { CPLPushErrorHandlerEx(&GdalErrorTrap::handle, this); }

GdalErrorTrap::~GdalErrorTrap() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorTrap::handle(CPLErr level, CPLErrorNum, const char* message) {
  auto* trap = static_cast<GdalErrorTrap*>(CPLGetErrorHandlerUserData());
  if ((level == CE_Failure || level == CE_Fatal) && !trap->failure_) trap->failure_ = message ? message : "";
}

void register_gdal_drivers() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);  // errors are read back and reported by us
  });
}

}  // namespace onemap::geo
