#include "bench/reference_baseline.hpp"

#include <algorithm>

#include "stdlib/currency.hpp"
#include "stdlib/functions.hpp"

namespace dun::bench {
namespace {

using dsl::ClauseKind;
using dsl::Decision;
using dsl::EvalError;

// 0001-01-01 and 9999-12-31 as day numbers: date arithmetic outside is an evaluation error.
constexpr std::int64_t kFirstDay = -719'162;
constexpr std::int64_t kLastDay = 2'932'896;
constexpr std::int64_t kCatchUpDays = 1000;

bool in_range(std::int64_t day) { return day >= kFirstDay && day <= kLastDay; }

Decision failure(EvalError error, ClauseKind kind, std::size_t step) {
  Decision decision;
  decision.outcome = dsl::Outcome::error;
  decision.error = error;
  decision.error_site = dsl::clause_site(kind, static_cast<std::uint16_t>(step));
  return decision;
}

// `from + offset days`: from is a field or a step date (kNoDate when absent).
bool add_days(std::int32_t from, std::int64_t offset, EvalError absent, ClauseKind kind,
              std::size_t step, std::int32_t& out, Decision& decision) {
  if (from == dsl::kNoDate) {
    decision = failure(absent, kind, step);
    return false;
  }
  const std::int64_t day = std::int64_t{from} + offset;
  if (!in_range(from) || !in_range(day)) {
    decision = failure(EvalError::out_of_range, kind, step);
    return false;
  }
  out = static_cast<std::int32_t>(day);
  return true;
}

struct Row {
  const dsl::BatchInput& batch;
  std::uint32_t position;
  std::uint16_t eur;

  Decision decide() const {
    const dsl::PortfolioColumns& p = *batch.portfolio;
    const dsl::SequenceColumns& s = batch.sequences;
    const std::uint32_t invoice = batch.rows[position];
    const dsl::SequenceStatus status = s.status[position];
    Decision decision;
    if (status == dsl::SequenceStatus::stopped) return decision;
    // applies when invoice.balance > 0 and not invoice.disputed
    if (!(p.balance[invoice] > 0 && p.disputed[invoice] == 0)) {
      if (status == dsl::SequenceStatus::active) decision.flags |= dsl::kClosed;
      return decision;
    }
    if (status == dsl::SequenceStatus::closed) decision.flags |= dsl::kReopened;
    if (status == dsl::SequenceStatus::none) decision.flags |= dsl::kStarted;
    const std::uint8_t flags = s.flags[position];
    if ((flags & dsl::kSequencePaused) != 0) decision.flags |= dsl::kResumed;
    if ((flags & (dsl::kSequenceAwaiting | dsl::kSequenceActedToday)) != 0) return decision;

    std::int32_t dates[kReferenceSteps];
    for (std::size_t k = 0; k < kReferenceSteps; ++k) {
      dates[k] = s.step_dates[dsl::step_date_index(k, batch.row_count, position)];
    }
    const std::int32_t today = batch.today;
    const std::int32_t due = p.due_date[invoice];
    const int first = std::max<int>(s.last_step[position], -1) + 1;
    for (std::size_t k = static_cast<std::size_t>(first); k < kReferenceSteps; ++k) {
      std::int32_t at = 0;
      bool ok = false;
      switch (k) {
        case 0:  // at invoice.due_date - 3 days
          ok = add_days(due, -3, EvalError::absent_value, ClauseKind::at, k, at, decision);
          break;
        case 1:  // at invoice.due_date + 7 days
          ok = add_days(due, 7, EvalError::absent_value, ClauseKind::at, k, at, decision);
          break;
        case 2:  // at first + 10 days
          ok =
              add_days(dates[1], 10, EvalError::missing_step_date, ClauseKind::at, k, at, decision);
          break;
        case 3:  // at second + 15 days
          ok =
              add_days(dates[2], 15, EvalError::missing_step_date, ClauseKind::at, k, at, decision);
          break;
        default:  // at previous + 10 days
          ok =
              add_days(dates[3], 10, EvalError::missing_step_date, ClauseKind::at, k, at, decision);
          break;
      }
      if (!ok) return decision;
      if (today < at) return decision;
      if (k == 0) {  // until invoice.due_date - 1 days
        std::int32_t until = 0;
        if (!add_days(due, -1, EvalError::absent_value, ClauseKind::until, k, until, decision)) {
          return decision;
        }
        if (today > until) {
          skip(decision, dates, k, dsl::SkipReason::expired);
          continue;
        }
      }
      if (std::int64_t{today} - at > kCatchUpDays) {
        skip(decision, dates, k, dsl::SkipReason::late);
        continue;
      }
      if (k == 3) {  // when customer.overdue_total > 1000 EUR
        const std::uint32_t customer = p.invoice_customer[invoice];
        std::int32_t order = 0;
        if (p.aggregates_missing_rate[customer] != 0 ||
            dun_money_compare(p.overdue_total[customer], p.customer_currency[customer], 100'000,
                              eur, batch.environment.rates, &order) != kStatusOk) {
          return failure(EvalError::missing_rate, ClauseKind::when, k);
        }
        if (!(order > 0)) {
          skip(decision, dates, k, dsl::SkipReason::condition);
          continue;
        }
      }
      decision.outcome = dsl::Outcome::fire;
      if (k == 1) {  // wait until invoice.balance >= 50 EUR
        std::int32_t order = 0;
        if (dun_money_compare(p.balance[invoice], p.invoice_currency[invoice], 5'000, eur,
                              batch.environment.rates, &order) != kStatusOk) {
          return failure(EvalError::missing_rate, ClauseKind::wait_until, k);
        }
        if (order < 0) decision.outcome = dsl::Outcome::hold;
      }
      decision.step = static_cast<std::uint8_t>(k);
      return decision;
    }
    return decision;
  }

  void skip(Decision& decision, std::int32_t* dates, std::size_t step,
            dsl::SkipReason reason) const {
    if (decision.skipped_count == 0) decision.first_skipped = static_cast<std::uint8_t>(step);
    decision.skip_reasons |= std::uint64_t{static_cast<std::uint8_t>(reason)}
                             << (2 * decision.skipped_count);
    ++decision.skipped_count;
    dates[step] = batch.today;
  }
};

}  // namespace

void decide_reference_baseline(const dsl::BatchInput& batch, std::span<Decision> decisions) {
  const std::uint16_t eur = Currency::from_code("EUR")->index();
  const auto count =
      static_cast<std::uint32_t>(std::min<std::size_t>(batch.row_count, decisions.size()));
  for (std::uint32_t position = 0; position < count; ++position) {
    decisions[position] = Row{batch, position, eur}.decide();
  }
}

}  // namespace dun::bench
