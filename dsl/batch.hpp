// The batch ABI between the engine and the evaluation back ends (the reference interpreter and
// the LLVM JIT): plain column pointers in, one Decision per invoice out. Nothing here knows the
// engine's Portfolio or the state store; the engine fills these structs from them, and generated
// code reads them with fixed offsets, so every field is a fixed-width type or a pointer to one.
//
// Contract:
// - Rows: the back end evaluates the invoice rows listed in BatchInput::rows (a selection of the
//   invoices assigned to one scenario). Sequence columns and decisions are parallel to `rows`,
//   not to the portfolio.
// - Absent values: dates use kNoDate; optional money has a has_* flag. Reading an absent value is
//   an evaluation error for that invoice (EvalError::absent_value).
// - Lifetimes: every pointer stays valid for the duration of one evaluate call; back ends keep no
//   pointer after it returns. Columns are read-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace dun {
class RateTable;
class LateInterestRate;
}  // namespace dun

namespace dun::dsl {

inline constexpr std::int32_t kNoDate = std::numeric_limits<std::int32_t>::min();
inline constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();
// A scenario has at most this many steps, so a day's skips fit one Decision (2 bits each).
inline constexpr std::size_t kMaxSteps = 32;
// PortfolioColumns::aggregates_missing_rate's value for a customer whose totals overflow int64
// (engine/portfolio/aggregate.hpp, AggregateStatus::overflow).
inline constexpr std::uint8_t kAggregatesOverflow = 2;

// Strings as the engine stores them: bytes + offsets (string k is bytes[offsets[k] ..
// offsets[k + 1])), read either by row (ids == nullptr) or through an id column (interned
// symbols: row r holds string ids[r]).
struct StringColumn {
  const char* bytes = nullptr;
  const std::uint32_t* offsets = nullptr;
  const std::uint32_t* ids = nullptr;

  std::string_view at(std::uint32_t row) const {
    const std::uint32_t k = ids != nullptr ? ids[row] : row;
    return {bytes + offsets[k], offsets[k + 1] - offsets[k]};
  }
};

// One custom field's column (dun.toml [fields], dsl/field_table.hpp), indexed by invoice row
// (`invoice.NAME`) or customer row (`customer.NAME`). Non-string values are one int64 per row: a
// bool 0/1, an int, a decimal × 10^6, a date's day number, money in minor units of the row's
// currency (the invoice's, resp. the customer's). Strings are a StringColumn. present[row] is 0
// where the cell was empty and had no default: reading it is an evaluation error.
struct CustomFieldColumn {
  const std::int64_t* values = nullptr;  // null for a string field
  StringColumn text;                     // a string field's values
  const std::uint8_t* present = nullptr;
  std::uint8_t on_customer = 0;  // 1: indexed by customer row
};

// One day's portfolio and customer aggregates, as columns.
struct PortfolioColumns {
  std::uint32_t invoice_count = 0;
  std::uint32_t customer_count = 0;

  // Invoices, indexed by invoice row.
  const std::uint32_t* invoice_customer = nullptr;  // customer row
  const std::uint8_t* invoice_kind = nullptr;       // 0 = "invoice", 1 = "credit_note"
  const std::int32_t* issue_date = nullptr;
  const std::int32_t* due_date = nullptr;
  const std::uint16_t* invoice_currency = nullptr;  // dun::Currency index
  const std::int64_t* amount = nullptr;             // minor units of invoice_currency
  const std::int64_t* balance = nullptr;
  const std::uint8_t* disputed = nullptr;
  const std::int32_t* promise_date = nullptr;  // kNoDate when not promised
  StringColumn invoice_id;
  StringColumn invoice_number;

  // Customers, indexed by customer row.
  StringColumn customer_id;
  StringColumn customer_name;
  StringColumn customer_segment;
  StringColumn customer_country;
  StringColumn customer_language;
  StringColumn customer_scenario;
  StringColumn customer_email;
  const std::uint16_t* customer_currency = nullptr;
  const std::int64_t* credit_limit = nullptr;  // minor units of customer_currency
  const std::uint8_t* has_credit_limit = nullptr;
  const std::uint32_t* customer_collector = nullptr;  // collector row or kNoIndex

