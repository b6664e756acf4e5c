// The decision procedure (docs/run-semantics.md, language.md §3 and §3.1) on small hand-built
// batches: one test per rule, scenarios from text through the real parser and checker.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "dsl/interp.hpp"
#include "interp_test_util.hpp"
#include "stdlib/money.hpp"

namespace dun::dsl {

// Readable failures: gtest finds this by argument-dependent lookup.
void PrintTo(const Decision& d, std::ostream* os) {
  *os << "{flags " << int{d.flags} << ", outcome " << int(d.outcome) << ", step " << int{d.step}
      << ", skipped " << int{d.first_skipped} << "+" << int{d.skipped_count} << " reasons "
      << d.skip_reasons << ", error " << int(d.error) << " at " << d.error_site << "}";
}

namespace {

using testing::compile;
using testing::day;
using testing::SequenceState;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// language.md §1, as shipped. Steps: 0 pre_due, 1 first, 2 second, 3 formal, 4 call.
const ir::Scenario& example() {
  static const auto scenario =
      compile(read_file(std::string(DUN_SOURCE_DIR) + "/scenarios/standard_b2b.dun"));
  return *scenario;
}

constexpr auto kNone = SequenceStatus::none;
constexpr auto kActive = SequenceStatus::active;
constexpr auto kClosedStatus = SequenceStatus::closed;
constexpr auto kStoppedStatus = SequenceStatus::stopped;

Decision fire(std::uint8_t step, std::uint8_t flags = 0) {
  Decision d;
  d.outcome = Outcome::fire;
  d.step = step;
  d.flags = flags;
  return d;
}
Decision hold(std::uint8_t step) {
  Decision d;
  d.outcome = Outcome::hold;
  d.step = step;
  return d;
}
Decision nothing(std::uint8_t flags = 0) {
  Decision d;
  d.flags = flags;
  return d;
}
Decision error(EvalError error, std::uint16_t site) {
  Decision d;
  d.outcome = Outcome::error;
  d.error = error;
  d.error_site = site;
  return d;
}
// `decision` with steps first.. skipped for `reasons`, in order.
Decision with_skips(Decision decision, std::uint8_t first, std::vector<SkipReason> reasons) {
  decision.first_skipped = first;
  decision.skipped_count = static_cast<std::uint8_t>(reasons.size());
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    decision.skip_reasons |= std::uint64_t{static_cast<std::uint8_t>(reasons[i])} << (2 * i);
  }
  return decision;
}

class InterpDecide : public ::testing::Test {
 protected:
  // The decision for invoice 0.
  Decision run(const ir::Scenario& scenario, SequenceState state, const char* today) {
    return testing::decide(scenario, portfolio, {std::move(state)}, day(today), environment)[0];
  }
  testing::TestPortfolio portfolio;  // invoice due Monday 2026-01-12, balance 120 EUR
  EvalEnvironment environment;
};

// ---- the example scenario, step by step ----

TEST_F(InterpDecide, NotDueYetStartsTheSequenceAndWaits) {
  EXPECT_EQ(run(example(), {kNone}, "2026-01-05"), nothing(kStarted));
}

TEST_F(InterpDecide, PreDueFiresThreeDaysBefore) {
  EXPECT_EQ(run(example(), {kNone}, "2026-01-09"), fire(0, kStarted));
}

TEST_F(InterpDecide, UntilExpiredSkipsThenTheNextStepWaits) {
  // pre_due: at 01-09, until 01-11; on 01-12 it is expired, `first` is due 01-19.
  EXPECT_EQ(run(example(), {kActive}, "2026-01-12"),
            with_skips(nothing(), 0, {SkipReason::expired}));
}

TEST_F(InterpDecide, FirstFiresAWeekAfterDueAndSecondTenDaysLater) {
  EXPECT_EQ(run(example(), {kActive, 0, 0, {day("2026-01-09")}}, "2026-01-19"), fire(1));
  const SequenceState after_first{kActive, 0, 1, {day("2026-01-09"), day("2026-01-19")}};
  EXPECT_EQ(run(example(), after_first, "2026-01-28"), nothing());
  EXPECT_EQ(run(example(), after_first, "2026-01-29"), fire(2));
}

TEST_F(InterpDecide, WhenFalseSkipsAndTheNextStepIsEvaluatedTheSameDay) {
  portfolio.invoices[0].balance = 3000;  // 30 EUR < 50 EUR: `first` is skipped
  // `second` is at first + 10 days, first's event date being today: not due yet.
  EXPECT_EQ(run(example(), {kActive, 0, 0, {day("2026-01-09")}}, "2026-01-19"),
            with_skips(nothing(), 1, {SkipReason::condition}));
}

TEST_F(InterpDecide, SendOnBusinessDaysMovesAWeekendDueDate) {
  portfolio.invoices[0].due_date = day("2026-01-10");  // Saturday: first at Saturday 01-17
  const SequenceState state{kActive, 0, 0, {day("2026-01-07")}};
  EXPECT_EQ(run(example(), state, "2026-01-17"), nothing());
  EXPECT_EQ(run(example(), state, "2026-01-18"), nothing());
  EXPECT_EQ(run(example(), state, "2026-01-19"), fire(1));
}

TEST_F(InterpDecide, SendOnBusinessDaysMovesPastAPublicHoliday) {
  portfolio.invoices[0].due_date = day("2026-04-24");  // first at Friday 1 May, a FR holiday
  const SequenceState state{kActive, 0, 0, {day("2026-04-21")}};
  EXPECT_EQ(run(example(), state, "2026-05-01"), nothing());
  EXPECT_EQ(run(example(), state, "2026-05-04"), fire(1));
}

TEST_F(InterpDecide, FormalNeedsABigAccount) {
  const SequenceState after_second{
      kActive, 0, 2, {day("2026-01-09"), day("2026-01-19"), day("2026-01-29")}};
  // formal at 01-29 + 15 = 02-13; `when big_account` (overdue_total >= 1000 EUR) is false.
  EXPECT_EQ(run(example(), after_second, "2026-02-13"),
            with_skips(nothing(), 3, {SkipReason::condition}));
  portfolio.customers[0].overdue_total = 100000;
  EXPECT_EQ(run(example(), after_second, "2026-02-13"), fire(3));
}

TEST_F(InterpDecide, AtPreviousAfterASameDaySkipUsesToday) {
  // formal skipped on 02-13, so `call` (at previous + 10 days) is due 02-23.
  const SequenceState after_formal_skip{
      kActive, 0, 3, {day("2026-01-09"), day("2026-01-19"), day("2026-01-29"), day("2026-02-13")}};
  EXPECT_EQ(run(example(), after_formal_skip, "2026-02-23"), fire(4));
  const auto scenario = compile(R"(scenario s "S"
  step a
    at invoice.due_date
    until invoice.due_date
    email "x"
  step b
    at previous + 0 days
    email "y"
end
)");
  // a expired on 01-13 (its event date is 01-13), so b is due the same day and fires.
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-13"), with_skips(fire(1), 0, {SkipReason::expired}));
}

TEST_F(InterpDecide, EveryStepDoneMeansNothing) {
  const SequenceState done{kActive, 0, 4, {}};
  EXPECT_EQ(run(example(), done, "2026-06-01"), nothing());
}

// ---- applies, stop, pause, awaiting ----

TEST_F(InterpDecide, NotApplyingClosesAnActiveSequenceOnly) {
  portfolio.invoices[0].balance = 0;
  EXPECT_EQ(run(example(), {kActive}, "2026-01-19"), nothing(kClosed));
  EXPECT_EQ(run(example(), {kNone}, "2026-01-19"), nothing());
  EXPECT_EQ(run(example(), {kClosedStatus}, "2026-01-19"), nothing());
  portfolio.invoices[0].balance = 12000;
  portfolio.invoices[0].kind = 1;  // a credit note does not apply either
  EXPECT_EQ(run(example(), {kActive}, "2026-01-19"), nothing(kClosed));
}

TEST_F(InterpDecide, AClosedSequenceReopensAndContinuesWithItsNextStep) {
  const SequenceState closed_after_first{
      kClosedStatus, 0, 1, {day("2026-01-09"), day("2026-01-19")}};
  EXPECT_EQ(run(example(), closed_after_first, "2026-01-29"), fire(2, kReopened));
}

const char* kStopScenario = R"(scenario s "S"
  catch up 3 days
  applies when invoice.balance > 0
  stop when invoice.balance < 10 EUR
  pause when invoice.disputed
  step a
    at invoice.due_date
    email "x"
  step b
    at invoice.due_date + 20 days
    email "y"
end
)";

