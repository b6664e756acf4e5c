// `dun report [aging|effectiveness|workload] [--json|--csv] [--chart FILE.svg]`: the portfolio's
// aging and DSO, what each step achieves, each collector's open work (cli/output/report_figures).
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "adapters/atomic_file.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/output/report_figures.hpp"
#include "cli/verbs.hpp"
#include "engine/snapshot/load_snapshot.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun report [aging|effectiveness|workload] [--json|--csv] [--chart FILE.svg]\n"
    "                  [--date D] [--config FILE] [--db FILE] [--snapshot PATH]\n"
    "\n"
    "The figures a manager asks for, for scripts and cron mails (the workspace's reports page\n"
    "shows the same). Without a report name, all three as text.\n"
    "\n"
    "  aging           the open receivables of the snapshot (invoices with a balance) by days\n"
    "                  past due: not due, 1-30, 31-60, 61-90, over 90; their total and the DSO\n"
    "                  (receivables / amounts invoiced in the last 90 days x 90), in the\n"
    "                  company's currency ([rates] converts the others)\n"
    "  effectiveness   per scenario and step, the invoices its executed actions named and the\n"
    "                  share of them closed (paid) within 7, 14 and 30 days of the action\n"
    "  workload        per collector (the tasks' assignee): open tasks, confirm-tasks, manual\n"
    "                  tasks, overdue ones (due before the date), the oldest\n"
    "  --json          the report as JSON\n"
    "  --csv           the report as CSV (a header line, then one line per row)\n"
    "  --chart FILE    also write the report's bar chart as an SVG file\n"
    "  --date D        the day described (default: the date of the last run, else today)\n"
    "  --snapshot PATH the snapshot (default from dun.toml)\n"
    "  --db FILE       the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE   the configuration (default ./dun.toml when present)\n"
    "\n"
    "example:\n"
    "  dun report aging --config examples/dun.toml --chart aging.svg\n"
    "  dun report effectiveness --csv > steps.csv\n";

std::string money_text(std::int64_t minor, Currency currency) {
  return format_minor_units(minor, currency);
}

void print_aging(const AgingReport& aging, bool json, bool csv) {
  const Currency currency = aging.currency;
  if (json) {
    nlohmann::ordered_json out;
    out["date"] = aging.date.to_string();
    out["currency"] = std::string(currency.code());
    out["buckets"] = nlohmann::ordered_json::array();
    for (const AgingBucket& bucket : aging.buckets) {
      out["buckets"].push_back({{"bucket", bucket.label},
                                {"invoices", bucket.invoices},
                                {"amount", money_text(bucket.amount, currency)}});
    }
    out["total"] = money_text(aging.total, currency);
    out["sales_90_days"] = money_text(aging.sales_90, currency);
    out["dso"] = aging.dso ? nlohmann::ordered_json(std::round(*aging.dso * 10) / 10)
                           : nlohmann::ordered_json();
    out["unconverted_invoices"] = aging.unconverted;
    std::printf("%s\n", out.dump().c_str());
    return;
  }
  if (csv) {
    std::printf("bucket,invoices,amount\n");
    for (const AgingBucket& bucket : aging.buckets) {
      std::printf("%s,%lld,%s\n", bucket.label.c_str(), static_cast<long long>(bucket.invoices),
                  money_text(bucket.amount, currency).c_str());
    }
    return;
  }
  std::printf("aging on %s (%s)\n", aging.date.to_string().c_str(),
              std::string(currency.code()).c_str());
  std::printf("  %-9s %9s %16s\n", "days late", "invoices", "amount");
  for (const AgingBucket& bucket : aging.buckets) {
    std::printf("  %-9s %9lld %16s\n", bucket.label.c_str(),
                static_cast<long long>(bucket.invoices),
                money_text(bucket.amount, currency).c_str());
  }
  std::printf("  %-9s %9s %16s\n", "total", "", money_text(aging.total, currency).c_str());
  if (aging.dso) {
    std::printf("  DSO %.1f days (invoiced in the last 90 days: %s)\n", *aging.dso,
                money_text(aging.sales_90, currency).c_str());
  } else {
    std::printf("  DSO: no invoice issued in the last 90 days\n");
  }
  if (aging.unconverted > 0) {
    std::printf("  %lld open invoices left out: their currency has no [rates] entry\n",
                static_cast<long long>(aging.unconverted));
  }
}

