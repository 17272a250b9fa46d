#pragma once
// The small city (domain_city.h) loaded behind an Api, shared by the analysis tests.
#include "api/router.h"
#include "domain_city.h"
#include "fixtures.h"
#include "layer_writer.h"
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace onemap::testing {

class DomainFixture {
 public:
  DomainFixture();
  std::shared_ptr<const store::Snapshot> snapshot;

  http::Response handle(const http::Request& request) const { return api_->handle(request); }
  http::Response get(const std::string& target) const;
  http::Response post(const std::string& target, const std::string& body) const;
  // POST /processes/{id}/execution with {"inputs": inputs}; the body parsed.
  nlohmann::json execute(const std::string& process, const nlohmann::json& inputs, unsigned expect_status = 200) const;

 private:
  TempDir dir_;
  std::unique_ptr<store::SnapshotHolder> holder_;
  std::unique_ptr<api::Api> api_;
};

// One shared instance (loading takes a moment).
const DomainFixture& domain_fixture();

}  // namespace onemap::testing
