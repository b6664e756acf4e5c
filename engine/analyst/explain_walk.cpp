#include "engine/analyst/explain_walk.hpp"

#include <vector>

#include "dsl/interp.hpp"
#include "engine/analyst/explain_expr.hpp"
#include "engine/model/repetition_name.hpp"
#include "engine/model/skip_reason.hpp"
#include "stdlib/functions.hpp"

namespace dun {
namespace {

namespace ir = dsl::ir;

std::string days_text(std::int64_t days) {
  return std::to_string(days) + (days == 1 || days == -1 ? " day" : " days");
}

class Walk {
 public:
  Walk(const WalkInput& input, Explanation& out)
      : input_(input),
        out_(out),
        scenario_(*input.scenario->ir),
        interpreter_(*input.scenario->interpreter),
        batch_(*input.batch),
        // One row: its step k's date is entry k (a column of one date per step, dsl/batch.hpp).
        step_dates_(input.batch->sequences.step_dates,
                    input.batch->sequences.step_dates + scenario_.steps.size()),
        lets_used_(scenario_.lets.size(), false) {
    batch_.sequences.step_dates = step_dates_.data();
    describer_.scenario = &scenario_;
    describer_.source = input.source;
    describer_.evaluate = [this](const ir::Expr& expr) {
      return interpreter_.evaluate_expr(expr, batch_, 0);
    };
  }

  void run();

 private:
  // Evaluates `expr` and records it under `clause`; the value is returned for the caller's
  // choice of what comes next.
  dsl::Value show(std::vector<ClauseValue>& into, std::string clause, const ir::Expr& expr) {
    collect_lets(expr, scenario_, lets_used_);
    const dsl::Value value = describer_.evaluate(expr);
    ClauseValue shown{std::move(clause), describer_.text(expr), dsl::format_value(value),
                      describer_.operands(expr, value), ""};
    into.push_back(std::move(shown));
    return value;
  }
  // A bool scenario clause (applies/stop/pause); absent clauses are shown with their meaning.
  std::optional<bool> scenario_clause(std::string clause, const ir::ExprPtr& expr, bool absent) {
    if (expr == nullptr) {
      out_.scenario_clauses.push_back(
          {std::move(clause), "", absent ? "true" : "false", "", "(not written)"});
      return absent;
    }
    const dsl::Value value = show(out_.scenario_clauses, std::move(clause), *expr);
    if (value.failed()) return std::nullopt;
    return value.boolean();
  }
  // Today's walk over the steps from `first`, as the decision says it went.
  void walk_steps(std::size_t first);
  // The last step's next repetition (language.md §3.2), as the decision says it went.
  void walk_repetition(const ir::Repeat& repeat);
  // The clauses of step k; returns false when a value failed (an error decision). A repetition
  // is due on `repetition_due` (its `at` is not evaluated).
  bool explain_step(std::size_t k, StepExplanation& step, std::optional<dsl::SkipReason> skipped,
                    bool final_step, std::optional<std::int32_t> repetition_due = std::nullopt);
  void decide(std::string decision, std::string why) {
    out_.decision = std::move(decision);
    out_.why = std::move(why);
  }
  void show_lets();

