#include "glyphs/sdf.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace onemap::glyphs {
namespace {

// "Infinitely far", yet finite: differences of two such values must stay numbers (inf - inf is
// NaN), and 1e20 + q² == 1e20 keeps far pixels far.
constexpr double kFar = 1e20;

// Scratch lines for the 1-D transform, sized once per glyph.
struct Lines {
  std::vector<double> f;       // the line's input values
  std::vector<double> z;       // where each parabola of the lower envelope begins
  std::vector<std::size_t> v;  // the parabolas of the envelope, by their vertex
};

// The squared Euclidean distance transform of one line of the grid, in place (Felzenszwalb and
// Huttenlocher, "Distance Transforms of Sampled Functions", 2012): out[q] = min_p f[p] + (q−p)².
// The lower envelope of the parabolas rooted at each p is built left to right, then read off.
void transform_line(double* grid, std::size_t stride, std::size_t length, Lines& s) {
  for (std::size_t q = 0; q < length; ++q) s.f[q] = grid[q * stride];
  std::size_t k = 0;
  s.v[0] = 0;
  s.z[0] = -kFar;
  s.z[1] = kFar;
  for (std::size_t q = 1; q < length; ++q) {
    double meet;  // where parabola q overtakes the envelope's last parabola
    while (true) {
      const std::size_t r = s.v[k];
      const double dq = static_cast<double>(q), dr = static_cast<double>(r);
      meet = ((s.f[q] + dq * dq) - (s.f[r] + dr * dr)) / (2 * (dq - dr));
      if (meet > s.z[k] || k == 0) break;
      --k;  // parabola r is hidden below q everywhere it led: drop it
    }
    ++k;
    s.v[k] = q;
    s.z[k] = meet;
    s.z[k + 1] = kFar;
  }
  k = 0;
  for (std::size_t q = 0; q < length; ++q) {
    while (s.z[k + 1] < static_cast<double>(q)) ++k;
    const double d = static_cast<double>(q) - static_cast<double>(s.v[k]);
    grid[q * stride] = s.f[s.v[k]] + d * d;
  }
}

// Columns, then rows: the 2-D transform is separable.
void transform(std::vector<double>& grid, std::size_t width, std::size_t height, Lines& s) {
  for (std::size_t x = 0; x < width; ++x) transform_line(grid.data() + x, width, height, s);
  for (std::size_t y = 0; y < height; ++y) transform_line(grid.data() + y * width, 1, width, s);
}

}  // namespace

std::string signed_distance_field(const unsigned char* coverage, int width, int height, std::ptrdiff_t pitch,
                                  const SdfSettings& settings) {
  const std::size_t w = static_cast<std::size_t>(std::max(width, 0) + 2 * settings.buffer);
  const std::size_t h = static_cast<std::size_t>(std::max(height, 0) + 2 * settings.buffer);
  // outside: squared distance to the glyph; inside: squared distance to the background. A
  // partly covered pixel lies on the edge, at (0.5 − coverage) px from it.
  std::vector<double> outside(w * h, kFar), inside(w * h, 0.0);
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = coverage + y * pitch;
    for (int x = 0; x < width; ++x) {
      const std::size_t i = (y + settings.buffer) * w + x + settings.buffer;
      const double a = row[x] / 255.0;
      if (row[x] == 255) {
        outside[i] = 0;
        inside[i] = kFar;
      } else if (row[x] != 0) {
        const double out = std::max(0.0, 0.5 - a), in = std::max(0.0, a - 0.5);
        outside[i] = out * out;
        inside[i] = in * in;
      }
    }
  }
  Lines lines{std::vector<double>(std::max(w, h)), std::vector<double>(std::max(w, h) + 1),
              std::vector<std::size_t>(std::max(w, h))};
  transform(outside, w, h, lines);
  transform(inside, w, h, lines);

  std::string field(w * h, '\0');
  for (std::size_t i = 0; i < w * h; ++i) {
    const double d = std::sqrt(outside[i]) - std::sqrt(inside[i]);
    const double value = std::round(255 - 255 * (d / settings.radius + settings.cutoff));
    field[i] = static_cast<char>(static_cast<unsigned char>(std::clamp(value, 0.0, 255.0)));
  }
  return field;
}

}  // namespace onemap::glyphs
