#include "download_fixture.h"

#include "layer_writer.h"

namespace onemap::testing {

DownloadFixture::DownloadFixture(std::size_t max_exports, bool with_springs) {
  const auto gpkg = dir_ / "city.gpkg";
  write_layer(gpkg, 4490,
              {"townships",
               {{"name", 's'}, {"code", 's'}},
               {{"POLYGON ((112.0 35.0, 112.2 35.0, 112.2 35.2, 112.0 35.2, 112.0 35.0))", {"克井镇", "419001101"}},
                {"POLYGON ((112.2 35.0, 112.4 35.0, 112.4 35.2, 112.2 35.2, 112.2 35.0))", {"思礼镇", "419001102"}}},
               wkbPolygon});
  // Columns: a name, two long names that shorten to the same 10 bytes, a Chinese name of 12
  // bytes, a boolean, a real, a date, and text a spreadsheet would take for a formula.
  write_layer(gpkg, 4490,
              {"plots",
               {{"name", 's'},
                {"main_pollutants", 's'},
                {"main_pollutants_2021", 's'},
                {"污染物说明", 's'},
                {"heavily_polluted", 'b'},
                {"area_mu", 'r'},
                {"surveyed", 'd'},
                {"note", 's'}},
               {{"POLYGON ((112.05 35.05, 112.1 35.05, 112.1 35.1, 112.05 35.1, 112.05 35.05))",
                 {"宏发铜业", "镉", "镉、铅", "重金属", "true", "12.5", "2024-05-01", "=1+1"}},
                {"POLYGON ((112.15 35.05, 112.25 35.05, 112.25 35.1, 112.15 35.1, 112.15 35.05))",
                 {"中银铜业", "铅", "铅", "跨界", "false", "30", "2023-01-02", "跨两镇"}},
                {"POLYGON ((112.3 35.05, 112.35 35.05, 112.35 35.1, 112.3 35.1, 112.3 35.05))",
                 {"华宇金铅", "砷", "", "", "true", "7.25", "", ""}},
                // Touches 克井镇's eastern edge and lies otherwise in 思礼镇.
                {"POLYGON ((112.2 35.12, 112.25 35.12, 112.25 35.15, 112.2 35.15, 112.2 35.12))",
                 {"东方冶炼", "", "", "", "false", "1", "", ""}},
                {"MULTIPOLYGON (((112.02 35.15, 112.04 35.15, 112.04 35.17, 112.02 35.17, 112.02 35.15)),"
                 "((112.32 35.15, 112.34 35.15, 112.34 35.17, 112.32 35.17, 112.32 35.15)))",
                 {"两地块", "", "", "", "false", "2", "", ""}},
                {"", {"无图形", "", "", "", "false", "", "", ""}}},
               wkbUnknown});
  write_layer(gpkg, 4490,
              {"wells",
               {{"name", 's'}, {"depth", 'r'}},
               {{"POINT (112.1 35.1)", {"一号井", "30.5"}},
                {"POINT (112.3 35.1)", {"二号井", "12"}},
                {"POINT (112.2 35.1)", {"界井", "8"}}},
               wkbPoint});
  // Tailings ponds as points or polygons: a layer of two geometry kinds, all in 克井镇.
  write_layer(
      gpkg, 4490,
      {"ponds",
       {{"name", 's'}, {"status", 's'}},
       {{"POINT (112.05 35.02)", {"一号库", "在用"}},
        {"POINT (112.15 35.18)", {"二号库", "闭库"}},
        {"POLYGON ((112.12 35.12, 112.16 35.12, 112.16 35.15, 112.12 35.15, 112.12 35.12))", {"三号库", "在用"}}},
       wkbUnknown});
  if (with_springs)
    write_layer(gpkg, 4490, {"springs", {{"name", 's'}}, {{"POINT (112.35 35.15)", {"龙泉"}}}, wkbPoint});
  catalog::Catalog c;
  c.title = "下载测试";
  c.analysis_crs = geo::Crs{4547};
  c.server.jobs_dir = jobs_dir().string();
  c.server.max_exports = max_exports;
  std::vector<std::string> ids = {"townships", "plots", "wells", "ponds"};
  if (with_springs) ids.push_back("springs");
  for (const std::string& id : ids) {
    catalog::LayerConfig layer;
    layer.id = layer.source_layer = id;
    layer.title = id;
    layer.source = gpkg.string();
    layer.defined_in = "test";
    c.layers.push_back(layer);
  }
  snapshot = store::load_snapshot(c);
  holder_ = std::make_unique<store::SnapshotHolder>(snapshot);
  api_ = std::make_unique<api::Api>(*holder_);
  api_->set_bind_url("http://example.org:8080");
}

DownloadFixture::~DownloadFixture() = default;

http::Response DownloadFixture::get(const std::string& target, const std::string& accept) const {
  http::Request request{http::beast_http::verb::get, target, 11};
  if (!accept.empty()) request.set(http::beast_http::field::accept, accept);
  return api_->handle(request);
}

std::size_t DownloadFixture::files_under_jobs_dir() const {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(jobs_dir()))
    if (entry.is_regular_file()) ++n;
  return n;
}

}  // namespace onemap::testing
