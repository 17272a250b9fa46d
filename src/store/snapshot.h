#pragma once
// Everything a request reads: the catalog and its loaded layers, immutable once built. A reload
// builds a new Snapshot and swaps it in atomically (SnapshotHolder); requests in flight keep
// the one they started with through their shared_ptr. A reload of some layers (an edit in
// PostGIS) shares every other layer, and the derived cache, with the snapshot before it.
#include "catalog/catalog.h"
#include "store/layer.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace onemap::store {

class Snapshot {
 public:
  catalog::Catalog catalog;
  geo::Crs analysis_crs;
  std::vector<std::shared_ptr<Layer>> layers;   // in catalog order
  std::shared_ptr<DerivedCache> derived_cache;  // every layer's `derived`, one budget (server.derived_cache_mb)
  std::uint64_t version = 0;                    // counts loads: 1 at startup, +1 per reload (of all layers or some)
  std::uint64_t config_version = 0;             // `version` of the last load of the whole configuration
  std::string data_fingerprint;                 // every layer's version combined (fingerprint.h)

  const Layer* find(std::string_view id) const;
  // What the tile cache keys tiles of these layers by: their versions, and the configuration's
  // (a whole reload may change how tiles are cut).
  std::uint64_t tile_version(const std::vector<const Layer*>& layers) const;
};

// Loads every layer of the catalog (in parallel) and projects it to the analysis CRS, which is
// the configured one or else the Gauss-Kruger zone of the data's centre. Throws LoadError.
std::shared_ptr<const Snapshot> load_snapshot(catalog::Catalog catalog, std::uint64_t version = 1);

// `current` with the layers named by `ids` read again from their sources (an edit was
// committed to them); every other layer is shared. A layer whose version did not change is kept
// as it was, caches and all. nullptr when none changed. Throws LoadError when one cannot be read
// or the rules no longer hold on what was read.
std::shared_ptr<const Snapshot> reload_layers(const Snapshot& current, const std::vector<std::string>& ids);

class SnapshotHolder {
 public:
  explicit SnapshotHolder(std::shared_ptr<const Snapshot> initial) : current_(std::move(initial)) {}
  std::shared_ptr<const Snapshot> get() const { return current_.load(); }
  void replace(std::shared_ptr<const Snapshot> next) { current_.store(std::move(next)); }

 private:
  std::atomic<std::shared_ptr<const Snapshot>> current_;
};

}  // namespace onemap::store
