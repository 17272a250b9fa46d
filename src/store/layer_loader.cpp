#include "store/layer_loader.h"

#include "geo/gdal_handles.h"
#include "geo/geo_error.h"
#include "geo/geos_convert.h"
#include "geo/ogr_convert.h"
#include "geo/ogr_datetime.h"
#include "geo/reprojector.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace onemap::store {
namespace {

[[noreturn]] void fail(const catalog::LayerConfig& config, const std::string& message) {
  throw LoadError(config.defined_in.string() + ": layer '" + config.id + "': " + message);
}

FieldType field_type(const OGRFieldDefn& defn) {
  switch (defn.GetType()) {
    case OFTInteger:
      return defn.GetSubType() == OFSTBoolean ? FieldType::Boolean : FieldType::Integer;
    case OFTInteger64:
      return FieldType::Integer;
    case OFTReal:
      return FieldType::Real;
    case OFTDate:
      return FieldType::Date;
    case OFTDateTime:
      return FieldType::DateTime;
    default:
      return FieldType::String;
  }
}

Value read_value(OGRFeature& feature, int index, FieldType type) {
  if (!feature.IsFieldSetAndNotNull(index)) return {};
  switch (type) {
    case FieldType::Boolean:
      return feature.GetFieldAsInteger(index) != 0;
    case FieldType::Integer:
      return static_cast<std::int64_t>(feature.GetFieldAsInteger64(index));
    case FieldType::Real:
      return feature.GetFieldAsDouble(index);
    case FieldType::Date:
      return geo::iso8601_date(*feature.GetRawFieldRef(index));
    case FieldType::DateTime:
      return geo::iso8601_datetime(*feature.GetRawFieldRef(index));
    case FieldType::String:
      return std::string(feature.GetFieldAsString(index));
  }
  return {};
}

// The family the layer declares; when it declares none (Unknown, GeometryCollection), the family
// most features have, ties going to the higher dimension. Never the first feature's alone: a
// polygon layer may well start with a stray point.
GeometryKind layer_kind(OGRLayer& layer, const geo::GeometryColumns& geometries) {
  if (auto declared = geo::declared_family(layer.GetGeomType())) return geometry_kind(*declared);
  std::size_t count[3] = {0, 0, 0};  // by GeometryKind: Point, Line, Polygon
  for (std::uint32_t i = 0; i < geometries.size(); ++i)
    if (!geometries.empty(i)) ++count[static_cast<int>(geometry_kind(geometries.type(i)))];
  GeometryKind kind = GeometryKind::None;
  std::size_t best = 0;
  for (GeometryKind k : {GeometryKind::Polygon, GeometryKind::Line, GeometryKind::Point})
    if (count[static_cast<int>(k)] > best) {
      best = count[static_cast<int>(k)];
      kind = k;
    }
  return kind;
}

// GeoPackage's "undefined" SRS rows (srs_id 0 and -1), which GDAL hands over as a CRS named so,
// and any engineering (local) CRS say no more than a missing CRS: nothing relates them to the Earth.
bool declares_no_crs(const OGRSpatialReference* srs) {
  if (!srs || srs->IsEmpty() || srs->IsLocal()) return true;
  const char* name = srs->GetName();
  return name &&
         (std::string_view(name) == "Undefined geographic SRS" || std::string_view(name) == "Undefined Cartesian SRS");
}

// The CRS the source's coordinates are in, in the axis order OGR hands them to us. A source
// without one is read as CRS84 (with a warning) when all its coordinates lie within
// longitude/latitude range, and refused otherwise: guessing a projected CRS would misplace it.
geo::CrsDef source_crs(const catalog::LayerConfig& config, OGRLayer& layer, Layer& out) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (declares_no_crs(srs)) {
    OGREnvelope e;
    if (layer.GetExtent(&e, TRUE) == OGRERR_NONE && (e.MinX < -180 || e.MaxX > 180 || e.MinY < -90 || e.MaxY > 90))
      fail(config, "source layer '" + config.source_layer +
                       "' declares no CRS and its coordinates are not longitude/latitude; "
                       "give the source its CRS (a .prj beside a shapefile, or e.g. ogr2ogr -a_srs EPSG:4547)");
    spdlog::warn("layer '{}': the source declares no CRS; assuming longitude/latitude (CRS84)", config.id);
    out.source_epsg = 4326;
    return geo::kCrs84.gis_order();
  }
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  srs->exportToWkt(&wkt, options);
  out.source_crs_wkt = wkt ? wkt : "";
  CPLFree(wkt);
  if (const char* code = srs->GetAuthorityCode(nullptr);
      code && srs->GetAuthorityName(nullptr) && std::string(srs->GetAuthorityName(nullptr)) == "EPSG")
    out.source_epsg = std::atoi(code);
  // OGR hands most drivers' coordinates over in GIS order (x = east); when its axis mapping is
  // the identity on a north-first CRS, the data really is in authority order.
  const auto& mapping = srs->GetDataAxisToSRSAxisMapping();
  bool authority_order = mapping.size() >= 2 && mapping[0] == 1 && mapping[1] == 2 &&
                         (srs->EPSGTreatsAsLatLong() || srs->EPSGTreatsAsNorthingEasting());
  return {out.source_crs_wkt, !authority_order};
}

