#pragma once
// The HTTP edge of OneMap: matches the route, runs its handler on the current data snapshot,
// and maps domain errors to JSON problem responses.
#include "http/types.h"
#include "store/snapshot.h"

#include <memory>

namespace onemap::tiles {
class TileCache;
}

namespace onemap::api {

class Api {
 public:
  // The tile cache is sized from the initial snapshot's server settings.
  explicit Api(const store::SnapshotHolder& data);
  ~Api();
  http::Response handle(const http::Request& request) const;

 private:
  const store::SnapshotHolder& data_;
  std::unique_ptr<tiles::TileCache> tile_cache_;
};

}  // namespace onemap::api
