// `dun status [--customer ID] [--json]`: the dashboard (engine/analyst/status.hpp) as a table or
// JSON.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/output/json_fields.hpp"
#include "engine/analyst/status.hpp"
#include "engine/snapshot/customer_index.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun status [--customer ID] [--json] [--date D] [--config FILE] [--db FILE]\n"
    "                  [--snapshot PATH] [--scenarios DIR] [--templates DIR]\n"
    "\n"
    "The dashboard: per invoice of the current snapshot, the scenario that follows it up\n"
    "(automation on, or off and why), the state of its sequence, the last follow-up (date, step,\n"
    "channel, delivery status) and the next step with the date it is due. Reads the state store\n"
    "and the snapshot; changes nothing.\n"
    "\n"
    "  --customer ID     only this customer's invoices (only its rows of the snapshot are read)\n"
    "  --json            a JSON array, one object per invoice\n"
    "  --date D          the day described (default: the date of the last run)\n"
    "  --snapshot PATH   the snapshot (default from dun.toml)\n"
    "  --scenarios DIR   the scenarios (default from dun.toml)\n"
    "  --templates DIR   their templates (default from dun.toml)\n"
    "  --db FILE         the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "example:\n"
    "  dun status --config examples/dun.toml --customer C0042\n"
    "  dun status --config examples/dun.toml --json > status.json\n";

void print_json(const std::vector<InvoiceStatus>& statuses) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const InvoiceStatus& status : statuses) {
    nlohmann::ordered_json item;
    item["invoice"] = status.invoice;
    item["customer"] = status.customer;
    item["balance"] = status.balance;
    item["due_date"] = status.due_date.to_string();
    item["scenario"] = text_or_null(status.scenario);
    item["automation"] = status.automation ? "on" : "off";
    item["automation_note"] = text_or_null(status.automation_note);
    item["state"] = status.state;
    item["paused_until"] = date_or_null(status.paused_until);
    if (status.last_date) {
      item["last_follow_up"] = {{"date", status.last_date->to_string()},
                                {"step", status.last_step},
                                {"channel", status.last_channel},
                                {"status", status.last_status}};
    } else {
      item["last_follow_up"] = nullptr;
    }
    item["next_step"] = text_or_null(status.next_step);
    item["next_date"] = date_or_null(status.next_date);
    item["next_note"] = text_or_null(status.next_note);
    item["held_by_limit"] = status.held_by_limit;
    out.push_back(std::move(item));
  }
  std::printf("%s\n", out.dump(2).c_str());
}

// Columns as wide as their widest cell, so the table reads at any id length.
void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
  }
}

void print_text(const std::vector<InvoiceStatus>& statuses, Date date) {
  std::vector<std::vector<std::string>> rows = {
      {"invoice", "customer", "balance", "due", "scenario", "state", "last follow-up", "next"}};
  std::size_t on = 0, paused = 0;
  for (const InvoiceStatus& status : statuses) {
    on += status.automation ? 1 : 0;
    paused += status.paused_until || status.state == "paused" ? 1 : 0;
    const std::string scenario =
        status.automation ? status.scenario + " (on)" : "off: " + status.automation_note;
    std::string state = status.state;
    if (status.paused_until) state += " until " + status.paused_until->to_string();
    std::string last = "-";
    if (status.last_date) {
      last = status.last_date->to_string() + " " + status.last_step + " " + status.last_channel +
             " " + status.last_status;
    }
    std::string next;
    if (!status.next_step.empty()) next = status.next_step;
    if (status.next_date) next += " on " + status.next_date->to_string();
    if (!status.next_note.empty()) next += (next.empty() ? "" : "; ") + status.next_note;
    if (next.empty()) next = "-";
    rows.push_back({status.invoice, status.customer, status.balance, status.due_date.to_string(),
                    scenario, state, last, next});
  }
  std::printf("status on %s: %zu invoice%s, %zu followed up, %zu off, %zu paused\n\n",
              date.to_string().c_str(), statuses.size(), statuses.size() == 1 ? "" : "s", on,
              statuses.size() - on, paused);
  print_table(rows);
}

}  // namespace

int run_status(Args args) {
  std::optional<std::string> config_path, db, customer, date, snapshot, scenarios, templates;
  bool json = false;
  FlagParser flags("status", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("customer", customer);
  flags.value("date", date);
  flags.value("snapshot", snapshot);
  flags.value("scenarios", scenarios);
  flags.value("templates", templates);
  flags.flag("json", json);
  if (auto exit_code = flags.parse(args)) return *exit_code;

  auto state = open_verb_state(
      "status", config_path,
      {.snapshot = snapshot, .scenarios = scenarios, .templates = templates, .db = db},
      StoreUse::read);
  if (!state) return 1;
  const Config* config = &state->config;
  StatusOptions options(*config);
  options.customer = customer;
  options.customer_index = CustomerIndexSettings{customer_index_path_for(config->engine.database)};
  options.snapshot = config->engine.snapshot;
  options.scenarios = config->engine.scenarios;
  options.templates = config->engine.templates;
  if (date) {
    auto parsed = parse_run_date(date);
    if (!parsed) return flags.usage_error(parsed.error().message);
    options.date = *parsed;
  } else {
    auto last = state->store.last_completed_run_date();
    if (!last) {
      std::fprintf(stderr, "dun status: %s\n", last.error().message.c_str());
      return 1;
    }
    auto today = parse_run_date(std::nullopt);
    options.date = last->value_or(*today);
  }

  dsl::Diagnostics diagnostics;
  auto statuses = invoice_statuses(state->store, options, diagnostics);
  if (!statuses) {
    print_diagnostics(diagnostics);
    std::fprintf(stderr, "dun status: %s\n", statuses.error().message.c_str());
    return 1;
  }
  if (json) {
    print_json(*statuses);
  } else {
    print_text(*statuses, options.date);
  }
  return 0;
}

}  // namespace dun::cli