const geo::Reprojector& reprojector_to_lonlat(const catalog::LayerConfig& config, const geo::CrsDef& from) {
  try {
    return geo::Reprojector::for_this_thread(from, geo::kCrs84.gis_order());
  } catch (const geo::GeoError& e) {
    fail(config, "the CRS of source layer '" + config.source_layer +
                     "' cannot be transformed to longitude/latitude: " + e.what());
  }
}

// A database table has no order: two reads of it (two replicas, or a row updated between) may
// return its rows differently. Its features are served in id order, so every replica pages the
// same way. Files keep the order they were written in.
bool source_is_database(const std::string& source) {
  for (std::string_view prefix : {"PG:", "MySQL:", "MSSQL:", "OCI:"})
    if (source.starts_with(prefix)) return true;
  return false;
}

std::unique_ptr<Layer> in_id_order(std::unique_ptr<Layer> layer) {
  const std::vector<std::uint32_t>& order = layer->ids.order();
  if (order.empty()) return layer;
  auto sorted = std::make_unique<Layer>();
  sorted->config = layer->config;
  sorted->fields = layer->fields;
  sorted->numeric_ids = layer->numeric_ids;
  sorted->source_crs_wkt = layer->source_crs_wkt;
  sorted->source_epsg = layer->source_epsg;
  sorted->repaired_geometries = layer->repaired_geometries;
  for (std::uint32_t row : order)
    sorted->add_feature(layer->feature_id(row), layer->values(row), geo::copy_geometry(layer->lonlat_geometry(row)));
  sorted->finish();  // the ids were unique already
  return sorted;
}

}  // namespace