TEST_F(InterpDecide, StopIsFinal) {
  const auto scenario = compile(kStopScenario);
  portfolio.invoices[0].balance = 500;
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-12"), nothing(kStopped));
  EXPECT_EQ(run(*scenario, {kNone}, "2026-01-12"), nothing(kStarted | kStopped));
  // Once stopped, nothing is evaluated: not `applies`, not the steps.
  portfolio.invoices[0].balance = 12000;
  EXPECT_EQ(run(*scenario, {kStoppedStatus}, "2026-01-12"), nothing());
  portfolio.invoices[0].balance = 0;
  EXPECT_EQ(run(*scenario, {kStoppedStatus}, "2026-01-12"), nothing());
}

TEST_F(InterpDecide, StopIsTestedBeforePause) {
  const auto scenario = compile(kStopScenario);
  portfolio.invoices[0].balance = 500;
  portfolio.invoices[0].disputed = true;
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-12"), nothing(kStopped));
}

TEST_F(InterpDecide, PauseSuspendsEverythingIncludingSkips) {
  const auto scenario = compile(kStopScenario);
  portfolio.invoices[0].disputed = true;
  // Step a is 10 days late (catch up 3): paused, so it is not skipped.
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-22"), nothing(kPaused));
  EXPECT_EQ(run(*scenario, {kActive, kSequencePaused}, "2026-01-22"), nothing());
}

