// point_distance against GEOS itself (a prepared point's GEOSPreparedDistance, what analysis
// asked GEOS before), bit for bit, on random polygons with holes, multipolygons, lines and points
// with a fixed seed, from points far, near, inside, in holes, on vertices and on edges.
#include "geo/point_distance.h"
#include "geo/geos_convert.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <random>

using namespace onemap::geo;

namespace {

double geos_distance(Coord p, const Geometry& g) {
  GeosContext& ctx = GeosContext::for_this_thread();
  Geometry point;
  point.type = GeometryType::Point;
  point.begin_part();
  point.add_path({p});
  GeosGeometryPtr from = to_geos(ctx, point);
  GeosPreparedPtr prepared = geos_prepare(ctx, from.get());
  GeosGeometryPtr to = to_geos(ctx, g);
  double d = -1;
  EXPECT_EQ(GEOSPreparedDistance_r(ctx.handle(), prepared.get(), to.get(), &d), 1);
  return d;
}

// A ring of `n` vertices around (x, y), radius r with some jitter, closed.
std::vector<Coord> random_ring(std::mt19937& rng, double x, double y, double r, int n, bool reverse) {
  std::uniform_real_distribution<double> jitter(0.6, 1.0);
  std::vector<Coord> ring;
  for (int k = 0; k < n; ++k) {
    double a = 2 * M_PI * (reverse ? n - k : k) / n;
    double s = jitter(rng);
    ring.push_back({x + r * s * std::cos(a), y + r * s * std::sin(a)});
  }
  ring.push_back(ring.front());
  return ring;
}

Geometry random_geometry(std::mt19937& rng, int kind) {
  std::uniform_real_distribution<double> at(0, 2000), size(5, 300);
  std::uniform_int_distribution<int> vertices(3, 12);
  double x = 500000 + at(rng), y = 3800000 + at(rng), r = size(rng);
  Geometry g;
  switch (kind) {
    case 0:
      g.type = GeometryType::Polygon;
      g.begin_part();
      g.add_path(random_ring(rng, x, y, r, vertices(rng), false));
      break;
    case 1:  // a polygon with a hole
      g.type = GeometryType::Polygon;
      g.begin_part();
      g.add_path(random_ring(rng, x, y, r, vertices(rng), false));
      g.add_path(random_ring(rng, x, y, r * 0.4, vertices(rng), true));
      break;
    case 2:
      g.type = GeometryType::MultiPolygon;
      for (int part = 0; part < 3; ++part) {
        g.begin_part();
        g.add_path(random_ring(rng, x + part * 2.5 * r, y, r, vertices(rng), false));
      }
      break;
    case 3: {  // an axis-aligned rectangle: points on its edges are exactly on them
      g.type = GeometryType::Polygon;
      g.begin_part();
      g.add_path({{x, y}, {x + r, y}, {x + r, y + r / 2}, {x, y + r / 2}, {x, y}});
      break;
    }
    case 4: {
      g.type = GeometryType::MultiLineString;
      for (int part = 0; part < 2; ++part) {
        g.begin_part();
        std::vector<Coord> line;
        const int n = vertices(rng) - 1;
        for (int k = 0; k < n; ++k) line.push_back({x + at(rng) / 5, y + at(rng) / 5});
        line.push_back(line.back());  // a repeated point: a segment of no length
        g.add_path(line);
      }
      break;
    }
    case 5:
      g.type = GeometryType::LineString;
      g.begin_part();
      g.add_path({{x, y}, {x + r, y}, {x + r, y + r}});
      break;
    default:
      g.type = kind == 6 ? GeometryType::Point : GeometryType::MultiPoint;
      for (int part = 0; part < (kind == 6 ? 1 : 4); ++part) {
        g.begin_part();
        g.add_path({{x + at(rng) / 10, y + at(rng) / 10}});
      }
  }
  return g;
}

// Points to measure from: far, near, inside, on every vertex, on edge midpoints.
std::vector<Coord> probes(std::mt19937& rng, const Geometry& g) {
  std::uniform_real_distribution<double> near(-400, 400), unit(0, 1);
  Envelope e = g.envelope();
  std::vector<Coord> out = {{e.min_x - 5000, e.min_y + 3}, {(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2}};
  for (int k = 0; k < 12; ++k) out.push_back({e.min_x + near(rng), e.min_y + near(rng)});
  for (int k = 0; k < 12; ++k)
    out.push_back({e.min_x + unit(rng) * (e.max_x - e.min_x), e.min_y + unit(rng) * (e.max_y - e.min_y)});
  for (std::size_t k = 0; k < g.coords.size(); ++k) {
    out.push_back(g.coords[k]);
    if (k + 1 < g.coords.size())
      out.push_back({(g.coords[k].x + g.coords[k + 1].x) / 2, (g.coords[k].y + g.coords[k + 1].y) / 2});
  }
  return out;
}

}  // namespace

TEST(PointDistance, EqualsGeosBitForBit) {
  std::mt19937 rng(20240612);
  int answered = 0, left_to_geos = 0, inside = 0;
  for (int n = 0; n < 1500; ++n) {
    const Geometry g = random_geometry(rng, n % 8);
    for (Coord p : probes(rng, g)) {
      std::optional<double> ours = point_distance(p, g);
      if (!ours) {
        ++left_to_geos;
        continue;
      }
      ++answered;
      if (*ours == 0) ++inside;
      const double theirs = geos_distance(p, g);
      ASSERT_EQ(*ours, theirs) << "geometry " << n << " (type " << geojson_type_name(g.type) << "), point "
                               << std::setprecision(17) << p.x << " " << p.y;
    }
  }
  // Only points on (or a rounding away from) a sloping edge need GEOS's extended precision.
  EXPECT_GT(answered, 30 * left_to_geos);
  EXPECT_GT(inside, 1000);
  std::cout << answered << " distances equal to GEOS's, " << inside << " of them 0; " << left_to_geos
            << " left to GEOS\n";
}

TEST(PointDistance, ShapesGeosWouldNotBuildAsTheyAreAreLeftToGeos) {
  Geometry open_ring;
  open_ring.type = GeometryType::Polygon;
  open_ring.begin_part();
  open_ring.add_path({{0, 0}, {1, 0}, {1, 1}, {0, 1}});
  EXPECT_FALSE(point_distance({5, 5}, open_ring));

  Geometry one_point_line;
  one_point_line.type = GeometryType::LineString;
  one_point_line.begin_part();
  one_point_line.add_path({{0, 0}});
  EXPECT_FALSE(point_distance({5, 5}, one_point_line));

  Geometry square;
  square.type = GeometryType::Polygon;
  square.begin_part();
  square.add_path({{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}});
  EXPECT_FALSE(point_distance({NAN, 1}, square));
  EXPECT_FALSE(point_distance({1, 1}, Geometry{}));
  EXPECT_EQ(point_distance({1, 1}, square), 0.0);
  EXPECT_EQ(point_distance({4, 2}, square), 0.0);  // on the boundary
  EXPECT_EQ(point_distance({7, 8}, square), 5.0);
}
