#include "geo/packed_rtree.h"

#include <numeric>

namespace onemap::geo {
namespace {

// The position of (x, y) along a Hilbert curve through a 2^16 × 2^16 grid (Warren's "Hacker's
// Delight" method, branch-free, as flatbush does it).
std::uint32_t hilbert(std::uint32_t x, std::uint32_t y) {
  std::uint32_t a = x ^ y;
  std::uint32_t b = 0xFFFF ^ a;
  std::uint32_t c = 0xFFFF ^ (x | y);
  std::uint32_t d = x & (y ^ 0xFFFF);

  std::uint32_t A = a | (b >> 1);
  std::uint32_t B = (a >> 1) ^ a;
  std::uint32_t C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
  std::uint32_t D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;

  a = A, b = B, c = C, d = D;
  A = (a & (a >> 2)) ^ (b & (b >> 2));
  B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
  C ^= (a & (c >> 2)) ^ (b & (d >> 2));
  D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));

  a = A, b = B, c = C, d = D;
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C ^= (a & (c >> 4)) ^ (b & (d >> 4));
  D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));

  a = A, b = B, c = C, d = D;
  C ^= (a & (c >> 8)) ^ (b & (d >> 8));
  D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));

  a = C ^ (C >> 1);
  b = D ^ (D >> 1);

  std::uint32_t i0 = x ^ y;
  std::uint32_t i1 = b | (0xFFFF ^ (i0 | a));

  i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
  i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
  i0 = (i0 | (i0 << 2)) & 0x33333333;
  i0 = (i0 | (i0 << 1)) & 0x55555555;

  i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
  i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
  i1 = (i1 | (i1 << 2)) & 0x33333333;
  i1 = (i1 | (i1 << 1)) & 0x55555555;

  return (i1 << 1) | i0;
}

// A coordinate's cell on the curve's grid over [lo, lo + span] (0 for what is not a number).
std::uint32_t grid_cell(double v, double lo, double span) {
  const double cell = span > 0 ? std::floor((v - lo) / span * 65535.0) : 0.0;
  return cell >= 0 ? static_cast<std::uint32_t>(std::min(cell, 65535.0)) : 0;
}

}  // namespace

std::vector<std::uint32_t> PackedRTree::hilbert_sorted(const std::vector<Envelope>& boxes,
                                                       std::vector<std::uint32_t> items) {
  Envelope extent;
  for (std::uint32_t i : items) extent.expand(boxes.at(i));
  const double width = extent.max_x - extent.min_x, height = extent.max_y - extent.min_y;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order;  // (1 + Hilbert position or 0, item)
  order.reserve(items.size());
  for (std::uint32_t i : items) {
    const Envelope& b = boxes[i];
    order.emplace_back(b.empty()
                           ? 0
                           : std::uint64_t{1} + hilbert(grid_cell(b.min_x / 2 + b.max_x / 2, extent.min_x, width),
                                                        grid_cell(b.min_y / 2 + b.max_y / 2, extent.min_y, height)),
                       i);
  }
  std::sort(order.begin(), order.end());  // ties by item, so the order does not depend on the input's
  for (std::size_t k = 0; k < order.size(); ++k) items[k] = order[k].second;
  return items;
}

PackedRTree::PackedRTree(const std::vector<Envelope>& boxes) {
  std::vector<std::uint32_t> items(boxes.size());
  std::iota(items.begin(), items.end(), 0u);
  build(boxes, std::move(items));
}

PackedRTree::PackedRTree(const std::vector<Envelope>& boxes, const std::vector<std::uint32_t>& items) {
  for (std::uint32_t i : items) (void)boxes.at(i);  // an item out of range is a caller's bug: say so now
  build(boxes, items);
}

void PackedRTree::build(const std::vector<Envelope>& boxes, std::vector<std::uint32_t> items) {
  std::erase_if(items, [&](std::uint32_t i) { return boxes[i].empty(); });
  items_ = items.size();
  if (items_ == 0) return;

  items = hilbert_sorted(boxes, std::move(items));

  std::size_t total = items_;
  for (std::size_t n = items_; n > 1 || total == items_;) {
    n = (n + kNodeSize - 1) / kNodeSize;
    total += n;
  }
  boxes_.reserve(total);
  refs_.reserve(total);
  for (std::uint32_t i : items) {
    boxes_.push_back(boxes[i]);
    refs_.push_back(i);
  }
  level_ends_.push_back(items_);
  // Each level groups the one below in runs of kNodeSize, until one node (the root) is left;
  // even a single item gets a root above it.
  for (std::size_t begin = 0, end = items_;;) {
    for (std::size_t first = begin; first < end; first += kNodeSize) {
      Envelope box;
      const std::size_t last = std::min<std::size_t>(first + kNodeSize, end);
      for (std::size_t c = first; c < last; ++c) box.expand(boxes_[c]);
      boxes_.push_back(box);
      refs_.push_back(static_cast<std::uint32_t>(first));
    }
    level_ends_.push_back(boxes_.size());
    if (boxes_.size() - end == 1) break;
    begin = end;
    end = boxes_.size();
  }
}

std::size_t PackedRTree::bytes() const {
  return sizeof(*this) + boxes_.capacity() * sizeof(Envelope) + refs_.capacity() * sizeof(std::uint32_t) +
         level_ends_.capacity() * sizeof(std::size_t);
}

void PackedRTree::query(const Envelope& box, std::vector<std::uint32_t>& out) const {
  if (items_ == 0 || box.empty()) return;
  std::vector<std::size_t> stack = {boxes_.size() - 1};
  while (!stack.empty()) {
    const std::size_t node = stack.back();
    stack.pop_back();
    const std::size_t first = refs_[node];
    const std::size_t end = std::min<std::size_t>(first + kNodeSize, level_end(first));
    for (std::size_t c = first; c < end; ++c) {
      if (!box.intersects(boxes_[c])) continue;
      if (c < items_)
        out.push_back(refs_[c]);
      else
        stack.push_back(c);
    }
  }
}

}  // namespace onemap::geo
