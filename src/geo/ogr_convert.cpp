#include "geo/ogr_convert.h"

#include <ogr_geometry.h>

#include <memory>

namespace onemap::geo {
namespace {

enum class Family { None, Point, Line, Polygon };

// Curved and 3D types count with the linear family they become (a CompoundCurve is a line, a
// MultiSurface polygons, a Triangle a polygon).
Family family_of(OGRwkbGeometryType type) {
  OGRwkbGeometryType flat = wkbFlatten(type);
  if (flat == wkbPoint || flat == wkbMultiPoint) return Family::Point;
  if (OGR_GT_IsCurve(flat) || flat == wkbMultiLineString || flat == wkbMultiCurve) return Family::Line;
  if (OGR_GT_IsSurface(flat) || flat == wkbMultiPolygon || flat == wkbMultiSurface || flat == wkbPolyhedralSurface ||
      flat == wkbTIN)
    return Family::Polygon;
  return Family::None;
}

std::vector<Coord> read_curve(const OGRSimpleCurve& curve) {
  std::vector<Coord> path;
  path.reserve(curve.getNumPoints());
  for (int i = 0; i < curve.getNumPoints(); ++i) {
    Coord c{curve.getX(i), curve.getY(i)};
    if (path.empty() || !(path.back() == c)) path.push_back(c);  // no repeated points
  }
  return path;
}

void add_part(const OGRGeometry& g, Geometry& out) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
      const auto& p = *g.toPoint();
      out.begin_part();
      out.add_path({{p.getX(), p.getY()}});
      break;
    }
    case wkbLineString: {
      std::vector<Coord> path = read_curve(*g.toLineString());
      if (path.size() < 2) return;
      out.begin_part();
      out.add_path(path);
      break;
    }
    case wkbPolygon:
    case wkbTriangle: {
      const auto& poly = *g.toPolygon();
      if (!poly.getExteriorRing()) return;
      std::vector<Coord> shell = read_curve(*poly.getExteriorRing());
      if (shell.size() >= 3 && !(shell.front() == shell.back())) shell.push_back(shell.front());
      if (shell.size() < 4) return;
      out.begin_part();
      out.add_path(shell);
      for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
        std::vector<Coord> hole = read_curve(*poly.getInteriorRing(i));
        if (hole.size() >= 3 && !(hole.front() == hole.back())) hole.push_back(hole.front());
        if (hole.size() >= 4) out.add_path(hole);
      }
      break;
    }
    default:
      break;
  }
}

void add_parts(const OGRGeometry& g, Family family, Geometry& out) {
  if (OGR_GT_IsSubClassOf(wkbFlatten(g.getGeometryType()), wkbGeometryCollection)) {
    for (const OGRGeometry* member : *g.toGeometryCollection()) add_parts(*member, family, out);
  } else if (family_of(g.getGeometryType()) == family) {
    add_part(g, out);
  }
}

// The family of a collection is that of its highest-dimension member: the other members are
// dropped rather than failing the whole feature.
Family dominant_family(const OGRGeometry& g) {
  if (!OGR_GT_IsSubClassOf(wkbFlatten(g.getGeometryType()), wkbGeometryCollection))
    return family_of(g.getGeometryType());
  Family best = Family::None;
  for (const OGRGeometry* member : *g.toGeometryCollection()) best = std::max(best, dominant_family(*member));
  return best;
}

void set_points(GeometryView g, std::size_t path, OGRSimpleCurve& curve) {
  const Range r = path_coords(g, path);
  curve.setNumPoints(static_cast<int>(r.end - r.begin), FALSE);
  for (std::uint32_t i = r.begin; i < r.end; ++i)
    curve.setPoint(static_cast<int>(i - r.begin), g.coords[i].x, g.coords[i].y);
}

std::unique_ptr<OGRGeometry> make_part(GeometryView g, std::size_t part) {
  const Range paths = part_paths(g, part);
  if (is_polygonal(g.type)) {
    auto polygon = std::make_unique<OGRPolygon>();
    for (std::uint32_t p = paths.begin; p < paths.end; ++p) {
      auto ring = std::make_unique<OGRLinearRing>();
      set_points(g, p, *ring);
      polygon->addRingDirectly(ring.release());
    }
    return polygon;
  }
  if (is_lineal(g.type)) {
    auto line = std::make_unique<OGRLineString>();
    set_points(g, paths.begin, *line);
    return line;
  }
  const Coord c = g.coords[path_coords(g, paths.begin).begin];
  return std::make_unique<OGRPoint>(c.x, c.y);
}

}  // namespace

OGRGeometryUniquePtr to_ogr(GeometryView g, bool as_multi) {
  if (g.empty()) return nullptr;
  if (!is_multi(g.type) && !as_multi) return OGRGeometryUniquePtr(make_part(g, 0).release());
  std::unique_ptr<OGRGeometryCollection> multi;
  if (is_polygonal(g.type)) {
    multi = std::make_unique<OGRMultiPolygon>();
  } else if (is_lineal(g.type)) {
    multi = std::make_unique<OGRMultiLineString>();
  } else {
    multi = std::make_unique<OGRMultiPoint>();
  }
  for (std::size_t part = 0; part < g.part_count(); ++part) multi->addGeometryDirectly(make_part(g, part).release());
  return OGRGeometryUniquePtr(multi.release());
}

std::optional<Geometry> from_ogr(const OGRGeometry& source) {
  if (source.IsEmpty()) return std::nullopt;
  std::unique_ptr<OGRGeometry> linear(source.hasCurveGeometry() ? source.getLinearGeometry() : source.clone());
  if (!linear) return std::nullopt;
  linear->flattenTo2D();  // Z and M dropped; x and y are what OneMap serves
  // A polyhedral surface or TIN is a set of polygons that GEOS and GeoJSON know as a MultiPolygon.
  if (OGRwkbGeometryType t = wkbFlatten(linear->getGeometryType()); t == wkbPolyhedralSurface || t == wkbTIN)
    linear.reset(OGRGeometryFactory::forceToMultiPolygon(linear.release()));
  Family family = dominant_family(*linear);
  if (family == Family::None) return std::nullopt;

  Geometry out;
  add_parts(*linear, family, out);
  if (out.empty()) return std::nullopt;
  bool multi =
      out.part_count() > 1 || OGR_GT_IsSubClassOf(wkbFlatten(linear->getGeometryType()), wkbGeometryCollection);
  switch (family) {
    case Family::Point:
      out.type = multi ? GeometryType::MultiPoint : GeometryType::Point;
      break;
    case Family::Line:
      out.type = multi ? GeometryType::MultiLineString : GeometryType::LineString;
      break;
    default:
      out.type = multi ? GeometryType::MultiPolygon : GeometryType::Polygon;
      break;
  }
  return out;
}

std::optional<GeometryType> declared_family(OGRwkbGeometryType type) {
  OGRwkbGeometryType flat = wkbFlatten(type);
  if (flat == wkbUnknown || flat == wkbNone || flat == wkbGeometryCollection) return std::nullopt;
  switch (family_of(flat)) {
    case Family::Point:
      return GeometryType::Point;
    case Family::Line:
      return GeometryType::LineString;
    case Family::Polygon:
      return GeometryType::Polygon;
    case Family::None:
      break;
  }
  return std::nullopt;
}

}  // namespace onemap::geo
