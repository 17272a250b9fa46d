#pragma once
// The HTTP edge of OneMap: matches the route, runs its handler on the current data snapshot,
// and maps domain errors to JSON problem responses.
#include "http/types.h"
#include "store/snapshot.h"

namespace onemap::api {

class Api {
 public:
  explicit Api(const store::SnapshotHolder& data) : data_(data) {}
  http::Response handle(const http::Request& request) const;

 private:
  const store::SnapshotHolder& data_;
};

}  // namespace onemap::api
