#include "engine/analyst/report.hpp"

#include <map>

namespace dun {

AgingReport aging_report(const Portfolio& portfolio, const RateTable& rates, Date date) {
  AgingReport report;
  report.date = date;
  report.currency = rates.base();
  report.buckets = {{"not due"}, {"1-30"}, {"31-60"}, {"61-90"}, {"over 90"}};
  const Invoices& invoices = portfolio.invoices;
  const std::int32_t since = (date - 90).days();
  for (std::size_t row = 0; row < invoices.size(); ++row) {
    if (invoices.kind[row] != InvoiceKind::invoice) continue;
    if (invoices.issue_date[row] > since && invoices.issue_date[row] <= date.days()) {
      if (auto amount = rates.convert(invoices.amount[row], invoices.currency[row], rates.base()))
        report.sales_90 += *amount;
    }
    if (invoices.balance[row] <= 0) continue;
    auto balance = rates.convert(invoices.balance[row], invoices.currency[row], rates.base());
    if (!balance) {
      ++report.unconverted;
      continue;
    }
    const std::int32_t late = date.days() - invoices.due_date[row];
    const std::size_t bucket = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
    ++report.buckets[bucket].invoices;
    report.buckets[bucket].amount += *balance;
    report.total += *balance;
  }
  if (report.sales_90 > 0) {
    report.dso = static_cast<double>(report.total) / static_cast<double>(report.sales_90) * 90.0;
  }
  return report;
}

std::vector<StepEffect> step_effectiveness(const std::vector<ActionPayment>& payments) {
  std::vector<StepEffect> effects;
  for (const ActionPayment& payment : payments) {
    if (effects.empty() || effects.back().scenario != payment.scenario ||
        effects.back().step != payment.step) {
      effects.push_back({payment.scenario, payment.step});
    }
    StepEffect& effect = effects.back();
    ++effect.invoices;
    if (!payment.closed_on) continue;
    const std::int32_t days = *payment.closed_on - payment.action_date;
    if (days <= 7) ++effect.paid_7;
    if (days <= 14) ++effect.paid_14;
    if (days <= 30) ++effect.paid_30;
  }
  return effects;
}

std::vector<CollectorLoad> collector_workload(const std::vector<Task>& tasks, Date date) {
  std::map<std::string, CollectorLoad> loads;
  for (const Task& task : tasks) {
    const std::string assignee = task.assignee.empty() ? "(unassigned)" : task.assignee;
    CollectorLoad& load = loads[assignee];
    load.assignee = assignee;
    ++load.open;
    ++(task.kind == TaskKind::confirm ? load.confirm : load.manual);
    if (task.due_on && *task.due_on < date) ++load.overdue;
    if (!load.oldest || task.created_on < *load.oldest) load.oldest = task.created_on;
  }
  std::vector<CollectorLoad> result;
  for (auto& [name, load] : loads) result.push_back(std::move(load));
  return result;
}

}  // namespace dun