TEST_F(InterpDecide, ResumingAfterALongPauseSkipsLateSteps) {
  const auto scenario = compile(kStopScenario);
  EXPECT_EQ(run(*scenario, {kActive, kSequencePaused}, "2026-01-22"),
            with_skips(nothing(kResumed), 0, {SkipReason::late}));
  EXPECT_EQ(run(*scenario, {kActive, kSequencePaused}, "2026-01-14"), fire(0, kResumed));
}

TEST_F(InterpDecide, ReopenedAndResumedCombine) {
  const auto scenario = compile(kStopScenario);
  EXPECT_EQ(run(*scenario, {kClosedStatus, kSequencePaused}, "2026-01-12"),
            fire(0, kReopened | kResumed));
}

// ---- a collector's pause (dun pause): kSequenceManualPause ----

TEST_F(InterpDecide, ACollectorsPauseHoldsLikeThePauseClause) {
  const auto scenario = compile(kStopScenario);
  // Not disputed: only the collector pauses. Step a is 10 days late, and not skipped.
  EXPECT_EQ(run(*scenario, {kActive, kSequenceManualPause}, "2026-01-22"), nothing(kPaused));
  EXPECT_EQ(run(*scenario, {kActive, kSequencePaused | kSequenceManualPause}, "2026-01-22"),
            nothing());
  EXPECT_EQ(run(*scenario, {kNone, kSequenceManualPause}, "2026-01-12"),
            nothing(kStarted | kPaused));
  // The pause ended (the flag is gone): resumed, and the late step is skipped.
  EXPECT_EQ(run(*scenario, {kActive, kSequencePaused}, "2026-01-22"),
            with_skips(nothing(kResumed), 0, {SkipReason::late}));
}

TEST_F(InterpDecide, ACollectorsPauseComesAfterAppliesAndStop) {
  const auto scenario = compile(kStopScenario);
  portfolio.invoices[0].balance = 0;
  EXPECT_EQ(run(*scenario, {kActive, kSequenceManualPause}, "2026-01-12"), nothing(kClosed));
  portfolio.invoices[0].balance = 500;
  EXPECT_EQ(run(*scenario, {kActive, kSequenceManualPause}, "2026-01-12"), nothing(kStopped));
}

TEST_F(InterpDecide, ACollectorsPauseLeavesThePauseClauseUnevaluated) {
  const auto scenario = compile(R"(scenario s "S"
  pause when invoice.promise_date > today
  step a
    at invoice.due_date
    email "x"
end
)");
  // No promise date: the clause is an error, unless the collector's pause holds first.
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-12").outcome, Outcome::error);
  EXPECT_EQ(run(*scenario, {kActive, kSequenceManualPause}, "2026-01-12"), nothing(kPaused));
}

TEST_F(InterpDecide, AwaitingATaskWaitsForTheAgenda) {
  const auto scenario = compile(kStopScenario);
  EXPECT_EQ(run(*scenario, {kActive, kSequenceAwaiting, 0, {day("2026-01-12")}}, "2026-02-01"),
            nothing());
  EXPECT_EQ(run(*scenario, {kActive, kSequencePaused | kSequenceAwaiting, 0, {day("2026-01-12")}},
                "2026-02-01"),
            nothing(kResumed));
}

