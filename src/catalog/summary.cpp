#include "catalog/summary.h"

#include <algorithm>

namespace onemap::catalog {

const char* to_string(FigureKind kind) {
  switch (kind) {
    case FigureKind::Count:
      return "count";
    case FigureKind::CountBy:
      return "count_by";
    case FigureKind::Area:
      return "area";
    case FigureKind::ClassTarget:
      return "class_target";
  }
  return "?";
}

std::optional<std::size_t> SummaryFigure::class_rank(const std::string& text) const {
  auto it = std::find(classes.begin(), classes.end(), text);
  if (it == classes.end()) return std::nullopt;
  return static_cast<std::size_t>(it - classes.begin());
}

}  // namespace onemap::catalog