  const WalkInput& input_;
  Explanation& out_;
  const ir::Scenario& scenario_;
  const dsl::Interpreter& interpreter_;
  dsl::BatchInput batch_;  // a copy whose step dates take today's skips
  std::vector<std::int32_t> step_dates_;
  std::vector<bool> lets_used_;
  ExprDescriber describer_;
};

void Walk::run() {
  const dsl::Decision& decision = input_.decision;
  const dsl::SequenceColumns& sequence = input_.batch->sequences;
  const dsl::SequenceStatus status = sequence.status[0];
  const std::uint8_t flags = sequence.flags[0];
  const int last_step = sequence.last_step[0];

  if (status == dsl::SequenceStatus::stopped) {
    decide("nothing", "the sequence was stopped for good (`stop` held): stop is final");
    return;
  }
  const std::optional<bool> applies = scenario_clause("applies", scenario_.applies, true);
  if (applies && !*applies) {
    if (status == dsl::SequenceStatus::active) {
      decide("close", "`applies` is false: the sequence closes (event `closed`)");
    } else {
      decide("nothing", "`applies` is false: the scenario does not handle this invoice today");
    }
  }
  std::optional<bool> stop = false, pause = false;
  if (applies && *applies) stop = scenario_clause("stop", scenario_.stop, false);
  if (applies && *applies && stop && *stop) {
    decide("stop", "`stop` holds: the sequence ends for good (event `stopped`)");
  }
  // A collector's pause holds like the scenario's own, which is then not evaluated (as by the
  // back ends: an error in it cannot undo the collector's decision).
  const bool by_collector = (flags & dsl::kSequenceManualPause) != 0;
  const std::string paused_event = (flags & dsl::kSequencePaused) == 0 ? " (event `paused`)" : "";
  if (applies && *applies && stop && !*stop && by_collector) {
    const std::string until =
        out_.paused_until ? " until " + out_.paused_until->to_string() : std::string();
    out_.scenario_clauses.push_back(
        {"pause", "", "true", "", "(paused by a collector" + until + ", `dun pause`)"});
    pause = true;
    decide("pause", "paused by a collector" + until +
                        " (`dun resume` ends it sooner): nothing fires and nothing is skipped "
                        "while paused" +
                        paused_event);
  } else if (applies && *applies && stop && !*stop) {
    pause = scenario_clause("pause", scenario_.pause, false);
    if (pause && *pause) {
      decide("pause",
             "`pause` holds: nothing fires and nothing is skipped while paused" + paused_event);
    }
  }
  const bool walked = applies && *applies && stop && !*stop && pause && !*pause;
  if (walked && (flags & dsl::kSequenceAwaiting) != 0) {
    decide("wait", "step " + scenario_.steps[static_cast<std::size_t>(last_step)].name +
                       " waits for its task in the agenda (`dun agenda list`); the sequence "
                       "moves on when it is confirmed, completed or cancelled");
  } else if (walked && (flags & dsl::kSequenceActedToday) != 0) {
    decide("nothing", "step " + scenario_.steps[static_cast<std::size_t>(last_step)].name +
                          " already acted today: at most one step per invoice per day");
  } else if (walked) {
    const auto first = static_cast<std::size_t>(std::max(last_step, -1) + 1);
    const auto& steps = scenario_.steps;
    if (first == steps.size() && !steps.empty() && steps.back().repeat) {
      if ((flags & dsl::kSequenceRepeatsEnded) != 0) {
        decide("nothing",
               "every step is done: the repeats of step " + steps.back().name + " are over");
      } else {
        walk_repetition(*steps.back().repeat);
      }
    } else {
      walk_steps(first);
    }
  }
  if (decision.outcome == dsl::Outcome::error) {
    decide("error", dsl::describe_site(scenario_, decision.error_site) + ": " +
                        std::string(dsl::eval_error_message(decision.error)) +
                        "; the invoice takes no action today and is evaluated afresh next run");
  }
  if (walked && out_.decision.empty()) decide("nothing", "every step is done");
  // The day's sequence events that come before the steps.
  if (walked && (flags & dsl::kSequencePaused) != 0) {
    out_.why = "`pause` no longer holds: the sequence resumes (event `resumed`); " + out_.why;
  }
  if (applies && *applies && decision.outcome != dsl::Outcome::error) {
    if (status == dsl::SequenceStatus::none) {
      out_.why = "the sequence starts today (event `started`); " + out_.why;
    } else if (status == dsl::SequenceStatus::closed) {
      out_.why = "`applies` holds again: the sequence reopens (event `reopened`); " + out_.why;
    }
  }
  show_lets();
}

void Walk::walk_steps(std::size_t first) {
  const dsl::Decision& decision = input_.decision;
  const std::int32_t today = batch_.today;
  std::size_t k = first;
  for (std::uint8_t nth = 0; nth < decision.skipped_count; ++nth, ++k) {
    k = decision.first_skipped + nth;
    StepExplanation step;
    const dsl::SkipReason reason = decision.skip_reason(nth);
    explain_step(k, step, reason, false);
    step.outcome = "skipped (" + std::string(skip_reason_text(reason)) + ")";
    out_.steps.push_back(std::move(step));
    step_dates_[k] = today;  // as the run: later steps' `at previous + …` see today
  }
  if (k >= scenario_.steps.size()) {
    if (decision.skipped_count > 0) {
      decide("skip", "the remaining steps were skipped today; every step is done");
    }
    return;
  }
  StepExplanation step;
  const bool ok = explain_step(k, step, std::nullopt, true);
  const std::string name = scenario_.steps[k].name;
  if (!ok) {
    step.outcome = "error";
  } else if (decision.outcome == dsl::Outcome::fire) {
    step.outcome = "fires";
    decide("fire", "step " + name + " fires today");
  } else if (decision.outcome == dsl::Outcome::hold) {
    step.outcome = "held by wait until";
    decide("hold", "step " + name + " is due but its `wait until` is false: it stays due");
  } else if (decision.outcome == dsl::Outcome::nothing) {
    step.outcome = "not due";
    const std::string at = step.clauses.empty() ? "" : step.clauses.front().value;
    decide(decision.skipped_count > 0 ? "skip" : "nothing",
           "step " + name + " is next, due on " + at);
  }
  out_.steps.push_back(std::move(step));
}

void Walk::walk_repetition(const ir::Repeat& repeat) {
  const dsl::Decision& decision = input_.decision;
  const std::size_t k = scenario_.steps.size() - 1;
  const std::string& step_name = scenario_.steps[k].name;
  const int number = input_.repetitions_done + 1;
  const std::string name = repetition_name(step_name, number);
  const std::string of =
      "repetition " + std::to_string(number) +
      (repeat.max_times ? " of " + std::to_string(*repeat.max_times) : std::string());
  const std::int32_t last = step_dates_[k];
  std::int32_t due = 0;
  if (last == dsl::kNoDate || dun_add_duration(last, repeat.every_days, kUnitDays,
                                               interpreter_.calendar_id(), &due) != kStatusOk) {
    decide("nothing", "step " + step_name + " has no event date to repeat from");
    return;
  }
  StepExplanation step;
  const bool ok = explain_step(
      k, step, decision.skipped_count > 0 ? std::optional(decision.skip_reason(0)) : std::nullopt,
      decision.skipped_count == 0, due);
  step.name = name;
  if (!ok || decision.outcome == dsl::Outcome::error) {
    step.outcome = "error";
  } else if (decision.skipped_count > 0) {
    const std::string reason(skip_reason_text(decision.skip_reason(0)));
    step.outcome = "skipped (" + reason + ")";
    decide("skip", of + " of step " + step_name + " is skipped (" + reason +
                       "): a skipped repetition ends the repeats");
  } else if (decision.outcome == dsl::Outcome::fire) {
    step.outcome = "fires";
    decide("fire", of + " of step " + step_name + " fires today (" + name + ")");
  } else if (decision.outcome == dsl::Outcome::hold) {
    step.outcome = "held by wait until";
    decide("hold",
           of + " of step " + step_name + " is due but its `wait until` is false: it stays due");
  } else {
    step.outcome = "not due";
    decide("nothing", of + ", due on " + step.clauses.front().value);
  }
  out_.steps.push_back(std::move(step));
}

bool Walk::explain_step(std::size_t k, StepExplanation& step,
                        std::optional<dsl::SkipReason> skipped, bool final_step,
                        std::optional<std::int32_t> repetition_due) {
  const ir::Step& ir_step = scenario_.steps[k];
  step.name = ir_step.name;
  const std::int32_t today = batch_.today;
  std::int32_t due = 0;
  if (repetition_due) {
    const ir::Repeat& repeat = *ir_step.repeat;
    due = *repetition_due;
    step.clauses.push_back({"at", "repeat every " + days_text(repeat.every_days),
                            Date::from_days(due).to_string(),
                            "event date " + Date::from_days(step_dates_[k]).to_string() + " + " +
                                days_text(repeat.every_days),
                            ""});
  } else {
    const dsl::Value at = show(step.clauses, "at", *ir_step.at);
    if (at.failed()) return false;
    due = at.date();
  }
  if (scenario_.send_on_business_days) {
    std::int32_t moved = due;
    if (dun_next_business_day(interpreter_.calendar_id(), due, &moved) == kStatusOk &&
        moved != due) {
      step.clauses.back().note = "not a business day: due " + Date::from_days(moved).to_string();
      due = moved;
    }
  }
  if (today < due) {
    step.clauses.back().note += std::string(step.clauses.back().note.empty() ? "" : "; ") +
                                "today " + Date::from_days(today).to_string() +
                                " is before it: not due yet (in " + days_text(due - today) + ")";
    return true;
  }
  if (ir_step.until != nullptr) {
    const dsl::Value until = show(step.clauses, "until", *ir_step.until);
    if (until.failed()) return false;
    if (today > until.date()) {
      step.clauses.back().note = "today is after it → skipped (expired)";
      return true;
    }
  }
  const std::int64_t late = std::int64_t{today} - due;
  if (late > scenario_.catch_up_days || (skipped && *skipped == dsl::SkipReason::late)) {
    step.clauses.front().note += std::string(step.clauses.front().note.empty() ? "" : "; ") +
                                 days_text(late) + " late, more than catch up " +
                                 days_text(scenario_.catch_up_days) + " → skipped (late)";
    return true;
  }
  if (ir_step.when != nullptr) {
    const dsl::Value when = show(step.clauses, "when", *ir_step.when);
    if (when.failed()) return false;
    if (!when.boolean()) {
      step.clauses.back().note = "→ skipped (condition)";
      return true;
    }
  }
  if (!final_step) return true;
  if (ir_step.wait_until != nullptr) {
    const dsl::Value ready = show(step.clauses, "wait until", *ir_step.wait_until);
    if (ready.failed()) return false;
    if (!ready.boolean()) step.clauses.back().note = "→ held: the step stays due";
  }
  return true;
}

void Walk::show_lets() {
  for (std::size_t i = 0; i < scenario_.lets.size(); ++i) {
    if (!lets_used_[i]) continue;
    const ir::Let& let = scenario_.lets[i];
    const dsl::Value value = describer_.evaluate(*let.value);
    out_.lets.push_back({"let " + let.name, describer_.text(*let.value), dsl::format_value(value),
                         describer_.operands(*let.value, value), ""});
  }
}

}  // namespace

void explain_walk(const WalkInput& input, Explanation& out) { Walk(input, out).run(); }

}  // namespace dun
