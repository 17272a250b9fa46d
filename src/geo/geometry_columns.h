#pragma once
// The geometries of one layer, stored column-wise: one topology (each feature's type, parts and
// paths) shared by one coordinate array per CRS. A feature costs its coordinates and a few
// offsets, where a Geometry per feature and CRS cost three vectors' headers and allocations each
// (about 3x the bytes for a five-vertex parcel). Read-only once built; any thread may read it.
#include "geo/geometry.h"

#include <cstdint>
#include <vector>

namespace onemap::geo {

class GeometryColumns {
 public:
  // `crs_count` coordinate arrays, all following the same topology.
  explicit GeometryColumns(std::size_t crs_count = 1) : coords_(crs_count) {}

  // Appends feature size() with `g`'s topology and coordinates as those of CRS 0; the other
  // CRSs' coordinates are filled later with set_coords. An empty geometry stands for a null one.
  void append(const Geometry& g);
  // Sets CRS `crs`'s coordinates of every feature at once: as many as CRS 0's, in its order.
  void set_coords(std::size_t crs, std::vector<Coord> coords);
  // Frees the spare capacity the appends left.
  void shrink_to_fit();

  std::size_t size() const { return types_.size(); }
  // Empty while the CRS's coordinates are not set.
  GeometryView view(std::uint32_t feature, std::size_t crs) const;
  GeometryType type(std::uint32_t feature) const { return types_[feature]; }
  bool empty(std::uint32_t feature) const { return first_coord_[feature] == first_coord_[feature + 1]; }
  // CRS `crs`'s coordinates of every feature, back to back: feature i's are
  // [coord_offset(i), coord_offset(i + 1)).
  const std::vector<Coord>& coords(std::size_t crs) const { return coords_[crs]; }
  std::uint32_t coord_offset(std::uint32_t feature) const { return first_coord_[feature]; }
  std::size_t bytes() const;

 private:
  std::vector<GeometryType> types_;
  // Per feature, where its parts, paths and coordinates start (one more entry: the end). The
  // path and part ends stored are relative to the feature's first path and coordinate, as a
  // Geometry's are, so a view is four spans into these arrays.
  std::vector<std::uint32_t> first_part_{0};
  std::vector<std::uint32_t> first_path_{0};
  std::vector<std::uint32_t> first_coord_{0};
  std::vector<std::uint32_t> part_ends_;
  std::vector<std::uint32_t> path_ends_;
  std::vector<std::vector<Coord>> coords_;
};

}  // namespace onemap::geo