// ---- catch up and lateness ----

TEST_F(InterpDecide, CatchUpFiresExactlyNDaysLateAndSkipsNPlusOne) {
  const auto scenario = compile(kStopScenario);  // catch up 3 days, a at 01-12
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-15"), fire(0));
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-16"), with_skips(nothing(), 0, {SkipReason::late}));
}

TEST_F(InterpDecide, DefaultCatchUpIsSevenDays) {
  const auto scenario = compile(R"(scenario s "S"
  step a
    at invoice.due_date
    email "x"
end
)");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-19"), fire(0));
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-20"), with_skips(nothing(), 0, {SkipReason::late}));
}

const char* kBusinessDayScenario = R"(scenario s "S"
  send on business days
  catch up 3 days
  step a
    at invoice.due_date
    email "x"
end
)";

TEST_F(InterpDecide, LatenessCountsFromTheMovedDate) {
  const auto scenario = compile(kBusinessDayScenario);
  portfolio.invoices[0].due_date = day("2026-01-03");           // Saturday, moved to Monday 01-05
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-08"), fire(0));  // 3 days after the move
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-09"), with_skips(nothing(), 0, {SkipReason::late}));
}

TEST_F(InterpDecide, UntilIsComparedWithThePlainDate) {
  const auto scenario = compile(R"(scenario s "S"
  send on business days
  step a
    at invoice.due_date
    until invoice.due_date
    email "x"
end
)");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-12"), fire(0));  // Monday: due and not expired
  portfolio.invoices[0].due_date = day("2026-01-10");  // Saturday: `at` moves to Monday 01-12,
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-12"),   // `until` stays Saturday
            with_skips(nothing(), 0, {SkipReason::expired}));
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-10"), nothing());  // not due before the move
}

// ---- when, wait until ----

const char* kWaitScenario = R"(scenario s "S"
  catch up 5 days
  step a
    at invoice.due_date
    until invoice.due_date + 3 days
    when invoice.balance >= 50 EUR
    wait until invoice.promised
    email "x"
  step b
    at previous
    email "y"
end
)";

TEST_F(InterpDecide, WaitUntilHoldsTheStep) {
  const auto scenario = compile(kWaitScenario);
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-12"), hold(0));
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-15"), hold(0));
  portfolio.invoices[0].promise_date = day("2026-01-10");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-15"), fire(0));
}

TEST_F(InterpDecide, AHeldStepIsStillSkippedByUntilAndWhen) {
  const auto scenario = compile(kWaitScenario);
  // until passes on 01-16: a is skipped, b (at previous = today) fires the same day.
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-16"), with_skips(fire(1), 0, {SkipReason::expired}));
  portfolio.invoices[0].balance = 1000;  // `when` is evaluated before `wait until`
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-12"),
            with_skips(fire(1), 0, {SkipReason::condition}));
}

TEST_F(InterpDecide, AHeldStepIsStillSkippedByCatchUp) {
  const auto scenario = compile(R"(scenario s "S"
  catch up 2 days
  step a
    at invoice.due_date
    wait until invoice.promised
    email "x"
end
)");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-14"), hold(0));
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-15"), with_skips(nothing(), 0, {SkipReason::late}));
}

// ---- `repeat` on the last step (language.md §3.2) ----

constexpr const char* kRepeatScenario = R"(scenario s "S"
  calendar FR
  send on business days
  step first
    at invoice.due_date + 7 days
    email "x"
  step final
    at first + 10 days
    until invoice.due_date + 60 days
    when invoice.balance >= 50 EUR
    email "y"
    repeat every 14 days at most 2 times
end
)";

TEST_F(InterpDecide, ARepetitionIsDueItsIntervalAfterTheLastEventDate) {
  const auto scenario = compile(kRepeatScenario);
  // final fired on Thursday 01-29: again on Thursday 02-12, not before.
  const SequenceState fired{kActive, 0, 1, {day("2026-01-19"), day("2026-01-29")}};
  EXPECT_EQ(run(*scenario, fired, "2026-02-11"), nothing());
  EXPECT_EQ(run(*scenario, fired, "2026-02-12"), fire(1));
  // Without `repeat` the sequence is at its end.
  EXPECT_EQ(run(example(), {kActive, 0, 4, {0, 0, 0, 0, day("2026-01-29")}}, "2026-02-28"),
            nothing());
}

