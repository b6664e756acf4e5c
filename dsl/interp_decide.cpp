// The decision procedure of one invoice on run date T, line by line as docs/run-semantics.md
// writes it (language.md §3, §3.1). The JIT reproduces this function; keep them in step.
#include <algorithm>

#include "dsl/interp_eval.hpp"
#include "stdlib/functions.hpp"

namespace dun::dsl::interp {
namespace {

std::uint16_t site(ClauseKind kind, std::size_t index = 0) {
  return clause_site(kind, static_cast<std::uint16_t>(index));
}

class RowDecision {
 public:
  explicit RowDecision(RowContext& context) : context_(context) {}

  Decision run(std::uint32_t position);

 private:
  // Evaluates a bool clause (`absent` when the clause is not written). False on an error, which
  // then is the decision.
  bool test(const ir::ExprPtr& clause, bool absent, std::uint16_t clause_site, bool& result) {
    if (clause == nullptr) {
      result = absent;
      return true;
    }
    const Value value = evaluate(*clause, context_);
    if (value.failed()) return fail(value.error(), value.error_site(), clause_site);
    result = value.boolean();
    return true;
  }

  bool date(const ir::Expr& clause, std::uint16_t clause_site, std::int32_t& result) {
    const Value value = evaluate(clause, context_);
    if (value.failed()) return fail(value.error(), value.error_site(), clause_site);
    result = value.date();
    return true;
  }

  // The day's flags and skips are dropped: only the error is left (run-semantics.md).
  bool fail(EvalError error, std::uint16_t inner_site, std::uint16_t clause_site) {
    decision_ = Decision{};
    decision_.outcome = Outcome::error;
    decision_.error = error;
    decision_.error_site = inner_site != 0 ? inner_site : clause_site;
    return false;
  }

  // A skipped step's event date is today: later steps' `at previous + …` see it.
  void skip(std::size_t step, SkipReason reason) {
    if (decision_.skipped_count == 0) decision_.first_skipped = static_cast<std::uint8_t>(step);
    decision_.skip_reasons |= std::uint64_t{static_cast<std::uint8_t>(reason)}
                              << (2 * decision_.skipped_count);
    ++decision_.skipped_count;
    context_.step_dates[step] = context_.today();
  }

  void settle(Outcome outcome, std::size_t step) {
    decision_.outcome = outcome;
    decision_.step = static_cast<std::uint8_t>(step);
  }

  // Steps from `first` on (run-semantics.md's `while k < step count` loop).
  void walk_steps(std::size_t first);
  // The next repetition of the last step, due at its event date + D days (language.md §3.2).
  void repeat_last_step(const ir::Repeat& repeat);
  // §3 points 4 to 7 for step k due on `at`: false when the step was skipped (the caller goes
  // on with the next step, if any), true when it fired, held or failed.
  bool evaluate_due_step(std::size_t k, std::int32_t at);

