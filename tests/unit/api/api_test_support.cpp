#include "api_test_support.h"

namespace onemap::testing {

ApiFixture::ApiFixture(const std::function<void(catalog::Catalog&)>& adjust) {
  std::vector<FixtureFeature> sites;
  for (int row = 0; row < 5; ++row)
    for (int col = 0; col < 5; ++col) {
      int n = row * 5 + col;
      sites.push_back({"POINT (" + std::to_string(112.0 + col * 0.1) + " " + std::to_string(35.0 + row * 0.1) + ")",
                       "site-" + std::to_string(row) + "-" + std::to_string(col), n, n % 2 == 0, n / 4.0,
                       "2024-01-01"});
    }
  write_gpkg_layer(dir_ / "d.gpkg", "sites", 4490, sites);
  write_gpkg_layer(dir_ / "d.gpkg", "zones", 4490,
                   {{"POLYGON ((112.0 35.0, 112.1 35.0, 112.1 35.1, 112.0 35.1, 112.0 35.0))", "一级保护区"},
                    {"POLYGON ((112.3 35.3, 112.4 35.4, 112.4 35.3, 112.3 35.4, 112.3 35.3))", "bowtie"}});
  catalog::Catalog c;
  c.title = "测试";
  c.analysis_crs = geo::Crs{4547};
  for (std::string id : {"sites", "zones"}) {
    catalog::LayerConfig layer;
    layer.id = layer.source_layer = id;
    layer.title = id == "sites" ? "站点" : "保护区";
    layer.source = (dir_ / "d.gpkg").string();
    layer.defined_in = "test";
    c.layers.push_back(layer);
  }
  if (adjust) adjust(c);
  snapshot = store::load_snapshot(c);
  holder_ = std::make_unique<store::SnapshotHolder>(snapshot);
  api_ = std::make_unique<api::Api>(*holder_);
  api_->set_bind_url("http://example.org:8080");
}

http::Response ApiFixture::get(const std::string& target) const {
  http::Request request{http::beast_http::verb::get, target, 11};
  request.set(http::beast_http::field::host, "evil.example");  // never trusted for links
  return api_->handle(request);
}

http::Response ApiFixture::get(const std::string& target, http::beast_http::field field,
                               const std::string& value) const {
  http::Request request{http::beast_http::verb::get, target, 11};
  request.set(http::beast_http::field::host, "evil.example");
  request.set(field, value);
  return api_->handle(request);
}

}  // namespace onemap::testing
