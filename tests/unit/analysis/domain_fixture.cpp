#include "domain_fixture.h"

#include <gtest/gtest.h>

namespace onemap::testing {

DomainFixture::DomainFixture() {
  std::filesystem::path gpkg = dir_ / "city.gpkg";
  write_city(gpkg);
  snapshot = store::load_snapshot(city_catalog(gpkg));
  holder_ = std::make_unique<store::SnapshotHolder>(snapshot);
  api_ = std::make_unique<api::Api>(*holder_);
  api_->set_bind_url("http://example.org");
}

http::Response DomainFixture::get(const std::string& target) const {
  http::Request request{http::beast_http::verb::get, target, 11};
  request.set(http::beast_http::field::host, "example.org");
  return api_->handle(request);
}

http::Response DomainFixture::post(const std::string& target, const std::string& body) const {
  http::Request request{http::beast_http::verb::post, target, 11};
  request.set(http::beast_http::field::host, "example.org");
  request.set(http::beast_http::field::content_type, "application/json");
  request.body() = body;
  request.prepare_payload();
  return api_->handle(request);
}

nlohmann::json DomainFixture::execute(const std::string& process, const nlohmann::json& inputs,
                                      unsigned expect_status) const {
  http::Response r = post("/processes/" + process + "/execution", nlohmann::json{{"inputs", inputs}}.dump());
  const std::string text = r.body().read_all();
  EXPECT_EQ(r.result_int(), expect_status) << text;
  return nlohmann::json::parse(text);
}

const DomainFixture& domain_fixture() {
  static DomainFixture f;
  return f;
}

}  // namespace onemap::testing
