// The figures of `dun report` and of the workspace's reports page (docs/reports.md):
//   aging         the open receivables in buckets of days past due, and the DSO;
//   effectiveness per step, the share of the invoices it acted on that were paid within 7, 14 and
//                 30 days of the action;
//   workload      per collector (task assignee), the open tasks, how many are overdue, the oldest.
// Pure functions over values the caller read (the snapshot, the store's rows): they keep nothing
// and are safe from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/store_records.hpp"
#include "engine/model/task.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/date.hpp"
#include "stdlib/money.hpp"

namespace dun {

struct AgingBucket {
  std::string label;  // "not due", "1-30", "31-60", "61-90", "over 90" (days past due)
  std::int64_t invoices = 0;
  std::int64_t amount = 0;  // minor units of the report's currency
};

struct AgingReport {
  Date date;
  Currency currency;  // the company's ([rates]'s base): every amount is converted to it
  std::vector<AgingBucket> buckets;
  std::int64_t total = 0;        // open receivables
  std::int64_t sales_90 = 0;     // invoiced in the 90 days up to the date
  std::optional<double> dso;     // total / sales_90 × 90 days; none without sales
  std::int64_t unconverted = 0;  // open invoices left out: no [rates] entry for their currency
};

// Open invoices (not credit notes, balance > 0) of `portfolio` on `date`.
AgingReport aging_report(const Portfolio& portfolio, const RateTable& rates, Date date);

struct StepEffect {
  std::string scenario;
  std::string step;
  std::int64_t invoices = 0;  // (action, invoice) pairs: an invoice reminded twice counts twice
  std::int64_t paid_7 = 0;    // closed within 7 days of the action
  std::int64_t paid_14 = 0;
  std::int64_t paid_30 = 0;
};

// By scenario, then step. REQUIRES: `payments` ordered by scenario, then step.
std::vector<StepEffect> step_effectiveness(const std::vector<ActionPayment>& payments);

struct CollectorLoad {
  std::string assignee;  // "(unassigned)" for tasks without one
  std::int64_t open = 0;
  std::int64_t confirm = 0;  // of them, confirm-tasks
  std::int64_t manual = 0;   // of them, manual tasks
  std::int64_t overdue = 0;  // due before `date`
  std::optional<Date> oldest;
};

// By assignee. `tasks` are the open tasks.
std::vector<CollectorLoad> collector_workload(const std::vector<Task>& tasks, Date date);

}  // namespace dun
