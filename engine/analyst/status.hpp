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
// thread at a time on a connection) and keeps nothing; StatusBook (below) keeps what the
// statuses of many pages of one day share.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "engine/base/config.hpp"
#include "engine/day/day_inputs.hpp"
#include "engine/day/scenario_set.hpp"
#include "engine/snapshot/snapshot.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct StatusOptions {
  explicit StatusOptions(const Config& status_config) : config(status_config) {}

  const Config& config;  // must outlive the options (and a StatusBook loaded with them)
  Date date;             // the day the dashboard describes (the CLI's default: the last run's date)
  std::filesystem::path snapshot;
  std::filesystem::path scenarios;
  std::optional<std::filesystem::path> templates;
  std::optional<std::string> customer;  // only this customer's invoices
  // With `customer`: the customer index that finds its rows in a CSV snapshot (customer_index.hpp;
  // `dun status --customer` keeps it beside the state store).
  std::optional<CustomerIndexSettings> customer_index;
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

// One day of a StatusBook: its date, the collectors' overrides read from the store, and the day's
// inputs built from them (the customer aggregates, which scenario handles each invoice: a pass
// over the whole portfolio). Immutable: shared by every page computed on that day and state.
struct StatusDay {
  Date date;
  std::vector<Override> overrides;
  std::shared_ptr<const DayInputs> inputs;
};

// The statuses of any rows of the portfolio, without loading again what they share: the
// scenarios and the snapshot (loaded once), the portfolio's invoice rows in the dashboard's
// orders, and (StatusDay) the day's inputs. `dun status` computes every row once; `dun serve`
// keeps a book and computes only the rows a page shows, reading their sequences and last
// follow-ups from the store by invoice (a page costs its rows, not the portfolio).
//
// Immutable once loaded: const methods may run on several threads at once, each with its own
// StateStore. The StatusDay passed in must come from this book.
class StatusBook {
 public:
  // Loads the scenarios and the snapshot of `options` (its customer and date are not used); with
  // `customer`, only that customer's rows of the snapshot (LoadOptions::customer), so that only
  // its statuses can be asked.
  static Result<std::unique_ptr<StatusBook>> load(const StatusOptions& options,
                                                  dsl::Diagnostics& diagnostics,
                                                  const std::optional<std::string>& customer = {});

  const Portfolio& portfolio() const { return snapshot_.portfolio; }
  const ScenarioSet& scenarios() const { return *scenarios_; }
  // Portfolio invoice rows by customer id then invoice id, and by due date (ties in that order).
  std::span<const std::uint32_t> by_customer() const { return by_customer_; }
  std::span<const std::uint32_t> by_due_date() const { return by_due_date_; }
  // The rows of one customer, by invoice id (a slice of by_customer()); empty when unknown.
  std::span<const std::uint32_t> rows_of_customer(std::string_view customer) const;
  // The day `date` with the store's overrides of now (O(portfolio)).
  Result<std::shared_ptr<const StatusDay>> prepare_day(StateStore& store, Date date) const;
  // The statuses of `rows` (portfolio invoice rows), in the order given. A contact limit
  // (language.md §3.2) holds an invoice depending on its customer's other invoices due that day:
  // with `contact_holds`, REQUIRES every invoice of each customer of `rows` to be among them
  // (rows_of_customer); without, held_by_limit stays false and the next note says nothing of the
  // limit (the dashboard takes the holds from its table of every invoice).
  Result<std::vector<InvoiceStatus>> statuses(StateStore& store, const StatusDay& day,
                                              std::span<const std::uint32_t> rows,
                                              bool contact_holds) const;
  // Every invoice's, in by_customer() order: the sequences and last follow-ups read in bulk.
  Result<std::vector<InvoiceStatus>> all_statuses(StateStore& store, const StatusDay& day) const;

 private:
  StatusBook(const Config& config, std::unique_ptr<ScenarioSet> scenarios, LoadedSnapshot snapshot,
             std::optional<std::string> customer);
  Result<std::vector<InvoiceStatus>> compute(StateStore& store, const StatusDay& day,
                                             std::span<const std::uint32_t> rows, bool every_row,
                                             bool contact_holds) const;

  const Config& config_;
  std::unique_ptr<ScenarioSet> scenarios_;
  LoadedSnapshot snapshot_;
  std::optional<std::string> customer_;  // the one customer loaded, if so (load)
  std::vector<std::uint32_t> by_customer_;
  std::vector<std::uint32_t> by_due_date_;
};

}  // namespace dun
