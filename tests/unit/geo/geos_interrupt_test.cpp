// Long GEOS work stops with its job (geo/geos_interrupt.h): an overlay of a plot of many spikes,
// which would otherwise keep a worker for minutes, ends at GEOS's next interrupt check with
// util::Stopped and the job's reason, and work without a job that must stop is never cut short.
#include "analysis/geos_features.h"
#include "geo/geos_convert.h"
#include "util/job_control.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace onemap;

namespace {

// A star of n spikes' ends (vertices alternately 1000 m and 400 m from its centre): valid, but
// its edges' boxes overlap so much that GEOS's noding grows with the square of n.
geo::Geometry star(std::size_t n) {
  std::vector<geo::Coord> ring;
  for (std::size_t k = 0; k < n; ++k) {
    const double angle = 2 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(n);
    const double radius = k % 2 ? 1000 : 400;
    ring.push_back({500000 + radius * std::cos(angle), 3800000 + radius * std::sin(angle)});
  }
  ring.push_back(ring.front());
  geo::Geometry g;
  g.type = geo::GeometryType::Polygon;
  g.begin_part();
  g.add_path(ring);
  return g;
}

// A square over part of the star, overlaid with it as a plot check does with each feature.
geo::GeosGeometryPtr square(geo::GeosContext& ctx) {
  return geo::envelope_to_geos(ctx, {499500, 3799500, 500300, 3800300});
}

constexpr std::size_t kSpikes = 4000;

util::StopReason overlay_stopped_for(util::JobControl& job) {
  util::JobScope scope(&job);
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  const analysis::QueryGeometry plot(star(kSpikes));
  try {
    plot.overlap(square(ctx).get(), true);
  } catch (const util::Stopped& stopped) {
    return stopped.reason();
  }
  return util::StopReason::None;
}

}  // namespace

TEST(GeosInterrupt, AnOverlayPastItsJobsDeadlineStopsWithTimeLimit) {
  util::JobControl job(std::make_shared<util::StopFlag>(), util::JobControl::Clock::now() - std::chrono::seconds(1));
  EXPECT_EQ(overlay_stopped_for(job), util::StopReason::TimeLimit);
}

TEST(GeosInterrupt, AnOverlayWhoseClientLeftStopsWithClientGone) {
  auto flag = std::make_shared<util::StopFlag>();
  flag->stop(util::StopReason::ClientGone);
  util::JobControl job(flag, std::nullopt);
  EXPECT_EQ(overlay_stopped_for(job), util::StopReason::ClientGone);
}

TEST(GeosInterrupt, AValidityCheckOfADismissedJobStops) {
  auto flag = std::make_shared<util::StopFlag>();
  flag->stop(util::StopReason::Dismissed);
  util::JobControl job(flag, std::nullopt);
  util::JobScope scope(&job);
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  geo::Geometry plot = star(kSpikes);
  try {
    geo::repair_if_invalid(ctx, plot);
    FAIL() << "the validity check should have been interrupted";
  } catch (const util::Stopped& stopped) {
    EXPECT_EQ(stopped.reason(), util::StopReason::Dismissed);
  }
}

TEST(GeosInterrupt, WithoutAJobToStopTheOverlayCompletes) {
  util::JobControl job(std::make_shared<util::StopFlag>(), util::JobControl::Clock::now() + std::chrono::hours(1));
  EXPECT_EQ(overlay_stopped_for(job), util::StopReason::None);
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  const analysis::QueryGeometry plot(star(kSpikes));  // no job at all
  const std::optional<analysis::Overlap> overlap = plot.overlap(square(ctx).get(), true);
  ASSERT_TRUE(overlap);
  EXPECT_GT(overlap->area_m2.value_or(0), 0);
}

// GEOS's interrupt flag is process-wide: a request another thread made for its own job may be
// acted on here. Work whose job goes on is made again, never failed or answered wrongly.
TEST(GeosInterrupt, AnInterruptMeantForAnotherThreadDoesNotChangeThisThreadsAnswers) {
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  const analysis::QueryGeometry plot(star(kSpikes));
  const geo::GeosGeometryPtr around = geo::envelope_to_geos(ctx, {498000, 3798000, 502000, 3802000});
  GEOS_interruptRequest();  // as a stopping job on another thread would
  std::optional<analysis::Overlap> overlap;
  EXPECT_NO_THROW(overlap = plot.overlap(around.get(), true));
  ASSERT_TRUE(overlap);
  EXPECT_TRUE(overlap->inside);
  EXPECT_NEAR(overlap->area_m2.value_or(0), plot.area(), 1e-6 * plot.area());

  geo::Geometry valid = star(kSpikes);  // loading checks each feature, and repairs the invalid
  GEOS_interruptRequest();
  EXPECT_EQ(geo::repair_if_invalid(ctx, valid), geo::Repair::Valid);
}