TEST_F(InterpDecide, ARepetitionMovesToTheNextBusinessDay) {
  const auto scenario = compile(kRepeatScenario);
  // 04-17 + 14 = Friday 05-01, Fête du Travail: due Monday 05-04.
  portfolio.invoices[0].due_date = day("2026-03-20");
  const SequenceState fired{kActive, 0, 1, {day("2026-03-27"), day("2026-04-17")}};
  EXPECT_EQ(run(*scenario, fired, "2026-05-01"), nothing());
  EXPECT_EQ(run(*scenario, fired, "2026-05-04"), fire(1));
}

TEST_F(InterpDecide, ARepetitionIsSkippedByUntilCatchUpAndWhen) {
  const auto scenario = compile(kRepeatScenario);
  const SequenceState fired{kActive, 0, 1, {day("2026-01-19"), day("2026-01-29")}};
  EXPECT_EQ(run(*scenario, fired, "2026-02-20"),
            with_skips(nothing(), 1, {SkipReason::late}));  // 8 days late
  portfolio.invoices[0].balance = 1000;
  EXPECT_EQ(run(*scenario, fired, "2026-02-12"), with_skips(nothing(), 1, {SkipReason::condition}));
  const SequenceState late{kActive, 0, 1, {day("2026-01-19"), day("2026-03-01")}};
  EXPECT_EQ(run(*scenario, late, "2026-03-16"), with_skips(nothing(), 1, {SkipReason::expired}));
}

TEST_F(InterpDecide, RepeatsEndedOrActedTodayMeanNothing) {
  const auto scenario = compile(kRepeatScenario);
  const SequenceState ended{
      kActive, kSequenceRepeatsEnded, 1, {day("2026-01-19"), day("2026-01-29")}};
  EXPECT_EQ(run(*scenario, ended, "2026-02-12"), nothing());
  const SequenceState today{
      kActive, kSequenceActedToday, 1, {day("2026-01-19"), day("2026-02-12")}};
  EXPECT_EQ(run(*scenario, today, "2026-02-12"), nothing());
}

TEST_F(InterpDecide, OneStepPerDay) {
  const auto scenario = compile(R"(scenario s "S"
  step a
    at invoice.due_date
    email "x"
  step b
    at invoice.due_date
    email "y"
end
)");
  EXPECT_EQ(run(*scenario, {kNone}, "2026-01-12"), fire(0, kStarted));
  EXPECT_EQ(run(*scenario, {kActive, 0, 0, {day("2026-01-12")}}, "2026-01-12"), fire(1));
}

TEST_F(InterpDecide, SkipsAreRecordedInOrderWithTheirReasons) {
  const auto scenario = compile(R"(scenario s "S"
  step a
    at invoice.due_date
    until invoice.due_date
    email "x"
  step b
    at invoice.due_date
    email "y"
  step c
    at invoice.due_date + 9 days
    when false
    email "z"
  step d
    at previous + 1 days
    email "w"
end
)");
  EXPECT_EQ(
      run(*scenario, {kActive}, "2026-01-21"),
      with_skips(nothing(), 0, {SkipReason::expired, SkipReason::late, SkipReason::condition}));
}

// ---- evaluation errors ----

TEST_F(InterpDecide, AnErrorDropsTheDaysFlagsAndSkips) {
  const auto scenario = compile(R"(scenario s "S"
  step a
    at invoice.due_date
    until invoice.due_date
    email "x"
  step b
    at invoice.due_date + 1 days
    when invoice.promise_date > today
    email "y"
end
)");
  // Started, a expired, then b's `when` reads the absent promise date.
  EXPECT_EQ(run(*scenario, {kNone}, "2026-01-14"),
            error(EvalError::absent_value, clause_site(ClauseKind::when, 1)));
}

TEST_F(InterpDecide, AnErrorNamesItsClause) {
  const auto scenario = compile(R"(scenario s "S"
  applies when invoice.balance > 10 USD
  step a
    at invoice.due_date
    email "x"
end
)");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-14"),
            error(EvalError::missing_rate, clause_site(ClauseKind::applies)));
  RateTable rates(*Currency::from_code("EUR"));
  rates.set_scaled(*Currency::from_code("USD"), 920'000'000);
  environment.rates = &rates;
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-14"), fire(0));
}

TEST_F(InterpDecide, AnErrorInALetNamesTheLet) {
  portfolio.customers[0].aggregates_missing_rate = true;
  const SequenceState after_second{
      kActive, 0, 2, {day("2026-01-09"), day("2026-01-19"), day("2026-01-29")}};
  EXPECT_EQ(run(example(), after_second, "2026-02-13"),
            error(EvalError::missing_rate, clause_site(ClauseKind::let, 0)));
}

