#include "geo/geometry_columns.h"

#include "geo/geo_error.h"

#include <limits>

namespace onemap::geo {

void GeometryColumns::append(const Geometry& g) {
  if (coords_[0].size() + g.coords.size() > std::numeric_limits<std::uint32_t>::max())
    throw GeoError("a layer of more than 4,294,967,295 coordinates");
  types_.push_back(g.type);
  if (!g.empty()) {
    part_ends_.insert(part_ends_.end(), g.part_ends.begin(), g.part_ends.end());
    path_ends_.insert(path_ends_.end(), g.path_ends.begin(), g.path_ends.end());
    coords_[0].insert(coords_[0].end(), g.coords.begin(), g.coords.end());
  }
  first_part_.push_back(static_cast<std::uint32_t>(part_ends_.size()));
  first_path_.push_back(static_cast<std::uint32_t>(path_ends_.size()));
  first_coord_.push_back(static_cast<std::uint32_t>(coords_[0].size()));
}

void GeometryColumns::set_coords(std::size_t crs, std::vector<Coord> coords) {
  if (coords.size() != coords_[0].size()) throw GeoError("coordinate column of the wrong length");
  coords_[crs] = std::move(coords);
}

void GeometryColumns::shrink_to_fit() {
  for (auto* v : {&first_part_, &first_path_, &first_coord_, &part_ends_, &path_ends_}) v->shrink_to_fit();
  types_.shrink_to_fit();
  for (auto& c : coords_) c.shrink_to_fit();
}

GeometryView GeometryColumns::view(std::uint32_t feature, std::size_t crs) const {
  const std::uint32_t part = first_part_[feature], path = first_path_[feature], coord = first_coord_[feature];
  if (coords_[crs].size() != coords_[0].size()) return {types_[feature], {}, {}, {}};  // not set yet
  return {types_[feature], std::span(coords_[crs]).subspan(coord, first_coord_[feature + 1] - coord),
          std::span(path_ends_).subspan(path, first_path_[feature + 1] - path),
          std::span(part_ends_).subspan(part, first_part_[feature + 1] - part)};
}

std::size_t GeometryColumns::bytes() const {
  std::size_t n = types_.capacity() + (first_part_.capacity() + first_path_.capacity() + first_coord_.capacity() +
                                       part_ends_.capacity() + path_ends_.capacity()) *
                                          sizeof(std::uint32_t);
  for (const auto& c : coords_) n += c.capacity() * sizeof(Coord);
  return n;
}

}  // namespace onemap::geo
