#include "tiles/tile_clip.h"

#include <array>

namespace onemap::tiles {
namespace {

using geo::Coord;

geo::Envelope envelope_of(const Coord* begin, const Coord* end) {
  geo::Envelope e;
  for (const Coord* c = begin; c != end; ++c) e.expand(*c);
  return e;
}

// One Sutherland–Hodgman pass against the half-plane "axis coordinate on the kept side of
// `limit`". The ring is open here (no repeated closing point): the pass wraps around itself.
template <bool kAxisX, bool kKeepAbove>
void clip_pass(const std::vector<Coord>& in, double limit, std::vector<Coord>& out) {
  out.clear();
  if (in.empty()) return;
  auto coord = [](const Coord& c) { return kAxisX ? c.x : c.y; };
  auto keep = [&](const Coord& c) { return kKeepAbove ? coord(c) >= limit : coord(c) <= limit; };
  auto cross = [&](const Coord& p, const Coord& q) {
    const double t = (limit - coord(p)) / (coord(q) - coord(p));
    // The clipped coordinate is set to the limit exactly, so edges on the box stay straight.
    return kAxisX ? Coord{limit, p.y + t * (q.y - p.y)} : Coord{p.x + t * (q.x - p.x), limit};
  };
  Coord prev = in.back();
  bool prev_in = keep(prev);
  for (const Coord& cur : in) {
    const bool cur_in = keep(cur);
    if (cur_in != prev_in) out.push_back(cross(prev, cur));
    if (cur_in) out.push_back(cur);
    prev = cur;
    prev_in = cur_in;
  }
}

// Liang–Barsky: narrows [t0, t1] to the part of p + t·d inside the box; false if none is.
bool clip_segment(Coord p, Coord q, const geo::Envelope& box, double& t0, double& t1) {
  const double dx = q.x - p.x, dy = q.y - p.y;
  const std::array<double, 4> pk = {-dx, dx, -dy, dy};
  const std::array<double, 4> qk = {p.x - box.min_x, box.max_x - p.x, p.y - box.min_y, box.max_y - p.y};
  for (std::size_t k = 0; k < 4; ++k) {
    if (pk[k] == 0) {
      if (qk[k] < 0) return false;  // parallel to this edge and outside it
      continue;
    }
    const double r = qk[k] / pk[k];
    if (pk[k] < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return true;
}

Coord lerp(Coord p, Coord q, double t) { return {p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)}; }

}  // namespace

void clip_ring(const Coord* begin, const Coord* end, const geo::Envelope& box, std::vector<Coord>& out,
               std::vector<Coord>& scratch) {
  out.clear();
  if (end - begin < 4) return;
  const geo::Envelope e = envelope_of(begin, end);
  if (!e.intersects(box)) return;
  if (box.contains(e)) {  // the common case at high zoom: nothing to cut
    out.assign(begin, end);
    return;
  }
  out.assign(begin, end - 1);  // open ring for the passes
  clip_pass<true, true>(out, box.min_x, scratch);
  clip_pass<true, false>(scratch, box.max_x, out);
  clip_pass<false, true>(out, box.min_y, scratch);
  clip_pass<false, false>(scratch, box.max_y, out);
  if (out.size() < 3) {
    out.clear();
    return;
  }
  out.push_back(out.front());
}

void clip_line(const Coord* begin, const Coord* end, const geo::Envelope& box, std::vector<Coord>& out,
               std::vector<std::uint32_t>& ends) {
  if (end - begin < 2) return;
  const geo::Envelope e = envelope_of(begin, end);
  if (!e.intersects(box)) return;
  if (box.contains(e)) {
    out.insert(out.end(), begin, end);
    ends.push_back(static_cast<std::uint32_t>(out.size()));
    return;
  }
  bool open = false;  // whether the last segment ended inside the box, so the piece goes on
  for (const Coord* p = begin; p + 1 != end; ++p) {
    double t0 = 0, t1 = 1;
    if (!clip_segment(p[0], p[1], box, t0, t1)) {
      if (open) ends.push_back(static_cast<std::uint32_t>(out.size()));
      open = false;
      continue;
    }
    if (!open) out.push_back(t0 == 0 ? p[0] : lerp(p[0], p[1], t0));
    out.push_back(t1 == 1 ? p[1] : lerp(p[0], p[1], t1));
    open = t1 == 1;
    if (!open) ends.push_back(static_cast<std::uint32_t>(out.size()));
  }
  if (open) ends.push_back(static_cast<std::uint32_t>(out.size()));
}

}  // namespace onemap::tiles
