#pragma once
// The `onemap` command line: parsing it into options, and running the server from them.
#include <optional>
#include <string>
#include <vector>

namespace onemap::app {

struct ServeOptions {
  std::string config;             // onemap.yaml; empty: ./onemap.yaml, then the source tree's
  std::vector<std::string> data;  // --data sources; empty: the catalog of the config
  std::optional<std::string> bind;
  std::optional<int> port;
  std::optional<unsigned> threads;
  std::optional<std::string> analysis_crs;
};

// Returns the process exit code.
int run_cli(int argc, char** argv);
int serve(const ServeOptions& options);

}  // namespace onemap::app
