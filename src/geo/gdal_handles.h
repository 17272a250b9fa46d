#pragma once
// RAII for GDAL/OGR: the library's own unique_ptr types, and one way to open a vector source.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>

namespace onemap::geo {

using GdalDatasetPtr = GDALDatasetUniquePtr;
using OgrFeaturePtr = OGRFeatureUniquePtr;
using OgrGeometryPtr = OGRGeometryUniquePtr;

// Opens a vector dataset read-only (file path or "PG:..." connection string); throws GeoError
// naming the source and GDAL's message. Each thread opens its own dataset: GDAL datasets are
// not shared across threads.
GdalDatasetPtr open_vector_source(const std::string& source);

// Registers GDAL drivers once; call from main (and test main) before opening anything.
void register_gdal_drivers();

}  // namespace onemap::geo
