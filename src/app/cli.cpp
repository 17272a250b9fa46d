#include "app/cli.h"
#include "app/server_limits.h"
#include "app/shutdown_watchdog.h"

#include "api/router.h"
#include "app/key_command.h"
#include "catalog/catalog_loader.h"
#include "catalog/secrets.h"
#include "catalog/source_catalog.h"
#include "geo/gdal_handles.h"
#include "http/server.h"
#include "live/edit_follower.h"
#include "metrics/request_metrics.h"
#include "store/layer_loader.h"
#include "store/reloader.h"
#include "store/snapshot.h"
#include "util/worker_pool.h"

#include <spdlog/spdlog.h>
#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>

namespace onemap::app {
namespace po = boost::program_options;
namespace fs = std::filesystem;
namespace {

constexpr const char* kUsage =
    "Usage: onemap serve [options]\n"
    "  Serves the catalog of onemap.yaml (the Jiyuan demo by default), or with --data every\n"
    "  layer of the given GDAL vector sources (files or PG:… connection strings). SIGHUP reloads.\n"
    "       onemap key add ROLE | list | revoke ID [--config onemap.yaml]\n"
    "  Manages the API keys that give callers their roles.\n";

fs::path default_config() {
  if (fs::exists("onemap.yaml")) return fs::absolute("onemap.yaml");
  return fs::path(ONEMAP_SOURCE_DIR) / "onemap.yaml";
}

catalog::Catalog build_catalog(const ServeOptions& options) {
  fs::path config = options.config.empty() ? default_config() : fs::path(options.config);
  catalog::Catalog base = catalog::load_catalog(config);
  catalog::Catalog result = options.data.empty() ? std::move(base) : catalog::catalog_for_sources(options.data, base);
  if (options.analysis_crs) {
    auto crs = geo::parse_crs(*options.analysis_crs);
    if (!crs || crs->is_crs84())
      throw catalog::CatalogError("--analysis-crs " + *options.analysis_crs + ": not a projected EPSG CRS");
    result.analysis_crs = crs;
  }
  if (options.bind) result.server.bind_address = *options.bind;
  if (options.port) {
    if (*options.port < 0 || *options.port > 65535) throw catalog::CatalogError("--port must be 0–65535");
    result.server.port = static_cast<std::uint16_t>(*options.port);
  }
  if (options.threads) result.server.threads = *options.threads;
  return result;
}

// Links name the bound address; a wildcard address names no host a client could use, so
// localhost stands in (set server.public_url for anything else).
std::string bind_url_of(const std::string& address, std::uint16_t port) {
  std::string host = address;
  if (address == "0.0.0.0" || address == "::" || address.empty()) {
    host = "localhost";
  } else if (address.find(':') != std::string::npos) {
    host = "[" + address + "]";
  }
  return "http://" + host + ":" + std::to_string(port);
}

// From the signal to the process's end: the HTTP server waits up to 2 s for the requests in
// flight (their jobs told to stop at once), the rest is teardown.
constexpr std::chrono::seconds kShutdownBound{4};

}  // namespace

int serve(const ServeOptions& options) {
  // Declared first, so destroyed last: it logs "stopped" once everything below has ended.
  ShutdownWatchdog watchdog(kShutdownBound);
  geo::register_gdal_drivers();
  std::shared_ptr<const store::Snapshot> snapshot;
  std::unique_ptr<live::EditFollower> follower;
  try {
    catalog::Catalog catalog = build_catalog(options);
    // Listening before the data is read: an edit committed while it loads is heard.
    follower = std::make_unique<live::EditFollower>(catalog);
    snapshot = store::load_snapshot(std::move(catalog));
  } catch (const std::exception& e) {  // catalog and load errors name the file and the problem
    std::cerr << "onemap: cannot start: " << catalog::mask_secrets(e.what()) << "\n";
    return 2;
  }
  store::SnapshotHolder data(snapshot);
  // Reads the same configuration again: catalog, rules, roles and keys, and the data.
  store::Reloader reloader(data, [options] { return build_catalog(options); });
  const catalog::ServerSettings& s = snapshot->catalog.server;
  if (snapshot->catalog.fonts.empty())
    spdlog::warn(
        "no fonts: map labels will not draw (/fonts/… answers 404); install fonts-wqy-microhei or list "
        "font files under 'fonts:' in onemap.yaml");
  for (const fs::path& font : snapshot->catalog.fonts) spdlog::info("label font: {}", font.string());
  // Declared after nothing it serves: destroyed before the Api, once its threads have joined.
  util::WorkerPool workers(s.worker_threads, s.job_queue_limit);
  api::Api api(data, &workers);
  api.set_reloader(&reloader);
  // Declared after the Api and the pool: its threads reload through them, so it stops first.
  const std::unique_ptr<live::EditFollower> following = std::move(follower);
  following->attach(reloader, data);
  http::ServerOptions server_options;
  server_options.bind_address = s.bind_address;
  server_options.port = s.port;
  server_options.threads = s.threads;
  server_options.request_timeout = std::chrono::seconds(s.request_timeout_seconds);
  apply_server_limits(server_options, s, api.metrics());
  server_options.on_response = [&api](std::string_view route, unsigned status, std::uint64_t bytes, double seconds) {
    api.metrics().record(route, status, bytes, seconds);
  };
  // On an I/O thread: the reload runs on the reloader's own thread, never in the request queue
  // (a full queue must not drop it: a revoked key would keep working).
  server_options.on_hangup = [&reloader] {
    spdlog::info("SIGHUP: reloading");
    reloader.request_reload();
  };
  // A signal: every job is told to stop now, so the requests in flight answer (503) within the
  // server's grace and the pool's threads come back; the watchdog bounds the rest.
  server_options.on_stop = [&api, &watchdog] {
    watchdog.start();
    api.shutdown();
  };
  snapshot.reset();
  try {
    http::Server server(server_options, [&api](http::Exchange exchange) { api.serve(std::move(exchange)); });
    const std::string bind_url = bind_url_of(server_options.bind_address, server.port());
    api.set_bind_url(bind_url);
    if (s.public_url.empty() && bind_url.find("localhost") != std::string::npos &&
        server_options.bind_address != "127.0.0.1")
      spdlog::warn("links name {} because the server listens on every address; set server.public_url", bind_url);
    // Tests and scripts read this line to learn the port (with --port 0).
    std::cout << "OneMap listening on http://" << server_options.bind_address << ":" << server.port() << "/"
              << std::endl;
    server.run();
  } catch (const std::exception& e) {
    std::cerr << "onemap: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int run_cli(int argc, char** argv) {
  ServeOptions options;
  po::options_description desc("Options");
  int port = 0;
  unsigned threads = 0;
  std::string bind, analysis_crs, log_level = "info";
  desc.add_options()("help,h", "this help")("config", po::value(&options.config),
                                            "server configuration (default: ./onemap.yaml, else the demo's)")(
      "data", po::value(&options.data)->composing(), "a GDAL vector source to publish; repeatable")(
      "bind", po::value(&bind), "address to listen on (default 127.0.0.1)")(
      "port", po::value(&port), "port (default 8080; 0 = any free port)")("threads", po::value(&threads),
                                                                          "I/O threads (default: all cores)")(
      "analysis-crs", po::value(&analysis_crs),
      "metric CRS for analysis, e.g. EPSG:4547 (default: from config, else the data's Gauss-Kruger zone)")(
      "log-level", po::value(&log_level), "debug, info (default: a line per request), warn or error");
  po::options_description hidden;
  std::vector<std::string> arguments;
  hidden.add_options()("command", po::value<std::string>(), "")("arguments", po::value(&arguments)->multitoken(), "");
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description positional;
  positional.add("command", 1).add("arguments", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "onemap: " << e.what() << "\n" << kUsage << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << kUsage << desc;
    return 0;
  }
  if (vm.count("command") && vm["command"].as<std::string>() == "key")
    return key_command(options.config.empty() ? default_config() : fs::path(options.config), arguments);
  if (!vm.count("command") || vm["command"].as<std::string>() != "serve" || !arguments.empty()) {
    std::cerr << kUsage << desc;
    return 2;
  }
  if (vm.count("bind")) options.bind = bind;
  if (vm.count("port")) options.port = port;
  if (vm.count("threads")) options.threads = threads;
  if (vm.count("analysis-crs")) options.analysis_crs = analysis_crs;
  auto level = spdlog::level::from_str(log_level);
  if (level == spdlog::level::off && log_level != "off") {
    std::cerr << "onemap: --log-level " << log_level << ": use debug, info, warn, error or off\n";
    return 2;
  }
  spdlog::set_level(level);
  return serve(options);
}

}  // namespace onemap::app
