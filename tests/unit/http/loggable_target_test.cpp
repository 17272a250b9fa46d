// The log never shows a URL token, however the parameter's name is spelled (P9b item 7: the
// API decodes `%74oken` to `token` and takes it as the credential; the log masked only the
// literal spelling).
#include "http/loggable_target.h"

#include <gtest/gtest.h>

namespace onemap::http {
namespace {

TEST(LoggableTarget, MasksTheTokenInEverySpellingTheApiReads) {
  EXPECT_EQ(loggable_target("/tiles/a.json?token=SECRET"), "/tiles/a.json?token=***");
  EXPECT_EQ(loggable_target("/x?%74oken=SECRET&f=json"), "/x?%74oken=***&f=json");
  EXPECT_EQ(loggable_target("/x?f=json&%74%6F%6b%65%6E=SECRET"), "/x?f=json&%74%6F%6b%65%6E=***");
  EXPECT_EQ(loggable_target("/x?t%6Fken=SECRET&token=OTHER"), "/x?t%6Fken=***&token=***");
  EXPECT_EQ(loggable_target("/jobs/1?job_%74oken=SECRET"), "/jobs/1?job_%74oken=***");
  // A name that does not decode is refused by the API, and not shown either.
  EXPECT_EQ(loggable_target("/x?tok%zz=SECRET"), "/x?tok%zz=***");
}

TEST(LoggableTarget, LeavesEverythingElseAsSent) {
  EXPECT_EQ(loggable_target("/collections/a/items?limit=10&bbox=1,2,3,4"),
            "/collections/a/items?limit=10&bbox=1,2,3,4");
  EXPECT_EQ(loggable_target("/x?mytoken=1&token_=2&tokens=3"), "/x?mytoken=1&token_=2&tokens=3");
  EXPECT_EQ(loggable_target("/metrics"), "/metrics");
  EXPECT_EQ(loggable_target("/x?"), "/x?");
  EXPECT_EQ(loggable_target("/x?token"), "/x?token");
  EXPECT_EQ(loggable_target("/x?a=1&&b=2"), "/x?a=1&&b=2");
}

}  // namespace
}  // namespace onemap::http
