#pragma once
#include "catalog/summary.h"
#include "catalog/yaml_read.h"

#include <vector>

namespace onemap::catalog {

// Reads the `zonal_summary` list of rules.yaml (null or absent: no figures). Fails through `r`,
// naming the file, the figure and the field.
std::vector<SummaryFigure> parse_summary_figures(YamlReader& r, const YAML::Node& node);

}  // namespace onemap::catalog
