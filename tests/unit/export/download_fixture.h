#pragma once
// A small city for download tests, served through the Api without sockets: two townships
// side by side (克井镇 west of x = 112.2, 思礼镇 east of it), plots inside, across and along the
// border, wells, tailings ponds as points or polygons (one layer of two geometry kinds), and
// properties with Chinese values and names too long for a Shapefile.
#include "api/router.h"
#include "fixtures.h"
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace onemap::testing {

class DownloadFixture {
 public:
  // `max_exports`: server.max_exports. Exports are written under jobs_dir() (server.jobs_dir).
  // `with_springs`: a fourth layer, springs, with one point in 思礼镇 and none in 克井镇.
  explicit DownloadFixture(std::size_t max_exports = 2, bool with_springs = false);
  ~DownloadFixture();

  http::Response get(const std::string& target, const std::string& accept = "") const;
  static nlohmann::json body(const http::Response& r) { return nlohmann::json::parse(r.body().read_all()); }

  // Every regular file under server.jobs_dir (where the exports directory lives).
  std::size_t files_under_jobs_dir() const;
  std::filesystem::path jobs_dir() const { return dir_ / "jobs"; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  std::shared_ptr<const store::Snapshot> snapshot;

 private:
  TempDir dir_;
  std::unique_ptr<store::SnapshotHolder> holder_;
  std::unique_ptr<api::Api> api_;
};

}  // namespace onemap::testing