  // Customer aggregates (data-model.md), indexed by customer row, in the customer's currency.
  const std::int64_t* overdue_total = nullptr;
  const std::int64_t* open_total = nullptr;
  const std::uint32_t* open_count = nullptr;
  const std::uint32_t* overdue_count = nullptr;
  const std::int32_t* oldest_due_date = nullptr;  // kNoDate when nothing is open
  // Nonzero: the money aggregates are unknown, 1 for a missing exchange rate (reading them is the
  // evaluation error missing_rate), 2 for a total that overflows int64 (the error overflow).
  const std::uint8_t* aggregates_missing_rate = nullptr;

  // Collectors, indexed by collector row.
  StringColumn collector_name;
  StringColumn collector_email;
  StringColumn collector_phone;

  // Contacts, grouped by customer: customer c's contacts are the contact rows
  // contact_rows[contact_begin[c] .. contact_begin[c + 1]), in snapshot order.
  const std::uint32_t* contact_begin = nullptr;  // customer_count + 1 entries
  const std::uint32_t* contact_rows = nullptr;
  StringColumn contact_name;  // indexed by contact row
  StringColumn contact_email;
  StringColumn contact_phone;
  StringColumn contact_role;

  // Custom fields, in the slots of the field table the scenario was checked with.
  const CustomFieldColumn* custom_fields = nullptr;
  std::uint32_t custom_field_count = 0;

