#pragma once
// Everything a request reads: the catalog and its loaded layers, immutable once built. A reload
// builds a new Snapshot and swaps it in atomically (SnapshotHolder); requests in flight keep
// the one they started with through their shared_ptr.
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
  std::vector<std::unique_ptr<Layer>> layers;   // in catalog order
  std::shared_ptr<DerivedCache> derived_cache;  // every layer's `derived`, one budget (server.derived_cache_mb)
  std::uint64_t version = 0;                    // counts loads: 1 at startup, +1 per reload
  std::string data_fingerprint;                 // a digest of the data (fingerprint.h): what clients cache by

  const Layer* find(std::string_view id) const;
};

// Loads every layer of the catalog (in parallel) and projects it to the analysis CRS, which is
// the configured one or else the Gauss-Kruger zone of the data's centre. Throws LoadError.
std::shared_ptr<const Snapshot> load_snapshot(catalog::Catalog catalog, std::uint64_t version = 1);

class SnapshotHolder {
 public:
  explicit SnapshotHolder(std::shared_ptr<const Snapshot> initial) : current_(std::move(initial)) {}
  std::shared_ptr<const Snapshot> get() const { return current_.load(); }
  void replace(std::shared_ptr<const Snapshot> next) { current_.store(std::move(next)); }

 private:
  std::atomic<std::shared_ptr<const Snapshot>> current_;
};

}  // namespace onemap::store
