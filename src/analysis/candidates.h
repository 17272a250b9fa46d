#pragma once
// The first, cheap step of every search: the layer's metric index, queried with the search box
// widened by the distance, gives the features that may lie within reach; envelope distances
// (a lower bound of the true distance) order them so a nearest search can stop early.
#include "geo/geometry.h"
#include "store/layer.h"

#include <cstdint>
#include <vector>

namespace onemap::analysis {

struct Candidate {
  std::uint32_t index;
  double envelope_distance;  // ≤ the distance between the geometries
};

// Features whose metric envelope lies within `reach` metres of `box`, nearest envelope first.
std::vector<Candidate> candidates_near(const store::Layer& layer, const geo::Envelope& box, double reach);

double envelope_distance(const geo::Envelope& a, const geo::Envelope& b);

}  // namespace onemap::analysis
