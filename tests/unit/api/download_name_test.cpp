#include "api/downloads/download_name.h"

#include "download_reader.h"

#include <gtest/gtest.h>

#include <ctime>

using namespace onemap;

TEST(DownloadName, LayerTownshipAndDate) {
  std::tm t{};
  t.tm_year = 2024 - 1900;
  t.tm_mon = 4;
  t.tm_mday = 7;
  t.tm_hour = 12;
  const auto when = std::chrono::system_clock::from_time_t(std::mktime(&t));
  EXPECT_EQ(api::download_name("farmland", "克井镇", when), "farmland-克井镇-20240507");
  EXPECT_EQ(api::download_name("farmland", "", when), "farmland-20240507");
  EXPECT_EQ(api::download_name("a/b", "x:y*\"z", when), "a_b-x_y__z-20240507");  // no path or quote survives
}

TEST(DownloadName, ContentDispositionCarriesUtf8BesideAnAsciiFallback) {
  const std::string header = api::content_disposition("farmland-克井镇-20240507.shp.zip");
  EXPECT_EQ(header,
            "attachment; filename=\"farmland-___-20240507.shp.zip\"; "
            "filename*=UTF-8''farmland-%E5%85%8B%E4%BA%95%E9%95%87-20240507.shp.zip");
  EXPECT_EQ(onemap::testing::disposition_filename(header), "farmland-克井镇-20240507.shp.zip");
  // Characters that would end or break the quoted fallback, or the encoded form, are replaced or encoded.
  const std::string odd = api::content_disposition("a\"b\\c%d e.csv");
  EXPECT_NE(odd.find("filename=\"a_b_c_d e.csv\""), std::string::npos) << odd;
  EXPECT_NE(odd.find("filename*=UTF-8''a%22b%5Cc%25d%20e.csv"), std::string::npos) << odd;
  EXPECT_EQ(onemap::testing::disposition_filename(odd), "a\"b\\c%d e.csv");
}
