#pragma once
// The demo catalog on the real binary, for the integration suites that test against it.
#include "server_process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace onemap::testing {

inline const std::string kDemoGpkg = std::string(ONEMAP_SOURCE_DIR) + "/data/demo/jiyuan.gpkg";
inline const std::string kDemoConfig = std::string(ONEMAP_SOURCE_DIR) + "/onemap.yaml";

// One server on the demo catalog for all tests of a suite; `Suite` (the deriving fixture)
// gives each suite a server of its own.
template <typename Suite>
class DemoServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(std::filesystem::exists(kDemoGpkg)) << "run scripts/demo-data.sh first (scripts/test.sh does)";
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--config", kDemoConfig});
  }
  static void TearDownTestSuite() { server_.reset(); }
  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace onemap::testing
