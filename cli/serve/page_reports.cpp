// The reports page: aging and DSO, actions per day and channel over 90 days, each step's
// effectiveness, each collector's open work, each as an SVG chart drawn here with its numbers in
// a table beside it (cli/output/report_figures.hpp, as `dun report`).
#include "cli/output/report_figures.hpp"
#include "cli/serve/workspace.hpp"

namespace dun::cli {

void Workspace::reports(WebCall& call) {
  auto context = snapshot_context();
  if (!context) {
    send_message(call, 500, "The reports cannot be computed", {context.error().message}, "/");
    return;
  }
  const Date date = workspace_date();
  auto figures = gather_reports(store_, (*context)->portfolio(), options_.config, date);
  if (!figures) {
    send_message(call, 500, "The reports cannot be computed", {figures.error().message}, "/");
    return;
  }
  const Currency currency = figures->aging.currency;
  PageData data;
  data.set("date", date.to_string());
  data.set("currency", std::string(currency.code()));
  data.set("aging_chart", svg_bar_chart(aging_chart(figures->aging)));
  PageData buckets(PageData::type::list);
  for (const AgingBucket& bucket : figures->aging.buckets) {
    PageData row;
    row.set("label", bucket.label);
    row.set("invoices", std::to_string(bucket.invoices));
    row.set("amount", format_minor_units(bucket.amount, currency));
    buckets.push_back(row);
  }
  data.set("buckets", buckets);
  data.set("total", format_minor_units(figures->aging.total, currency));
  char dso[32] = "—";
  if (figures->aging.dso) std::snprintf(dso, sizeof dso, "%.1f days", *figures->aging.dso);
  data.set("dso", std::string(dso));

  data.set("daily_chart", svg_bar_chart(daily_actions_chart(figures->daily, date)));
  PageData daily(PageData::type::list);
  for (const DailyActions& day : figures->daily) {
    PageData row;
    row.set("date", day.date.to_string());
    row.set("channel", day.channel);
    row.set("count", std::to_string(day.count));
    daily.push_back(row);
  }
  data.set("daily", daily);

  data.set("effect_chart", svg_bar_chart(effectiveness_chart(figures->effectiveness)));
  PageData effects(PageData::type::list);
  for (const StepEffect& effect : figures->effectiveness) {
    PageData row;
    row.set("step", effect.scenario + " / " + effect.step);
    row.set("invoices", std::to_string(effect.invoices));
    row.set("paid_7", percent_text(effect.paid_7, effect.invoices));
    row.set("paid_14", percent_text(effect.paid_14, effect.invoices));
    row.set("paid_30", percent_text(effect.paid_30, effect.invoices));
    effects.push_back(row);
  }
  data.set("effects", effects);

  data.set("workload_chart", svg_bar_chart(workload_chart(figures->workload)));
  PageData loads(PageData::type::list);
  for (const CollectorLoad& load : figures->workload) {
    PageData row;
    row.set("assignee", load.assignee);
    row.set("open", std::to_string(load.open));
    row.set("confirm", std::to_string(load.confirm));
    row.set("manual", std::to_string(load.manual));
    row.set("overdue", std::to_string(load.overdue));
    row.set("oldest", load.oldest ? load.oldest->to_string() : "");
    loads.push_back(row);
  }
  data.set("loads", loads);
  send_page(call, "Reports", "reports", std::move(data));
}

}  // namespace dun::cli
