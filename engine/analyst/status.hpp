// The dashboard behind `dun status` (architecture.md): per invoice of the current snapshot, the
// scenario that follows it up (automation on or off, and why off), the state of its sequence,
// the last follow-up (date, step, channel, delivery status) and the next step with its date.
// It reads the state store and the snapshot and writes nothing.
//
// The next step is the one after the last step reached; its date is its `at` evaluated by the
// reference interpreter on the status date (moved to a business day with `send on business
// days`), exactly as the run would compute it. Whether it then fires depends on its `until`,
// `when` and `wait until` on that day; `dun explain` (or `dun simulate`) tells. The day is
// planned by the run's planner (DayPlan, engine/day/day_plan.hpp), so a collector's pause, a
// reassignment or an opt-out reads here as the run would act on it.
//
// InvoiceStatus owns its text. invoice_statuses reads through the caller's StateStore (one
// thread at a time on a connection) and keeps nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "engine/base/config.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct StatusOptions {
  explicit StatusOptions(const Config& status_config) : config(status_config) {}

  const Config& config;  // must outlive the options
  Date date;             // the day the dashboard describes (the CLI's default: the last run's date)
  std::filesystem::path snapshot;
  std::filesystem::path scenarios;
  std::optional<std::filesystem::path> templates;
  std::optional<std::string> customer;  // only this customer's invoices
};

struct InvoiceStatus {
  std::string invoice;
  std::string customer;
  std::string balance;  // "1200.00 EUR"
  Date due_date;
  std::string scenario;  // the scenario that follows it up; empty when none does
  bool automation = false;
  // Why automation is off ("opted out by a collector", "dunning = false in the snapshot",
  // "customer assigned to none", "unknown scenario 'x'"), empty when on.
  std::string automation_note;
  // "not started", "active", "paused", "closed" or "stopped".
  std::string state;
  std::optional<Date> paused_until;  // a collector's pause (dun pause) holding on the date
  // The last action naming the invoice (cancelled ones left out).
  std::optional<Date> last_date;
  std::string last_step;
  std::string last_channel;
  std::string last_status;
  // The next step and the date it is due, or a note saying why there is none.
  std::string next_step;
  std::optional<Date> next_date;
  std::string next_note;
  bool held_by_limit = false;  // the contact limit holds its due step today (language.md §3.2)
};

// In order of customer id, then invoice id. Fails for a snapshot or scenarios that cannot be
// used, and for an unknown --customer (with the closest id as a suggestion).
Result<std::vector<InvoiceStatus>> invoice_statuses(StateStore& store, const StatusOptions& options,
                                                    dsl::Diagnostics& diagnostics);

}  // namespace dun