  RowContext& context_;
  Decision decision_;
};

Decision RowDecision::run(std::uint32_t position) {
  const ir::Scenario& scenario = *context_.scenario;
  const SequenceColumns& sequences = context_.batch->sequences;
  const SequenceStatus status =
      sequences.status != nullptr ? sequences.status[position] : SequenceStatus::none;
  const std::uint8_t stored_flags = sequences.flags != nullptr ? sequences.flags[position] : 0;
  const int last_step = sequences.last_step != nullptr ? sequences.last_step[position] : -1;

  if (status == SequenceStatus::stopped) return decision_;  // stop is final
  bool applies = true;
  if (!test(scenario.applies, true, site(ClauseKind::applies), applies)) return decision_;
  if (!applies) {
    if (status == SequenceStatus::active) decision_.flags |= kClosed;
    return decision_;
  }
  if (status == SequenceStatus::closed) decision_.flags |= kReopened;
  if (status == SequenceStatus::none) decision_.flags |= kStarted;
  bool stop = false;
  if (!test(scenario.stop, false, site(ClauseKind::stop), stop)) return decision_;
  if (stop) {
    decision_.flags |= kStopped;
    return decision_;
  }
  // A collector's pause (dun pause) holds like the scenario's own; the clause is then not
  // evaluated (an error in it cannot undo the collector's decision).
  bool pause = (stored_flags & kSequenceManualPause) != 0;
  if (!pause && !test(scenario.pause, false, site(ClauseKind::pause), pause)) return decision_;
  if (pause) {  // no skips while paused
    if ((stored_flags & kSequencePaused) == 0) decision_.flags |= kPaused;
    return decision_;
  }
  if ((stored_flags & kSequencePaused) != 0) decision_.flags |= kResumed;
  // The agenda moves an awaiting sequence on; a step that acted today leaves the day to it.
  if ((stored_flags & (kSequenceAwaiting | kSequenceActedToday)) != 0) return decision_;
  const auto first = static_cast<std::size_t>(std::max(last_step, -1) + 1);
  const auto& steps = scenario.steps;
  if (first == steps.size() && !steps.empty() && steps.back().repeat &&
      (stored_flags & kSequenceRepeatsEnded) == 0) {
    repeat_last_step(*steps.back().repeat);
  } else {
    walk_steps(first);
  }
  return decision_;
}

void RowDecision::repeat_last_step(const ir::Repeat& repeat) {
  const std::size_t k = context_.scenario->steps.size() - 1;
  const std::int32_t last_date = context_.step_dates[k];
  if (last_date == kNoDate) return;  // no event to repeat from
  std::int32_t at = 0;
  std::int32_t status =
      dun_add_duration(last_date, repeat.every_days, kUnitDays, context_.calendar_id, &at);
  if (status == kStatusOk && context_.scenario->send_on_business_days) {
    status = dun_next_business_day(context_.calendar_id, at, &at);
  }
  if (status != kStatusOk) {
    fail(error_of_status(status), 0, site(ClauseKind::at, k));
    return;
  }
  if (context_.today() < at) return;
  evaluate_due_step(k, at);  // a skipped repetition ends the repeats: nothing follows it
}

void RowDecision::walk_steps(std::size_t first) {
  const ir::Scenario& scenario = *context_.scenario;
  const std::int64_t today = context_.today();
  for (std::size_t k = first; k < scenario.steps.size(); ++k) {
    const ir::Step& step = scenario.steps[k];
    std::int32_t at = 0;
    if (!date(*step.at, site(ClauseKind::at, k), at)) return;
    if (scenario.send_on_business_days) {
      const std::int32_t status = dun_next_business_day(context_.calendar_id, at, &at);
      if (status != kStatusOk) {
        fail(error_of_status(status), 0, site(ClauseKind::at, k));
        return;
      }
    }
    if (today < at) return;  // step k is next, due on `at`
    if (evaluate_due_step(k, at)) return;
  }
}

bool RowDecision::evaluate_due_step(std::size_t k, std::int32_t at) {
  const ir::Scenario& scenario = *context_.scenario;
  const ir::Step& step = scenario.steps[k];
  const std::int64_t today = context_.today();
  if (step.until != nullptr) {
    std::int32_t until = 0;
    if (!date(*step.until, site(ClauseKind::until, k), until)) return true;
    if (today > until) {  // the plain calendar date, never moved
      skip(k, SkipReason::expired);
      return false;
    }
  }
  if (today - at > scenario.catch_up_days) {  // exactly `catch up` days late still fires
    skip(k, SkipReason::late);
    return false;
  }
  bool when = true;
  if (!test(step.when, true, site(ClauseKind::when, k), when)) return true;
  if (!when) {
    skip(k, SkipReason::condition);
    return false;
  }
  bool ready = true;
  if (!test(step.wait_until, true, site(ClauseKind::wait_until, k), ready)) return true;
  settle(ready ? Outcome::fire : Outcome::hold, k);
  return true;
}

}  // namespace

Decision decide_row(RowContext& context, std::uint32_t position) {
  return RowDecision(context).run(position);
}

}  // namespace dun::dsl::interp
