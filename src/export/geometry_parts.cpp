#include "export/geometry_parts.h"

#include <algorithm>

namespace onemap::exports {
namespace {

using store::GeometryKind;

OGRwkbGeometryType ogr_type(GeometryKind kind, bool multi) {
  switch (kind) {
    case GeometryKind::Point:
      return multi ? wkbMultiPoint : wkbPoint;
    case GeometryKind::Line:
      return multi ? wkbMultiLineString : wkbLineString;
    case GeometryKind::Polygon:
      return multi ? wkbMultiPolygon : wkbPolygon;
    case GeometryKind::None:
      break;
  }
  return wkbNone;
}

// Multi when any selected feature of the kind is, or when clipping may cut a line or polygon.
bool needs_multi(const store::Layer& layer, const std::vector<std::uint32_t>& ids, GeometryKind kind, bool clipped) {
  if (clipped && kind != GeometryKind::Point) return true;
  return std::any_of(ids.begin(), ids.end(), [&](std::uint32_t i) {
    const geo::GeometryType type = layer.lonlat_geometry(i).type;
    return layer.has_geometry(i) && store::geometry_kind(type) == kind && geo::is_multi(type);
  });
}

}  // namespace

const char* kind_name(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::Point:
      return "point";
    case GeometryKind::Line:
      return "line";
    case GeometryKind::Polygon:
      return "polygon";
    case GeometryKind::None:
      break;
  }
  return "none";
}

std::vector<GeometryPart> geometry_parts(const store::Layer& layer, const std::vector<std::uint32_t>& ids,
                                         const Format& format, bool clipped) {
  if (!layer.mixed_kinds()) {
    // The kind the features hold; the declared one when none has geometry.
    const GeometryKind kind = layer.kinds.empty() ? layer.kind : layer.kinds.front();
    const bool multi = kind != GeometryKind::None && needs_multi(layer, ids, kind, clipped);
    return {{std::nullopt, ogr_type(kind, multi), multi, "", true}};
  }
  if (!format.one_kind_per_file) return {{std::nullopt, wkbUnknown, false, "", true}};
  // Features without geometry go with the layer's own kind, as a one-kind layer's do.
  const bool own_kind_held = std::find(layer.kinds.begin(), layer.kinds.end(), layer.kind) != layer.kinds.end();
  const GeometryKind home = own_kind_held ? layer.kind : layer.kinds.front();
  std::vector<GeometryPart> parts;
  for (GeometryKind kind : layer.kinds) {
    const bool multi = needs_multi(layer, ids, kind, clipped);
    parts.push_back({kind, ogr_type(kind, multi), multi, std::string("_") + kind_name(kind), kind == home});
  }
  return parts;
}

std::optional<std::size_t> part_for(const std::vector<GeometryPart>& parts, std::optional<geo::GeometryType> type) {
  for (std::size_t n = 0; n < parts.size(); ++n) {
    const GeometryPart& p = parts[n];
    if (type ? !p.kind || *p.kind == store::geometry_kind(*type) : p.without_geometry) return n;
  }
  return std::nullopt;
}

}  // namespace onemap::exports
