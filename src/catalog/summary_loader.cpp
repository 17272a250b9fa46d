#include "catalog/summary_loader.h"

#include <algorithm>

namespace onemap::catalog {
namespace {

std::optional<FigureKind> parse_kind(const std::string& text) {
  if (text == "count") return FigureKind::Count;
  if (text == "count_by") return FigureKind::CountBy;
  if (text == "area") return FigureKind::Area;
  if (text == "class_target") return FigureKind::ClassTarget;
  return std::nullopt;
}

SummaryFigure parse_figure(YamlReader& r, const YAML::Node& node) {
  SummaryFigure f;
  if (node.IsMap()) f.key = r.get<std::string>(node, "key", "");
  if (f.key.empty()) r.fail("every zonal_summary figure needs a key");
  r.at("zonal_summary figure '" + f.key + "'");
  // "id" and "name" are the zone's own keys in the output.
  if (f.key == "id" || f.key == "name") r.fail("key '" + f.key + "' is reserved for the zone itself");
  r.check_keys(node, "the figure", {"key", "title", "kind", "of", "by", "class", "target", "classes"});
  f.title = r.get<std::string>(node, "title", f.key);
  std::string kind = r.required(node, "kind");
  auto parsed = parse_kind(kind);
  if (!parsed) r.fail("kind '" + kind + "' is not one of count, count_by, area, class_target");
  f.kind = *parsed;
  f.of = r.feature_set(node["of"], "of");
  f.by = r.get<std::string>(node, "by", "");
  if (f.kind == FigureKind::CountBy && f.by.empty()) r.fail("count_by needs 'by', the property to group by");
  if ((f.kind == FigureKind::Count || f.kind == FigureKind::ClassTarget) && !f.by.empty())
    r.fail(kind + " takes no 'by'");

  bool class_fields = node["class"] || node["target"] || node["classes"];
  if (f.kind != FigureKind::ClassTarget) {
    if (class_fields) r.fail(kind + " takes no class, target or classes");
    return f;
  }
  f.class_property = r.required(node, "class");
  f.target_property = r.required(node, "target");
  f.classes = r.get<std::vector<std::string>>(node, "classes", {});
  if (f.classes.size() < 2) r.fail("classes must list at least two classes, best first");
  for (auto it = f.classes.begin(); it != f.classes.end(); ++it)
    if (std::find(std::next(it), f.classes.end(), *it) != f.classes.end()) r.fail("classes lists '" + *it + "' twice");
  return f;
}

}  // namespace

std::vector<SummaryFigure> parse_summary_figures(YamlReader& r, const YAML::Node& node) {
  std::vector<SummaryFigure> out;
  if (!node || node.IsNull()) return out;
  if (!node.IsSequence()) r.fail("'zonal_summary' must be a list of figures");
  for (const auto& entry : node) {
    SummaryFigure f = parse_figure(r, entry);
    if (std::any_of(out.begin(), out.end(), [&](const SummaryFigure& o) { return o.key == f.key; }))
      r.fail("the key is used by an earlier figure too");
    out.push_back(std::move(f));
    r.at("");
  }
  return out;
}

}  // namespace onemap::catalog