void print_effectiveness(const std::vector<StepEffect>& effects, bool json, bool csv) {
  if (json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const StepEffect& effect : effects) {
      out.push_back({{"scenario", effect.scenario},
                     {"step", effect.step},
                     {"invoices", effect.invoices},
                     {"paid_7_days", effect.paid_7},
                     {"paid_14_days", effect.paid_14},
                     {"paid_30_days", effect.paid_30}});
    }
    std::printf("%s\n", out.dump().c_str());
    return;
  }
  if (csv) std::printf("scenario,step,invoices,paid_7_days,paid_14_days,paid_30_days\n");
  if (!csv) {
    if (effects.empty()) {
      std::printf("effectiveness: no executed action yet\n");
      return;
    }
    std::printf("effectiveness: invoices paid within N days of the step's action\n");
    std::printf("  %-32s %9s %8s %8s %8s\n", "scenario / step", "invoices", "7 days", "14 days",
                "30 days");
  }
  for (const StepEffect& effect : effects) {
    if (csv) {
      std::printf("%s,%s,%lld,%lld,%lld,%lld\n", effect.scenario.c_str(), effect.step.c_str(),
                  static_cast<long long>(effect.invoices), static_cast<long long>(effect.paid_7),
                  static_cast<long long>(effect.paid_14), static_cast<long long>(effect.paid_30));
      continue;
    }
    std::printf("  %-32s %9lld %7s%% %7s%% %7s%%\n",
                (effect.scenario + " / " + effect.step).c_str(),
                static_cast<long long>(effect.invoices),
                percent_text(effect.paid_7, effect.invoices).c_str(),
                percent_text(effect.paid_14, effect.invoices).c_str(),
                percent_text(effect.paid_30, effect.invoices).c_str());
  }
}

void print_workload(const std::vector<CollectorLoad>& loads, bool json, bool csv) {
  auto oldest = [](const CollectorLoad& load) {
    return load.oldest ? load.oldest->to_string() : std::string();
  };
  if (json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const CollectorLoad& load : loads) {
      out.push_back({{"assignee", load.assignee},
                     {"open", load.open},
                     {"confirm", load.confirm},
                     {"task", load.manual},
                     {"overdue", load.overdue},
                     {"oldest", oldest(load)}});
    }
    std::printf("%s\n", out.dump().c_str());
    return;
  }
  if (csv) std::printf("assignee,open,confirm,task,overdue,oldest\n");
  if (!csv) {
    if (loads.empty()) {
      std::printf("workload: no open task\n");
      return;
    }
    std::printf("workload: open tasks per collector\n");
    std::printf("  %-20s %6s %8s %6s %8s  %s\n", "assignee", "open", "confirm", "task", "overdue",
                "oldest");
  }
  for (const CollectorLoad& load : loads) {
    std::printf(csv ? "%s,%lld,%lld,%lld,%lld,%s\n" : "  %-20s %6lld %8lld %6lld %8lld  %s\n",
                load.assignee.c_str(), static_cast<long long>(load.open),
                static_cast<long long>(load.confirm), static_cast<long long>(load.manual),
                static_cast<long long>(load.overdue), oldest(load).c_str());
  }
}

}  // namespace

int run_report(Args args) {
  std::optional<std::string> config_path, db, date, snapshot, chart;
  bool json = false, csv = false;
  std::vector<std::string> positionals;
  FlagParser flags("report", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("date", date);
  flags.value("snapshot", snapshot);
  flags.value("chart", chart);
  flags.flag("json", json);
  flags.flag("csv", csv);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.size() > 1)
    return flags.usage_error("give one report: aging, effectiveness or workload");
  const std::string kind = positionals.empty() ? "" : positionals[0];
  if (!kind.empty() && kind != "aging" && kind != "effectiveness" && kind != "workload") {
    return flags.usage_error("unknown report '" + kind + "': use aging, effectiveness or workload");
  }
  if (json && csv) return flags.usage_error("--json or --csv, not both");
  if (kind.empty() && (json || csv || chart)) {
    return flags.usage_error(
        "--json, --csv and --chart go with one report: name it (aging, "
        "effectiveness or workload)");
  }
  auto state =
      open_verb_state("report", config_path, {.snapshot = snapshot, .db = db}, StoreUse::read);
  if (!state) return 1;
  Date day;
  if (date) {
    auto parsed = parse_run_date(date);
    if (!parsed) return flags.usage_error(parsed.error().message);
    day = *parsed;
  } else {
    auto last = state->store.last_completed_run_date();
    day = last && *last ? **last : *parse_run_date(std::nullopt);
  }
  auto loaded =
      load_snapshot(state->config.engine.snapshot, /*strict=*/false, {}, state->config.fields);
  if (!loaded) {
    std::fprintf(stderr, "dun report: %s\n", loaded.error().message.c_str());
    return 1;
  }
  auto figures = gather_reports(state->store, loaded->portfolio, state->config, day);
  if (!figures) {
    std::fprintf(stderr, "dun report: %s\n", figures.error().message.c_str());
    return 1;
  }
  if (kind.empty() || kind == "aging") print_aging(figures->aging, json, csv);
  if (kind.empty() || kind == "effectiveness")
    print_effectiveness(figures->effectiveness, json, csv);
  if (kind.empty() || kind == "workload") print_workload(figures->workload, json, csv);
  if (chart) {
    const BarChart drawn = kind == "aging"           ? aging_chart(figures->aging)
                           : kind == "effectiveness" ? effectiveness_chart(figures->effectiveness)
                                                     : workload_chart(figures->workload);
    if (auto written = adapters::write_file_atomically(*chart, svg_bar_chart(drawn)); !written) {
      std::fprintf(stderr, "dun report: %s\n", written.error().message.c_str());
      return 1;
    }
    std::fprintf(stderr, "wrote %s\n", chart->c_str());
  }
  return 0;
}

}  // namespace dun::cli
