#include "export/dbf_field_names.h"

#include <gtest/gtest.h>

using onemap::exports::dbf_field_names;
using onemap::exports::utf8_prefix;

TEST(DbfFieldNames, NamesThatFitStayAsTheyAre) {
  EXPECT_EQ(dbf_field_names({"name", "id", "area_mu", "abcdefghij"}),
            (std::vector<std::string>{"name", "id", "area_mu", "abcdefghij"}));
}

TEST(DbfFieldNames, LongNamesAreCutToTenBytesAndCollisionsNumbered) {
  EXPECT_EQ(dbf_field_names({"heavily_polluted", "main_pollutants", "main_pollutants_2021", "main_pollutants_2022"}),
            (std::vector<std::string>{"heavily_po", "main_pollu", "main_pol_1", "main_pol_2"}));
}

TEST(DbfFieldNames, ShortNamesKeepTheirNamesBeforeLongOnesAreCut) {
  // "population" fits and is placed first, though the long name comes before it.
  EXPECT_EQ(dbf_field_names({"population_2020", "population"}), (std::vector<std::string>{"populati_1", "population"}));
}

TEST(DbfFieldNames, CollisionsIgnoreCase) {
  EXPECT_EQ(dbf_field_names({"Name", "name"}), (std::vector<std::string>{"Name", "name_1"}));
}

TEST(DbfFieldNames, BytesAreCountedInUtf8AndCharactersNeverSplit) {
  // 污染物说明: five characters of three bytes each; ten bytes hold three of them.
  EXPECT_EQ(dbf_field_names({"污染物说明", "污染物说明书"}), (std::vector<std::string>{"污染物", "污染_1"}));
  EXPECT_EQ(utf8_prefix("a污染", 3), "a");
  EXPECT_EQ(utf8_prefix("a污染", 4), "a污");
  EXPECT_EQ(utf8_prefix("abc", 10), "abc");
}

TEST(DbfFieldNames, TheSameInputAlwaysGivesTheSameNames) {
  const std::vector<std::string> names = {"is_important_tributary", "is_important_tributary_2", "x"};
  EXPECT_EQ(dbf_field_names(names), dbf_field_names(names));
}