  // Delivery facts from the state store (docs/delivery.md, "What a scenario reads of delivery").
  // invoice.last_letter_status, by invoice row: an index into dsl/letter_status.hpp's table
  // (0: no letter). Null: no invoice had a letter.
  const std::uint8_t* last_letter_status = nullptr;
  // customer.email_bounced, by customer row: 1 when the customer's collection address bounced
  // (a hard bounce recorded after its last successful email). Null: none bounced.
  const std::uint8_t* email_bounced = nullptr;
};

// Where each invoice of the batch stands in its scenario's sequence (language.md §3).
enum class SequenceStatus : std::uint8_t {
  none = 0,     // never started: starts today if `applies` holds
  active = 1,   // running (possibly paused or awaiting, see the flags)
  closed = 2,   // `applies` turned false; reopens if it holds again
  stopped = 3,  // `stop` held: final
};
enum SequenceFlag : std::uint8_t {
  kSequencePaused = 1 << 0,    // `pause` held on the last run
  kSequenceAwaiting = 1 << 1,  // the confirm-task or task of step last_step is open
  // Step last_step fired, or its task was confirmed or completed, on the run date: no other step
  // may fire that day (one step per invoice per day; a re-run of the date emits nothing).
  kSequenceActedToday = 1 << 2,
  // A collector paused this invoice (dun pause): after `applies` and `stop` are evaluated, the
  // invoice is paused exactly as if the scenario's `pause` held.
  kSequenceManualPause = 1 << 3,
  // The last step's `repeat` is over (language.md §3.2): the step was skipped rather than fired,
  // a repetition was skipped, or `at most K times` is used up. Without it, a sequence whose last
  // step reached is the last step of a scenario with `repeat` has its next repetition due at that
  // step's event date + D days.
  kSequenceRepeatsEnded = 1 << 4,
};

// Per evaluated row (parallel to BatchInput::rows).
struct SequenceColumns {
  const SequenceStatus* status = nullptr;
  const std::uint8_t* flags = nullptr;     // SequenceFlag bits
  const std::int8_t* last_step = nullptr;  // index of the last step reached, -1 for none
  // Column-major, one column of BatchInput::row_count dates per step of the scenario: the event
  // date of step k of row i (fired or skipped, language.md §3.1) is step_dates[k * row_count + i]
  // (step_date_index), kNoDate when the step has none. A column per step lets the JIT's first
  // pass load one step's dates of 16 consecutive rows with one vector load (docs/jit.md, "Step
  // dates by column").
  const std::int32_t* step_dates = nullptr;
};

// The index of step `step`'s date of row `position` in SequenceColumns::step_dates, for a batch
// of `row_count` rows (BatchInput::row_count).
constexpr std::size_t step_date_index(std::size_t step, std::size_t row_count,
                                      std::size_t position) {
  return step * row_count + position;
}

// What does not change during a run: the configured rates and legal-interest rule.
struct EvalEnvironment {
  const RateTable* rates = nullptr;                 // null: no conversion possible
  const LateInterestRate* late_interest = nullptr;  // null: late_interest() is an error
};

struct BatchInput {
  const PortfolioColumns* portfolio = nullptr;
  const std::uint32_t* rows = nullptr;
  std::uint32_t row_count = 0;
  SequenceColumns sequences;
  std::int32_t today = 0;
  EvalEnvironment environment;
};

// ---- Decisions ----

enum class Outcome : std::uint8_t {
  nothing = 0,  // nothing fires today (not due yet, paused, awaiting, closed, all steps done)
  fire = 1,     // Decision::step fires today
  hold = 2,     // Decision::step is due but its `wait until` is false: it stays due
  error = 3,    // an evaluation error: no action for this invoice today (see error fields)
};

// State changes of the day, in the order they happen; several may combine
// (reopened + resumed, started + …).
enum DecisionFlag : std::uint8_t {
  kStarted = 1 << 0,   // the sequence starts today
  kReopened = 1 << 1,  // a closed sequence applies again
  kClosed = 1 << 2,    // `applies` turned false
  kStopped = 1 << 3,   // `stop` holds: final
  kPaused = 1 << 4,    // `pause` turned true
  kResumed = 1 << 5,   // `pause` turned false
};

enum class SkipReason : std::uint8_t { expired = 1, late = 2, condition = 3 };

enum class EvalError : std::uint8_t {
  none = 0,
  missing_rate = 1,  // money of two currencies without a configured rate
  absent_value = 2,  // read a field the invoice does not have (no promise date, …)
  division_by_zero = 3,
  overflow = 4,
  out_of_range = 5,  // a date outside 0001-9999
  no_interest_rule = 6,
  missing_step_date = 7,  // `at STEP + …` where STEP has no event date (a scenario edit)
};

// Which clause an error came from: kind in the high 4 bits, index (let or step) in the low 12.
enum class ClauseKind : std::uint8_t { applies = 1, stop, pause, let, at, until, when, wait_until };
constexpr std::uint16_t clause_site(ClauseKind kind, std::uint16_t index = 0) {
  return static_cast<std::uint16_t>((static_cast<unsigned>(kind) << 12) | (index & 0x0FFF));
}
constexpr ClauseKind site_kind(std::uint16_t site) { return static_cast<ClauseKind>(site >> 12); }
constexpr std::uint16_t site_index(std::uint16_t site) { return site & 0x0FFF; }

// 16 bytes per invoice. Steps [first_skipped, first_skipped + skipped_count) were skipped today,
// each with a reason (2 bits, in order, lowest bits first); then `step` fires or holds. A
// repetition of the last step (language.md §3.2) is that step again: it fires, holds or is
// skipped (skipped_count 1, first_skipped the last step) while the stored last step reached is
// already it; the engine tells a repetition from the first firing by that.
struct Decision {
  std::uint8_t flags = 0;  // DecisionFlag bits
  Outcome outcome = Outcome::nothing;
  std::uint8_t step = 0;
  std::uint8_t first_skipped = 0;
  std::uint8_t skipped_count = 0;
  EvalError error = EvalError::none;
  std::uint16_t error_site = 0;  // clause_site(...) when outcome == error
  std::uint64_t skip_reasons = 0;

  SkipReason skip_reason(std::uint8_t nth) const {
    return static_cast<SkipReason>((skip_reasons >> (2 * nth)) & 3u);
  }
  bool operator==(const Decision&) const = default;
};
static_assert(sizeof(Decision) == 16);

}  // namespace dun::dsl