TEST_F(InterpDecide, AnAggregateThatOverflowsIsAnOverflow) {
  portfolio.customers[0].aggregates_overflow = true;
  const auto scenario = compile(R"(scenario s "S"
  applies when customer.overdue_total > 10 EUR
  step a
    at invoice.due_date
    email "x"
end
)");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-14"),
            error(EvalError::overflow, clause_site(ClauseKind::applies)));
}

TEST_F(InterpDecide, AStepWithoutEventDateIsMissingStepDate) {
  // After a scenario edit: `first` counts as reached but has no event date.
  EXPECT_EQ(run(example(), {kActive, 0, 1, {day("2026-01-09")}}, "2026-01-29"),
            error(EvalError::missing_step_date, clause_site(ClauseKind::at, 2)));
}

TEST_F(InterpDecide, PauseAndStopErrorsNameTheirClauses) {
  portfolio.invoices[0].promise_date = kNoDate;
  const auto scenario = compile(R"(scenario s "S"
  stop when invoice.promise_date < today
  step a
    at invoice.due_date
    email "x"
end
)");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-14"),
            error(EvalError::absent_value, clause_site(ClauseKind::stop)));
  const auto paused = compile(R"(scenario s "S"
  pause when invoice.promise_date < today
  step a
    at invoice.due_date
    until invoice.due_date + 3 days
    wait until 1 / (invoice.days_overdue - 2) > 0
    email "x"
end
)");
  EXPECT_EQ(run(*paused, {kActive}, "2026-01-14"),
            error(EvalError::absent_value, clause_site(ClauseKind::pause)));
}

TEST_F(InterpDecide, UntilAndWaitUntilErrorsNameTheirClauses) {
  const auto scenario = compile(R"(scenario s "S"
  step a
    at invoice.due_date
    until invoice.promise_date
    email "x"
  step b
    at invoice.due_date
    wait until 1 / (invoice.days_overdue - 2) > 0
    email "y"
end
)");
  EXPECT_EQ(run(*scenario, {kActive}, "2026-01-14"),
            error(EvalError::absent_value, clause_site(ClauseKind::until, 0)));
  EXPECT_EQ(run(*scenario, {kActive, 0, 0, {day("2026-01-12")}}, "2026-01-14"),
            error(EvalError::division_by_zero, clause_site(ClauseKind::wait_until, 1)));
}

// ---- batches ----

TEST_F(InterpDecide, DecisionsFollowTheSelectionVector) {
  portfolio.invoices.push_back(testing::InvoiceSpec{});
  portfolio.invoices.push_back(testing::InvoiceSpec{});
  portfolio.invoices[1].balance = 0;                   // closes
  portfolio.invoices[2].due_date = day("2026-01-12");  // first fires on 01-19
  const PortfolioColumns& columns = portfolio.columns();
  const std::uint32_t rows[] = {2, 1};
  const SequenceStatus status[] = {kActive, kActive};
  const std::uint8_t flags[] = {0, 0};
  const std::int8_t last[] = {0, 0};
  std::vector<std::int32_t> dates(2 * 5, kNoDate);
  BatchInput batch;
  batch.portfolio = &columns;
  batch.rows = rows;
  batch.row_count = 2;
  batch.sequences = {status, flags, last, dates.data()};
  batch.today = day("2026-01-19");
  dates[0] = day("2026-01-09");
  auto interpreter = Interpreter::create(example());
  ASSERT_TRUE(interpreter.ok());
  std::vector<Decision> decisions(2);
  interpreter->evaluate(batch, decisions);
  EXPECT_EQ(decisions[0], fire(1));
  EXPECT_EQ(decisions[1], nothing(kClosed));
}

TEST(InterpCreate, RefusesMoreStepsThanADecisionHolds) {
  std::string text = "scenario s \"S\"\n";
  for (std::size_t k = 0; k <= kMaxSteps; ++k) {
    text += "  step s" + std::to_string(k) + "\n    at invoice.due_date\n    email \"x\"\n";
  }
  const auto scenario = compile(text + "end\n");
  EXPECT_EQ(scenario->steps.size(), kMaxSteps + 1);
  EXPECT_FALSE(Interpreter::create(*scenario).ok());
}

}  // namespace
}  // namespace dun::dsl
