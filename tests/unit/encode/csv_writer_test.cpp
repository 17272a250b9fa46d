// CSV ledgers: RFC 4180 quoting, and text that a spreadsheet would run as a formula (CSV
// injection) shown as text, while numbers stay numbers.
#include "encode/csv_writer.h"

#include <gtest/gtest.h>

using namespace onemap;
using encode::append_csv_field;
using encode::append_csv_row;
using encode::append_csv_value;

namespace {

std::string field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

std::string value(const store::Value& v) {
  std::string out;
  append_csv_value(out, store::to_ref(v));
  return out;
}

}  // namespace

TEST(CsvWriter, QuotesWhatRfc4180Requires) {
  EXPECT_EQ(field("克井镇"), "克井镇");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(field(" edge"), "\" edge\"");
  EXPECT_EQ(field(""), "");
}

TEST(CsvWriter, FormulaLikeTextGetsALeadingQuote) {
  EXPECT_EQ(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(field("=1+2"), "'=1+2");
  EXPECT_EQ(field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(field("-2+3"), "'-2+3");
  EXPECT_EQ(field("@SUM(A1:A2)"), "'@SUM(A1:A2)");
  EXPECT_EQ(field("\t=1"), "'\t=1");
  EXPECT_EQ(field("\r=1"), "\"'\r=1\"");  // guarded, then quoted for the line break
  EXPECT_EQ(field("-"), "'-");
  EXPECT_EQ(field("a=b"), "a=b");  // only the first character matters
  EXPECT_EQ(value(store::Value{std::string("=1+2")}), "'=1+2");
}

TEST(CsvWriter, NumbersStayNumbers) {
  EXPECT_EQ(value(store::Value{-12.5}), "-12.5");
  EXPECT_EQ(value(store::Value{std::int64_t{-7}}), "-7");
  EXPECT_EQ(value(store::Value{true}), "true");
  EXPECT_EQ(value(store::Value{}), "");
  // Rows of text fields (screening writes coordinates and distances so) keep plain numbers.
  for (const char* n : {"-12.5", "+3", "-0.001", "-1e-05", "-2.5E+10", "12"}) EXPECT_EQ(field(n), n);
  for (const char* not_number : {"-1e", "-.", "+-1", "-1.2.3", "-12 ", "-0x10", "-inf", "-NaN"})
    EXPECT_NE(field(not_number).find(std::string("'") + not_number), std::string::npos) << field(not_number);
  std::string row;
  append_csv_row(row, {"E1", "-113.25", "=cmd", "34.5"});
  EXPECT_EQ(row, "E1,-113.25,'=cmd,34.5\r\n");
}
