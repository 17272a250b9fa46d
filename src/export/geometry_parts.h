#pragma once
// How a selection's geometries are laid out in a format's file or files, so that none is ever
// left out or blanked. A layer of one geometry kind is one OGR layer of that kind's type. A layer
// of several kinds (tailings ponds as points or polygons) is one OGR layer of any geometry where
// the format holds that (GeoPackage's GEOMETRY, FlatGeobuf's Unknown; KML, GeoJSON and CSV take
// any), and a file per kind, named by it, where a file holds one kind (Shapefile:
// {name}_point.shp, {name}_line.shp, {name}_polygon.shp; multipoints go with points, and so on).
// The parts follow the layer's kinds, not the selection's, so a layer's files are named alike
// whatever a filter selects (a part may be empty).
#include "export/formats.h"
#include "store/layer.h"

#include <ogr_core.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onemap::exports {

struct GeometryPart {
  std::optional<store::GeometryKind> kind;  // the kind of the features it takes; nullopt: every kind
  OGRwkbGeometryType type = wkbNone;        // as the OGR layer declares it
  bool as_multi = false;                    // single geometries written as one-part multi ones
  std::string suffix;                       // after the file's name: "", or "_point", "_line", "_polygon"
  bool without_geometry = false;            // takes the features without geometry (exactly one part does)
};

// `clipped`: features are cut to an area, which may leave a line or a polygon in pieces (a multi
// type then, as strict formats such as FlatGeobuf take one type a layer).
std::vector<GeometryPart> geometry_parts(const store::Layer& layer, const std::vector<std::uint32_t>& ids,
                                         const Format& format, bool clipped);

// Which of `parts` takes a feature whose geometry is of `type` (nullopt: one without geometry);
// nullopt when none does (a kind the layer was not known to hold).
std::optional<std::size_t> part_for(const std::vector<GeometryPart>& parts, std::optional<geo::GeometryType> type);

// "point", "line", "polygon" (and "none"): a part's suffix.
const char* kind_name(store::GeometryKind kind);

}  // namespace onemap::exports
