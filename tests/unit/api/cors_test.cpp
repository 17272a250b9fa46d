// CORS by configuration: any origin while every layer is public, none once one is restricted,
// and the configured origins echoed (with Vary: Origin) when listed.
#include "api_test_support.h"

#include <gtest/gtest.h>

namespace onemap::testing {
namespace {

using http::beast_http::field;

std::string allowed_origin(const ApiFixture& f, const std::string& origin) {
  http::Response r = f.get("/collections", {{field::origin, origin}});
  EXPECT_EQ(r.result_int(), 200);
  return std::string(r[field::access_control_allow_origin]);
}

TEST(Cors, AnyOriginWhileEveryLayerIsPublic) {
  ApiFixture f;
  EXPECT_EQ(allowed_origin(f, "https://elsewhere.example"), "*");
}

TEST(Cors, NoOriginOnceALayerIsRestricted) {
  ApiFixture f([](catalog::Catalog& c) { c.layers[0].roles = {"planner"}; });
  EXPECT_EQ(allowed_origin(f, "https://elsewhere.example"), "");
}

TEST(Cors, ConfiguredOriginsAreEchoed) {
  ApiFixture f([](catalog::Catalog& c) {
    c.layers[0].roles = {"planner"};
    c.access.cors_origins = {"https://gis.example.gov.cn"};
  });
  EXPECT_EQ(allowed_origin(f, "https://gis.example.gov.cn"), "https://gis.example.gov.cn");
  EXPECT_EQ(allowed_origin(f, "https://elsewhere.example"), "");
  EXPECT_EQ(f.get("/collections", {{field::origin, "https://gis.example.gov.cn"}})[field::vary], "Origin");
}

}  // namespace
}  // namespace onemap::testing