std::unique_ptr<Layer> load_layer(const catalog::LayerConfig& config) {
  geo::GdalDatasetPtr dataset;
  try {
    dataset = geo::open_vector_source(config.source);
  } catch (const geo::GeoError& e) {
    fail(config, e.what());
  }
  OGRLayer* ogr_layer = dataset->GetLayerByName(config.source_layer.c_str());
  if (!ogr_layer) {
    std::string names;
    for (OGRLayer* l : dataset->GetLayers()) names += (names.empty() ? "" : ", ") + std::string(l->GetName());
    fail(config, "source '" + config.source + "' has no layer '" + config.source_layer + "' (it has: " + names + ")");
  }

  auto layer = std::make_unique<Layer>();
  layer->config = config;
  OGRFeatureDefn* defn = ogr_layer->GetLayerDefn();
  std::vector<int> source_index;
  auto add_field = [&](int i) {
    OGRFieldDefn* f = defn->GetFieldDefn(i);
    layer->fields.push_back({f->GetNameRef(), field_type(*f)});
    source_index.push_back(i);
  };
  if (config.properties.empty()) {
    for (int i = 0; i < defn->GetFieldCount(); ++i) add_field(i);
  } else {
    for (const std::string& name : config.properties) {
      int i = defn->GetFieldIndex(name.c_str());
      if (i < 0) fail(config, "property '" + name + "' is not a field of source layer '" + config.source_layer + "'");
      add_field(i);
    }
  }
  int id_index = -1;
  if (!config.id_field.empty()) {
    id_index = defn->GetFieldIndex(config.id_field.c_str());
    if (id_index < 0)
      fail(config, "id_field '" + config.id_field + "' is not a field of source layer '" + config.source_layer + "'");
    OGRFieldType t = defn->GetFieldDefn(id_index)->GetType();
    layer->numeric_ids = t == OFTInteger || t == OFTInteger64;
  }

  geo::CrsDef from = source_crs(config, *ogr_layer, *layer);
  geo::GeosContext& geos = geo::GeosContext::for_this_thread();
  const geo::Reprojector& to_lonlat = reprojector_to_lonlat(config, from);

  std::size_t unrepairable = 0;
  // GDAL ends a read it cannot go on with as if the layer ended: only its error tells a damaged
  // source from a short one, and the features read so far must not be served as the layer.
  const geo::GdalErrorTrap gdal_errors;
  ogr_layer->ResetReading();
  std::string id;
  std::vector<Value> values;
  for (const auto& ogr_feature : *ogr_layer) {
    if (id_index >= 0) {
      if (!ogr_feature->IsFieldSetAndNotNull(id_index))
        fail(config, "a feature has no value in id_field '" + config.id_field + "'");
      id = ogr_feature->GetFieldAsString(id_index);
    } else {
      id = std::to_string(ogr_feature->GetFID());
    }
    values.clear();
    for (std::size_t f = 0; f < layer->fields.size(); ++f)
      values.push_back(read_value(*ogr_feature, source_index[f], layer->fields[f].type));

    geo::Geometry geometry;
    if (const OGRGeometry* g = ogr_feature->GetGeometryRef()) {
      if (auto converted = geo::from_ogr(*g)) {
        geometry = std::move(*converted);
        try {
          to_lonlat.transform(geometry);
        } catch (const geo::GeoError& e) {
          fail(config, "feature " + id + ": " + e.what());
        }
        switch (geo::repair_if_invalid(geos, geometry)) {
          case geo::Repair::Repaired:
            ++layer->repaired_geometries;
            break;
          case geo::Repair::Unrepairable:
            ++unrepairable;
            geometry = {};
            break;
          case geo::Repair::Valid:
            break;
        }
      }
    }
    layer->add_feature(id, values, geometry);
  }
  if (gdal_errors.failure())
    fail(config, "reading source layer '" + config.source_layer + "' of '" + config.source + "' failed after " +
                     std::to_string(layer->feature_count()) + " features: " + *gdal_errors.failure());
  if (std::optional<std::string> repeated = layer->finish())
    fail(config, "feature id '" + *repeated + "' occurs more than once" +
                     (config.id_field.empty() ? "" : " in id_field '" + config.id_field + "'"));
  if (source_is_database(config.source)) layer = in_id_order(std::move(layer));
  layer->kind = layer_kind(*ogr_layer, layer->geometries);

  if (layer->repaired_geometries || unrepairable)
    spdlog::warn("layer '{}': repaired {} invalid geometries; {} could not be repaired and are served without geometry",
                 config.id, layer->repaired_geometries, unrepairable);
  return layer;
}

void project_to_metric(Layer& layer, const geo::Crs& analysis_crs) {
  const geo::Reprojector& to_metric =
      geo::Reprojector::for_this_thread(geo::kCrs84.gis_order(), analysis_crs.gis_order());
  std::vector<geo::Coord> coords = layer.geometries.coords(Layer::kLonLat);
  // Feature by feature, so an error can name the feature.
  for (std::uint32_t i = 0; i < layer.feature_count(); ++i) {
    const std::uint32_t begin = layer.geometries.coord_offset(i), end = layer.geometries.coord_offset(i + 1);
    try {
      to_metric.transform(coords.data() + begin, end - begin);
    } catch (const geo::GeoError& e) {
      fail(layer.config, "feature " + layer.feature_id(i) + " cannot be projected to the analysis CRS EPSG:" +
                             std::to_string(analysis_crs.epsg) + ": " + e.what());
    }
  }
  layer.geometries.set_coords(Layer::kMetric, std::move(coords));
  // Distance searches widen a box by metres, which only the metric envelopes allow.
  layer.metric_envelopes.clear();
  layer.metric_envelopes.reserve(layer.feature_count());
  for (std::uint32_t i = 0; i < layer.feature_count(); ++i)
    layer.metric_envelopes.push_back(layer.metric_geometry(i).envelope());
  layer.metric_index = std::make_unique<geo::SpatialIndex>(layer.metric_envelopes);
}

}  // namespace onemap::store
