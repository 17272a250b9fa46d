#pragma once
// The layers of a snapshot that one caller may see: what every route and every analysis reads
// through, so a layer hidden from a role cannot leak by any path (a listing, a rule's target,
// a township name). Cheap to build per request (a pointer per visible layer).
#include "store/snapshot.h"

#include <functional>
#include <string_view>
#include <vector>

namespace onemap::store {

class LayerSet {
 public:
  // The layers `role` may see (catalog::may_see), in catalog order.
  LayerSet(const Snapshot& snapshot, std::string_view role);
  // The layers `visible` admits, in catalog order: any set a configuration of roles could give
  // (the fuzz target of rule scope draws them at random).
  LayerSet(const Snapshot& snapshot, const std::function<bool(const Layer&)>& visible);
  // Every layer (tools, tests, startup checks).
  static LayerSet all(const Snapshot& snapshot) { return LayerSet(snapshot, catalog::kAdminRole); }

  const Snapshot& snapshot() const { return *snapshot_; }
  const Layer* find(std::string_view id) const;
  const std::vector<const Layer*>& layers() const { return layers_; }
  // Whether a rule can be run for, listed to or named to this caller: every layer it reads
  // (Rule::layers) is visible. Analysis code may then look up any of them unchecked.
  bool sees(const catalog::Rule& rule) const;

 private:
  const Snapshot* snapshot_;
  std::vector<const Layer*> layers_;
};

}  // namespace onemap::store
