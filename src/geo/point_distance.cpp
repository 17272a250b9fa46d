// Each step below is GEOS 3.11's own, named after the GEOS function it repeats, with its
// arithmetic written in the same order: the results must be the same doubles. This file is
// compiled with -ffp-contract=off (src/CMakeLists.txt) so that no multiply-add is fused, as
// GEOS's are not.
#include "geo/point_distance.h"

#include <cmath>
#include <limits>

namespace onemap::geo {
namespace {

constexpr int kUnsure = 2;  // CGAlgorithmsDD::FAILURE

enum class Location { Exterior, Interior, Boundary, Unsure };

int sign(double x) { return x < 0 ? -1 : x > 0 ? 1 : 0; }

// CGAlgorithmsDD::orientationIndexFilter(pa, pb, pc): the side of pc from pa → pb where double
// arithmetic can tell it for sure (then GEOS returns the same), kUnsure where GEOS would go on
// in double-double.
int orientation(const Coord& pa, const Coord& pb, const Coord& pc) {
  const double detleft = (pa.x - pc.x) * (pb.y - pc.y);
  const double detright = (pa.y - pc.y) * (pb.x - pc.x);
  const double det = detleft - detright;
  double detsum;
  if (detleft > 0.0) {
    if (detright <= 0.0) return sign(det);
    detsum = detleft + detright;
  } else if (detleft < 0.0) {
    if (detright >= 0.0) return sign(det);
    detsum = -detleft - detright;
  } else {
    return sign(det);
  }
  const double errbound = 1e-15 * detsum;
  if (det >= errbound || -det >= errbound) return sign(det);
  return kUnsure;
}

// Coordinate::distance.
double coord_distance(const Coord& a, const Coord& b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  return std::sqrt(dx * dx + dy * dy);
}

bool same(const Coord& a, const Coord& b) { return a.x == b.x && a.y == b.y; }

// Distance::pointToSegment.
double point_to_segment(const Coord& p, const Coord& a, const Coord& b) {
  if (same(a, b)) return coord_distance(p, a);
  const double r =
      ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
  if (r <= 0.0) return coord_distance(p, a);
  if (r >= 1.0) return coord_distance(p, b);
  const double s =
      ((a.y - p.y) * (b.x - a.x) - (a.x - p.x) * (b.y - a.y)) / ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
  return std::fabs(s) * std::sqrt(((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)));
}

// LineSegment::closestPoint (with projectionFactor and project(factor)).
Coord closest_point(const Coord& a, const Coord& b, const Coord& p) {
  double factor;
  if (same(p, a)) {
    factor = 0.0;
  } else if (same(p, b)) {
    factor = 1.0;
  } else {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    factor = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  }
  if (factor > 0 && factor < 1) return {a.x + factor * (b.x - a.x), a.y + factor * (b.y - a.y)};
  const double dist0 = coord_distance(a, p);
  const double dist1 = coord_distance(b, p);
  return dist0 < dist1 ? a : b;
}

Envelope envelope_of(std::span<const Coord> path) {
  Envelope e;
  for (const Coord& c : path) e.expand(c);
  return e;
}

// Envelope::distance between a path's envelope and the point's.
double envelope_distance(const Envelope& e, const Coord& p) {
  const double dx = std::max(0.0, std::max(e.max_x, p.x) - std::min(e.min_x, p.x) - (e.max_x - e.min_x) - (p.x - p.x));
  const double dy = std::max(0.0, std::max(e.max_y, p.y) - std::min(e.min_y, p.y) - (e.max_y - e.min_y) - (p.y - p.y));
  return std::sqrt(dx * dx + dy * dy);
}

// PointLocator::locateInPolygonRing: the ring's envelope, PointLocation::isOnLine, then
// RayCrossingCounter::locatePointInRing (whose "on a segment" counts as inside here, as GEOS's
// isInRing has it).
Location locate_in_ring(const Coord& p, std::span<const Coord> ring) {
  const Envelope e = envelope_of(ring);
  if (!(p.x <= e.max_x && p.x >= e.min_x && p.y <= e.max_y && p.y >= e.min_y)) return Location::Exterior;
  for (std::size_t i = 1; i < ring.size(); ++i) {  // LineIntersector::hasIntersection
    const Coord& a = ring[i - 1];
    const Coord& b = ring[i];
    if (!((p.x >= (a.x < b.x ? a.x : b.x)) && (p.x <= (a.x > b.x ? a.x : b.x)) && (p.y >= (a.y < b.y ? a.y : b.y)) &&
          (p.y <= (a.y > b.y ? a.y : b.y))))
      continue;
    const int forward = orientation(a, b, p);
    if (forward == kUnsure) return Location::Unsure;
    if (forward != 0) continue;
    const int backward = orientation(b, a, p);
    if (backward == kUnsure) return Location::Unsure;
    if (backward == 0) return Location::Boundary;
  }
  int crossings = 0;
  for (std::size_t i = 1; i < ring.size(); ++i) {  // RayCrossingCounter::countSegment
    const Coord& p1 = ring[i - 1];
    const Coord& p2 = ring[i];
    if (p1.x < p.x && p2.x < p.x) continue;
    if (p.x == p2.x && p.y == p2.y) return Location::Interior;
    if (p1.y == p.y && p2.y == p.y) {
      const double min_x = std::min(p1.x, p2.x), max_x = std::max(p1.x, p2.x);
      if (p.x >= min_x && p.x <= max_x) return Location::Interior;
      continue;
    }
    if ((p1.y > p.y && p2.y <= p.y) || (p2.y > p.y && p1.y <= p.y)) {
      int side = orientation(p1, p2, p);
      if (side == kUnsure) return Location::Unsure;
      if (side == 0) return Location::Interior;
      if (p2.y < p1.y) side = -side;
      if (side > 0) ++crossings;
    }
  }
  return crossings % 2 == 1 ? Location::Interior : Location::Exterior;
}

struct Paths {
  std::span<const Coord> coords;
  std::span<const std::uint32_t> path_ends;
  std::span<const std::uint32_t> part_ends;

