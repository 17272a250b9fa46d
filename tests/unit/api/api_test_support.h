#pragma once
// Calls the API as the server would, without sockets, on a small dataset with known answers.
#include "api/router.h"
#include "fixtures.h"
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>

namespace onemap::testing {

class ApiFixture {
 public:
  // Layer "sites": 25 points on a 5x5 grid, lon 112.0..112.4, lat 35.0..35.4 (step 0.1),
  // name "site-<row>-<col>", count = row*5+col, flag = (count is even).
  // Layer "zones": two polygons: the square 112.0..112.1 x 35.0..35.1, and a bow-tie.
  // Catalog: attribution "© 测试数据" ("© Site survey" for sites); sites have field titles and
  // the default style, zones the style file "zone_tiers"; a web/ folder with index.html,
  // src/app.js and a hidden .env, and secret.txt beside it.
  // `adjust` may change the catalog before the data is loaded (its fonts, say).
  explicit ApiFixture(const std::function<void(catalog::Catalog&)>& adjust = {});

  http::Response get(const std::string& target) const;
  http::Response get(const std::string& target,
                     std::initializer_list<std::pair<http::beast_http::field, std::string>> headers) const;
  static nlohmann::json body(const http::Response& r) { return nlohmann::json::parse(r.body().read_all()); }

  std::shared_ptr<const store::Snapshot> snapshot;

 private:
  TempDir dir_;
  std::unique_ptr<store::SnapshotHolder> holder_;
  std::unique_ptr<api::Api> api_;
};

}  // namespace onemap::testing
