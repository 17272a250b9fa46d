#include "api_test_support.h"

#include <fstream>

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
  c.attribution = "© 测试数据";
  // The web map's files: a page, a script, and what must never be served (a hidden file, a
  // file beside web/).
  std::filesystem::create_directories(dir_ / "web" / "src");
  std::ofstream(dir_ / "web" / "index.html")
      << "<!doctype html><meta charset=utf-8><title>一张图</title>" << std::string(400, ' ') << "<p>地图</p>\n";
  std::ofstream(dir_ / "web" / "src" / "app.js") << "export const answer = 42;\n";
  std::ofstream(dir_ / "web" / ".env") << "SECRET=1\n";
  std::ofstream(dir_ / "secret.txt") << "outside web/\n";
  c.web_dir = dir_ / "web";
  // zones are styled by a style file; sites get the default style by geometry.
  c.styles["zone_tiers"] = R"({"order": 50, "layers": [
      {"id": "fill", "type": "fill", "paint": {"fill-color": ["match", ["get", "name"], "一级保护区", "#08519c", "#9ecae1"]}},
      {"id": "label", "type": "symbol", "layout": {"text-field": ["get", "name"]}}]})";
  for (std::string id : {"sites", "zones"}) {
    catalog::LayerConfig layer;
    layer.id = layer.source_layer = id;
    layer.title = id == "sites" ? "站点" : "保护区";
    layer.title_en = id == "sites" ? "Sites" : "Zones";
    layer.theme = id == "sites" ? "水" : "土";
    layer.source = (dir_ / "d.gpkg").string();
    layer.defined_in = "test";
    if (id == "sites") {
      layer.attribution = "© Site survey";
      layer.fields = {{"name", "名称", "Name", {}},
                      {"flag", "标记", "Flag", {{"true", "是", "yes"}, {"false", "否", "no"}}}};
    } else {
      layer.style = "zone_tiers";
    }
    c.layers.push_back(layer);
  }
  if (adjust) adjust(c);
  snapshot = store::load_snapshot(c);
  holder_ = std::make_unique<store::SnapshotHolder>(snapshot);
  api_ = std::make_unique<api::Api>(*holder_);
  api_->set_bind_url("http://example.org:8080");
}

http::Response ApiFixture::get(const std::string& target) const { return get(target, {}); }

http::Response ApiFixture::get(const std::string& target,
                               std::initializer_list<std::pair<http::beast_http::field, std::string>> headers) const {
  http::Request request{http::beast_http::verb::get, target, 11};
  request.set(http::beast_http::field::host, "evil.example");  // never trusted for links
  for (const auto& [field, value] : headers) request.set(field, value);
  return api_->handle(request);
}

}  // namespace onemap::testing
