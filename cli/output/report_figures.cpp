#include "cli/output/report_figures.hpp"

#include <cmath>
#include <cstdio>
#include <map>

namespace dun::cli {

Result<ReportFigures> gather_reports(StateStore& store, const Portfolio& portfolio,
                                     const Config& config, Date date) {
  ReportFigures figures;
  figures.date = date;
  figures.aging = aging_report(portfolio, config.rates, date);
  auto payments = store.action_payments();
  if (!payments) return payments.error();
  figures.effectiveness = step_effectiveness(*payments);
  auto tasks = store.list_tasks(/*open_only=*/true);
  if (!tasks) return tasks.error();
  figures.workload = collector_workload(*tasks, date);
  auto daily = store.actions_per_day(date - 89);
  if (!daily) return daily.error();
  figures.daily = std::move(daily).value();
  return figures;
}

std::string percent_text(std::int64_t part, std::int64_t whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f",
                whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

BarChart aging_chart(const AgingReport& aging) {
  BarChart chart{"Open receivables by days past due", std::string(aging.currency.code()), {}, {}};
  ChartSeries amounts{"amount (" + std::string(aging.currency.code()) + ")", {}};
  const double scale = std::pow(10.0, aging.currency.exponent());
  for (const AgingBucket& bucket : aging.buckets) {
    chart.categories.push_back(bucket.label);
    amounts.values.push_back(static_cast<double>(bucket.amount) / scale);
  }
  chart.series.push_back(std::move(amounts));
  return chart;
}

BarChart effectiveness_chart(const std::vector<StepEffect>& effects) {
  BarChart chart{"Invoices paid after each step", "%", {}, {}};
  ChartSeries within_7{"within 7 days", {}}, within_14{"within 14 days", {}},
      within_30{"within 30 days", {}};
  auto share = [](std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  };
  for (const StepEffect& effect : effects) {
    chart.categories.push_back(effect.scenario + " / " + effect.step);
    within_7.values.push_back(share(effect.paid_7, effect.invoices));
    within_14.values.push_back(share(effect.paid_14, effect.invoices));
    within_30.values.push_back(share(effect.paid_30, effect.invoices));
  }
  chart.series = {within_7, within_14, within_30};
  return chart;
}

BarChart workload_chart(const std::vector<CollectorLoad>& loads) {
  BarChart chart{"Open tasks per collector", "", {}, {}};
  ChartSeries open{"open tasks", {}}, overdue{"overdue", {}};
  for (const CollectorLoad& load : loads) {
    chart.categories.push_back(load.assignee);
    open.values.push_back(static_cast<double>(load.open));
    overdue.values.push_back(static_cast<double>(load.overdue));
  }
  chart.series = {open, overdue};
  return chart;
}

BarChart daily_actions_chart(const std::vector<DailyActions>& daily, Date date) {
  BarChart chart{"Actions per day and channel, last 90 days", "", {}, {}};
  std::map<std::string, std::vector<double>> per_channel;
  for (const DailyActions& day : daily) per_channel[day.channel].assign(90, 0.0);
  for (const DailyActions& day : daily) {
    const std::int32_t index = day.date - (date - 89);
    if (index >= 0 && index < 90)
      per_channel[day.channel][static_cast<std::size_t>(index)] += static_cast<double>(day.count);
  }
  for (std::int32_t offset = 0; offset < 90; ++offset)
    chart.categories.push_back((date - 89 + offset).to_string());
  for (auto& [channel, values] : per_channel) chart.series.push_back({channel, values});
  return chart;
}

}  // namespace dun::cli
