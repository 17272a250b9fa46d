#include "export/ogr_export.h"

#include "export/export_columns.h"
#include "export/geometry_parts.h"
#include "export/zip_writer.h"
#include "geo/gdal_handles.h"
#include "geo/ogr_convert.h"
#include "geo/reprojector.h"
#include "query/area_clip.h"
#include "util/job_control.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <spdlog/spdlog.h>
#include <optional>

#include <algorithm>

namespace onemap::exports {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what) {
  const std::string reason = CPLGetLastErrorMsg();
  throw ExportError("export: " + what + (reason.empty() ? "" : ": " + reason));
}

// GDAL's FlatGeobuf writer keeps an index entry per feature (about 200 bytes, measured) until
// the file closes: above this many features the file is written without its spatial index, so
// an export's memory stays bounded (readers then scan it whole; bbox downloads stay indexed).
constexpr std::size_t kIndexedFlatGeobufMaxFeatures = 200'000;

// Options by format: UTF-8 Shapefiles (a .cpg), Excel-ready CSV, the id as GeoJSON's feature id,
// a bounded FlatGeobuf.
CPLStringList layer_options(const ExportSpec& spec, std::size_t features) {
  CPLStringList options;
  const std::string_view key = spec.format->key;
  if (key == "fgb" && features > kIndexedFlatGeobufMaxFeatures) options.SetNameValue("SPATIAL_INDEX", "NO");
  if (key == "shp") options.SetNameValue("ENCODING", "UTF-8");
  if (key == "csv") {
    options.SetNameValue("GEOMETRY", spec.csv_geometry == CsvGeometry::Xy ? "AS_XY" : "AS_WKT");
    options.SetNameValue("WRITE_BOM", "YES");
    options.SetNameValue("LINEFORMAT", "CRLF");
  }
  if (key == "geojson") {
    options.SetNameValue("RFC7946", "NO");  // full precision, and any of the offered CRSs
    options.SetNameValue("ID_FIELD", kIdColumn);
  }
  return options;
}

CPLStringList dataset_options(const store::Layer& layer, std::string_view driver) {
  CPLStringList options;
  // The property that names each placemark (<name>), as the map labels it.
  if (driver == "KML")
    if (auto name = layer.name_field_index()) options.SetNameValue("NameField", layer.fields[*name].name.c_str());
  return options;
}