  std::span<const Coord> path(std::size_t q) const {
    const std::uint32_t begin = q == 0 ? 0 : path_ends[q - 1];
    return coords.subspan(begin, path_ends[q] - begin);
  }
  // The paths of part j, [first, last).
  std::pair<std::size_t, std::size_t> part(std::size_t j) const {
    return {j == 0 ? 0 : part_ends[j - 1], part_ends[j]};
  }
};

// PointLocator::locate(p, polygon): the shell, then the holes.
Location locate_in_polygon(const Coord& p, const Paths& g, std::size_t part) {
  const auto [first, last] = g.part(part);
  const Location shell = locate_in_ring(p, g.path(first));
  if (shell != Location::Interior) return shell;
  for (std::size_t q = first + 1; q < last; ++q) {
    const Location hole = locate_in_ring(p, g.path(q));
    if (hole == Location::Interior) return Location::Exterior;
    if (hole != Location::Exterior) return hole;  // on its boundary, or unsure
  }
  return Location::Interior;
}

// The paths GEOS is given, and whether GEOS builds each as it is (geos_convert: a part's first
// path for points and lines, every ring of a polygon, only the first part unless multi).
bool as_geos_builds(GeometryType type, const Paths& g, std::size_t parts) {
  for (std::size_t j = 0; j < parts; ++j) {
    const auto [first, last] = g.part(j);
    if (first >= last) return false;
    const bool polygon = is_polygonal(type);
    for (std::size_t q = first; q < (polygon ? last : first + 1); ++q) {
      std::span<const Coord> path = g.path(q);
      for (const Coord& c : path)
        if (!std::isfinite(c.x) || !std::isfinite(c.y)) return false;
      if (polygon && (path.size() < 4 || !same(path.front(), path.back()))) return false;
      if (is_lineal(type) && path.size() < 2) return false;
      if (!polygon && !is_lineal(type) && path.size() != 1) return false;
    }
  }
  return true;
}

}  // namespace

std::optional<double> point_distance(Coord p, GeometryType type, std::span<const Coord> coords,
                                     std::span<const std::uint32_t> path_ends,
                                     std::span<const std::uint32_t> part_ends) {
  if (coords.empty() || part_ends.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
  const Paths g{coords, path_ends, part_ends};
  const std::size_t parts = is_multi(type) ? part_ends.size() : 1;
  if (!as_geos_builds(type, g, parts)) return std::nullopt;

  // DistanceOp::computeContainmentDistance: in or on any polygon is 0.
  if (is_polygonal(type)) {
    for (std::size_t j = 0; j < parts; ++j) {
      const Location where = locate_in_polygon(p, g, j);
      if (where == Location::Unsure) return std::nullopt;
      if (where != Location::Exterior) return 0.0;
    }
  }

  // DistanceOp::computeMinDistancePoints: the nearest point.
  if (!is_polygonal(type) && !is_lineal(type)) {
    double min = std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < parts && min > 0; ++j)
      min = std::min(min, coord_distance(p, g.path(g.part(j).first)[0]));
    return min;
  }

  // DistanceOp::computeMinDistance(line, point) over every line or ring in order: the segment
  // nearest by pointToSegment (the first of equals), measured to its closest point.
  double min = std::numeric_limits<double>::infinity();
  Coord closest = p;
  for (std::size_t j = 0; j < parts && min > 0; ++j) {
    const auto [first, last] = g.part(j);
    for (std::size_t q = first; q < (is_polygonal(type) ? last : first + 1) && min > 0; ++q) {
      std::span<const Coord> line = g.path(q);
      if (envelope_distance(envelope_of(line), p) > min) continue;
      for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const double d = point_to_segment(p, line[i], line[i + 1]);
        if (d < min) {
          min = d;
          closest = closest_point(line[i], line[i + 1], p);
        }
        if (min <= 0) break;
      }
    }
  }
  return coord_distance(p, closest);
}

}  // namespace onemap::geo
