// DayRecorder::reserve: the batch's step events and history events are sized for the day before
// anything is recorded, so neither vector is copied while it grows (docs/state-store.md, "How the
// rows of a batch hold their text"). What the recorder records is tested through the run.
#include <gtest/gtest.h>

#include <vector>

#include "dsl/batch.hpp"
#include "engine/base/config.hpp"
#include "engine/day/customer_day.hpp"
#include "engine/model/sequence_table.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "engine/run/record.hpp"
#include "stdlib/date.hpp"

namespace dun {
namespace {

TEST(DayRecorder, ReserveSizesTheStepAndHistoryEventsForTheDay) {
  const Portfolio portfolio;
  const SequenceTable sequences;
  const Config config;
  DayRecorder recorder(portfolio, sequences, config, Date::from_ymd(2026, 3, 2));

  dsl::Decision skips_then_fires;  // 2 skipped steps, 1 fired: 3 step events and 3 events
  skips_then_fires.outcome = dsl::Outcome::fire;
  skips_then_fires.skipped_count = 2;
  skips_then_fires.flags = dsl::kStarted;  // no event of its own
  dsl::Decision closes_and_pauses;         // 2 events, no step event
  closes_and_pauses.flags = dsl::kClosed | dsl::kPaused;
  const std::vector<std::vector<dsl::Decision>> decisions = {
      {skips_then_fires, closes_and_pauses}, {}, {skips_then_fires}};

  CustomerDay day;
  DayAction task;  // one task_created event per member
  task.channel = Channel::task;
  task.members.resize(2);
  DayAction confirmed_email;  // a confirm task: one event per member
  confirmed_email.confirm = true;
  confirmed_email.members.resize(3);
  DayAction email;  // no task, no event
  email.members.resize(4);
  day.actions = {task, confirmed_email, email};

  recorder.reserve(decisions, /*closings=*/5, day);
  const RecordedDay recorded = recorder.finish();
  EXPECT_EQ(recorded.changes.step_events.capacity(), 6u);
  EXPECT_EQ(recorded.changes.events.capacity(), 5u + 3u + 2u + 3u + 2u + 3u);
}

}  // namespace
}  // namespace dun
