#include "fuzz_city.h"

#include "catalog/font_files.h"
#include "domain_city.h"
#include "fixtures.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace onemap::fuzz {
namespace {

struct Loaded {
  testing::TempDir dir;  // the GeoPackage, web/, jobs and exports; removed at exit
  City city;

  Loaded() {
    spdlog::set_level(spdlog::level::err);  // handlers warn about bad input; that is not news here
    testing::write_city(dir / "city.gpkg");
    catalog::Catalog c = testing::city_catalog(dir / "city.gpkg");
    std::filesystem::create_directories(dir / "web" / "src");
    std::ofstream(dir / "web" / "index.html") << "<!doctype html><title>一张图</title>\n";
    std::ofstream(dir / "web" / "src" / "app.js") << "export const answer = 42;\n";
    std::ofstream(dir / "web" / ".env") << kSecret << "\n";
    std::ofstream(dir / "secret.txt") << kSecret << "\n";
    c.web_dir = dir / "web";
    c.fonts = catalog::default_fonts();
    // Jobs (Prefer: respond-async) run at once without a pool; keep few of them, and their
    // files inside the temporary directory.
    std::filesystem::create_directories(dir / "jobs");
    c.server.jobs_dir = (dir / "jobs").string();
    // A finished job expires at once, and the one caller's bound is under the table's: a
    // full table would answer 503, which this target counts as a failure.
    c.server.max_jobs = 16;
    c.server.max_jobs_per_owner = 8;
    c.server.job_results_ttl_s = 0.01;
    c.server.job_results_mb = 16;
    c.server.tile_cache_mb = 32;
    c.server.derived_cache_mb = 32;
    city.snapshot = store::load_snapshot(std::move(c));
    city.holder = std::make_unique<store::SnapshotHolder>(city.snapshot);
    city.api = std::make_unique<api::Api>(*city.holder);
    city.api->set_bind_url("http://example.org");
  }
};

}  // namespace

const City& city() {
  static Loaded loaded;
  return loaded.city;
}

void with_context(const std::string& target, const std::function<void(const api::RequestContext&)>& use) {
  const City& c = city();
  http::Request request{http::beast_http::verb::get, target, 11};
  const api::RequestContext ctx{.request = request,
                                .snapshot = c.snapshot,
                                .target = api::parse_target(target),
                                .base_url = "http://example.org",
                                .route = "fuzz",
                                .remote_address = "127.0.0.1",
                                .caller = {},
                                .visible = store::LayerSet(*c.snapshot, catalog::kPublicRole),
                                .services = c.api->services()};
  use(ctx);
}

void fail(const std::string& why) {
  std::fprintf(stderr, "fuzz target failed: %s\n", why.c_str());
  std::abort();
}

}  // namespace onemap::fuzz
