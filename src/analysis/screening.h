#pragma once
// The citywide sweep (the environment bureau's ledger): every rule against every feature of its
// source layer, one finding per feature in breach.
#include "analysis/findings.h"
#include "store/layer_set.h"

#include <vector>

namespace onemap::analysis {

// For each rule (of snapshot.catalog.rules), each source feature meeting its conditions and
// planned use that is in breach: with the nearest target within reach (within_distance,
// adjacent), the most severe then largest target it shares ground with (intersects), or none
// (plot_attribute). Sorted as sort_findings does.
// Rules the caller cannot see (LayerSet::sees) are skipped: a finding never names a hidden layer.
std::vector<Finding> screen(const store::LayerSet& layers, const std::vector<const catalog::Rule*>& rules);

// The source features a rule is about: meeting its `where` and, if it has one, its planned use.
std::vector<std::uint32_t> rule_sources(const store::Layer& source, const catalog::RuleSet& rules,
                                        const catalog::Rule& rule);

}  // namespace onemap::analysis
