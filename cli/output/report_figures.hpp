// The reports' figures gathered from the state store and the snapshot, and their charts: what
// `dun report` prints and the workspace's reports page shows (one computation for both).
#pragma once

#include <vector>

#include "cli/output/svg_chart.hpp"
#include "engine/analyst/report.hpp"
#include "engine/base/config.hpp"
#include "engine/store/state_store.hpp"

namespace dun::cli {

struct ReportFigures {
  Date date;
  AgingReport aging;
  std::vector<StepEffect> effectiveness;
  std::vector<CollectorLoad> workload;
  std::vector<DailyActions> daily;  // the 90 days up to `date`
};

// Reads what the reports need through `store` and `portfolio` (the snapshot the caller loaded).
Result<ReportFigures> gather_reports(StateStore& store, const Portfolio& portfolio,
                                     const Config& config, Date date);

// "12.5" (percent of `whole`, one decimal; "0.0" when whole is 0).
std::string percent_text(std::int64_t part, std::int64_t whole);

BarChart aging_chart(const AgingReport& aging);
BarChart effectiveness_chart(const std::vector<StepEffect>& effects);
BarChart workload_chart(const std::vector<CollectorLoad>& loads);
// One group per day of the 90 up to `date`, one series per channel.
BarChart daily_actions_chart(const std::vector<DailyActions>& daily, Date date);

}  // namespace dun::cli
