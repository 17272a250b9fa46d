#pragma once
// Downloads read back as a desktop GIS reads them: the bytes written to a file and opened with
// GDAL (a zipped Shapefile through /vsizip/), for tests that compare them with their source.
#include "geo/gdal_handles.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::testing {

struct DownloadedRow {
  std::map<std::string, std::string> fields;  // as text; null as "<null>"
  OGRGeometryUniquePtr geometry;              // null when the feature has none
};

struct Downloaded {
  geo::GdalDatasetPtr dataset;
  OGRLayer* layer = nullptr;
  std::string driver;                         // the driver GDAL opened it with
  int epsg = 0;                               // the layer's CRS (0: none declared)
  bool x_is_east = true;                      // the SRS's data axis to CRS axis mapping puts east first
  std::map<std::string, DownloadedRow> rows;  // by the "id" field (the FID when there is none)
};

// Writes `bytes` to dir/file_name and opens it with GDAL; throws std::runtime_error when GDAL
// cannot, or when two rows share an id.
Downloaded read_download(const std::string& bytes, const std::filesystem::path& dir, const std::string& file_name);

struct ZipEntry {
  std::string name;
  std::uint16_t central_flags = 0;  // general purpose bits in the central directory
  std::uint16_t local_flags = 0;    // and in the entry's local header
};
// The entries of a zip archive, from its central directory; throws when it is not one.
std::vector<ZipEntry> zip_entries(const std::string& bytes);

// The UTF-8 name of an RFC 6266 Content-Disposition: filename* decoded (RFC 5987), else filename.
std::string disposition_filename(std::string_view header);

}  // namespace onemap::testing
