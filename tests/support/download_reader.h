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
  std::string layer;                          // the name of the layer (a zip's file) holding it
};

struct Downloaded {
  geo::GdalDatasetPtr dataset;
  OGRLayer* layer = nullptr;      // the first (of one, unless several were allowed)
  std::vector<OGRLayer*> layers;  // every layer, in the dataset's order
  std::string driver;             // the driver GDAL opened it with
  int epsg = 0;                   // the layer's CRS (0: none declared)
  bool x_is_east = true;          // the SRS's data axis to CRS axis mapping puts east first
  // Of every layer, by the "id" field (the FID when there is none).
  std::map<std::string, DownloadedRow> rows;
};

// Writes `bytes` to dir/file_name and opens it with GDAL; throws std::runtime_error when GDAL
// cannot, when two rows share an id (in one layer or across layers), or when it holds another
// number of layers than `layer_count` (a Shapefile zip of a layer of several geometry kinds holds
// a file per kind). epsg and x_is_east are the first layer's.
Downloaded read_download(const std::string& bytes, const std::filesystem::path& dir, const std::string& file_name,
                         int layer_count = 1);

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