geo::OgrSrsPtr file_srs(const geo::Crs& crs) {
  geo::OgrSrsPtr srs(new OGRSpatialReference());
  // CRS84 is written as EPSG:4326, which every reader knows, with longitude first.
  if (srs->importFromEPSG(crs.is_crs84() ? 4326 : crs.epsg) != OGRERR_NONE) fail("unknown CRS " + crs.uri());
  srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

// The feature's geometry as the file holds it: clipped, in the file's CRS; null when there is
// none to write (or clipping left nothing), with `skip` set when the feature is to be left out.
std::optional<geo::GeometryView> file_geometry(const store::Layer& layer, std::uint32_t i, const ExportSpec& spec,
                                               geo::Geometry& clipped, geo::Geometry& projected, bool& skip) {
  skip = false;
  const bool metric = spec.analysis_crs && !spec.clip;
  std::optional<geo::GeometryView> g = metric ? layer.metric_geometry(i) : layer.lonlat_geometry(i);
  if (spec.clip && !(g = spec.clip->clip(*g, clipped))) {
    skip = true;
    return std::nullopt;
  }
  if (g->empty()) return std::nullopt;
  if (metric || spec.crs.is_crs84() || spec.crs.epsg == 4326) return g;  // already x = east in the file's CRS
  projected = geo::copy_geometry(*g);
  geo::Reprojector::for_this_thread(geo::kCrs84.gis_order(), spec.crs.gis_order()).transform(projected);
  return projected.view();
}

// One file being written (or, added to a GeoPackage, one table): a geometry part of the export.
struct Output {
  fs::path file;
  geo::GdalDatasetPtr dataset;
  OGRLayer* layer = nullptr;
  std::vector<Column> columns;  // with their indexes in this layer
  bool transaction = false;
};

Output open_output(const store::Layer& layer, const std::vector<std::uint32_t>& ids, const ExportSpec& spec,
                   GDALDriver& driver, const GeometryPart& part, fs::path file, std::vector<Column> columns) {
  const Format& format = *spec.format;
  Output out;
  out.file = std::move(file);
  CPLErrorReset();
  if (spec.add_to_result && format.key == "gpkg" && fs::exists(out.file))
    out.dataset.reset(GDALDataset::Open(out.file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  else
    out.dataset.reset(
        driver.Create(out.file.c_str(), 0, 0, 0, GDT_Unknown, dataset_options(layer, driver.GetDescription()).List()));
  if (!out.dataset) fail("cannot create " + out.file.filename().string());
  geo::OgrSrsPtr srs = file_srs(spec.crs);
  out.layer = out.dataset->CreateLayer(layer.config.id.c_str(), part.type == wkbNone ? nullptr : srs.get(), part.type,
                                       layer_options(spec, ids.size()).List());
  if (!out.layer) fail("cannot create layer " + layer.config.id);
  for (Column& c : columns) {
    OGRFieldDefn defn(c.name.c_str(), c.type);
    defn.SetSubType(c.subtype);
    defn.SetWidth(c.width);
    if (out.layer->CreateField(&defn, FALSE) != OGRERR_NONE) fail("cannot create field " + c.name);
    c.index = out.layer->GetLayerDefn()->GetFieldIndex(c.name.c_str());
    if (c.index < 0) fail("field " + c.name + " is not in the layer GDAL made");
  }
  out.columns = std::move(columns);
  // GeoPackage writes a transaction far faster than a commit per feature.
  out.transaction = format.key == "gpkg" && out.dataset->StartTransaction() == OGRERR_NONE;
  return out;
}

void close_output(Output& out) {
  if (out.transaction && out.dataset->CommitTransaction() != OGRERR_NONE)
    fail("cannot commit " + out.file.filename().string());
  CPLErrorReset();
  out.dataset.reset();  // closing writes what drivers keep to the end (FlatGeobuf's index, LIBKML's document)
  if (CPLGetLastErrorType() == CE_Failure) fail("cannot finish " + out.file.filename().string());
}

}  // namespace

std::size_t write_export(const store::Layer& layer, const std::vector<std::uint32_t>& ids, const ExportSpec& spec,
                         const fs::path& work_dir, const fs::path& result) {
  geo::register_gdal_drivers();
  const Format& format = *spec.format;
  const std::string driver_name(format.driver);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (!driver) throw ExportError("export: GDAL has no " + driver_name + " driver");
  const std::string extension(format.zipped ? "shp" : format.extension);
  const bool add = spec.add_to_result && format.key == "gpkg";

  const std::vector<GeometryPart> parts = geometry_parts(layer, ids, format, spec.clip != nullptr);
  const std::vector<Column> columns = export_columns(layer, format, ids);
  std::vector<Output> outputs;
  for (const GeometryPart& part : parts)
    outputs.push_back(open_output(layer, ids, spec, *driver, part,
                                  add ? result : work_dir / (spec.name + part.suffix + "." + extension), columns));

  util::begin_stage("export", ids.size(), "features");
  util::JobControl* job = util::current_job();
  std::size_t written = 0, without_geometry = 0;
  geo::Geometry clipped, projected;
  for (std::uint32_t i : ids) {
    util::checkpoint();  // a client that hangs up stops its export here
    bool skip = false;
    const std::optional<geo::GeometryView> g = file_geometry(layer, i, spec, clipped, projected, skip);
    if (skip) continue;
    if (!g && format.geometry_required) {
      ++without_geometry;
      continue;
    }
    const std::optional<std::size_t> n = part_for(parts, g ? std::optional(g->type) : std::nullopt);
    if (!n) fail("feature " + layer.feature_id(i) + " is of a geometry kind the layer was not known to hold");
    Output& out = outputs[*n];
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(out.layer->GetLayerDefn()));
    set_values(*feature, out.columns, layer, i, format);
    if (g) feature->SetGeometryDirectly(geo::to_ogr(*g, parts[*n].as_multi).release());
    if (const std::optional<std::int64_t> fid = layer.numeric_id(i); fid && format.key == "gpkg") feature->SetFID(*fid);
    if (out.layer->CreateFeature(feature.get()) != OGRERR_NONE) fail("cannot write feature " + layer.feature_id(i));
    ++written;
    if (job) job->advance();
  }
  for (Output& out : outputs) close_output(out);
  if (without_geometry)
    spdlog::warn("export of '{}' as {}: {} features without geometry left out (the format cannot hold them)",
                 layer.config.id, format.title, without_geometry);

  if (!format.zipped) {
    if (outputs.front().file != result) fs::rename(outputs.front().file, result);
    return written;
  }
  ZipWriter zip(result);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(work_dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) zip.add_file(file.filename().string(), file);
  zip.add_text(spec.name + ".fields.csv", field_mapping_csv(outputs.front().columns));
  zip.finish();
  return written;
}

}  // namespace onemap::exports
