// `dun runs [list]`: the runs the state store recorded, oldest first (docs/reliability.md).
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/args/flags.hpp"
#include "cli/args/store_access.hpp"
#include "cli/output/json_fields.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun runs [list] [--json] [--db FILE] [--config FILE]\n"
    "\n"
    "The runs the state store recorded, oldest first: the run date, completed or failed (and\n"
    "why), when it started and ended, its shard, what it counted (invoices, actions, events,\n"
    "tasks, quarantined rows, evaluation errors), and how many of the actions created on its\n"
    "date an adapter has been asked to deliver since. Reads only: it never waits for a command\n"
    "that is changing the store, and works on a read-only copy.\n"
    "\n"
    "  --json            one JSON array, one object per run\n"
    "  --db FILE         the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "example:\n"
    "  dun runs list --db demo/dun.db\n";

nlohmann::ordered_json run_to_json(const RunListing& run) {
  nlohmann::ordered_json object;
  object["id"] = run.id;
  object["date"] = run.date.to_string();
  object["outcome"] = run.outcome;
  object["started_at"] = run.started_at;
  object["ended_at"] = run.ended_at;
  object["shard"] = text_or_null(run.shard);
  object["message"] = text_or_null(run.message);
  object["invoices"] = run.counts.invoices;
  object["actions"] = run.counts.actions;
  object["events"] = run.counts.events;
  object["tasks"] = run.counts.tasks;
  object["quarantined"] = run.counts.quarantined;
  object["evaluation_errors"] = run.counts.evaluation_errors;
  object["actions_attempted"] = run.actions_attempted;
  return object;
}

void print_runs(const std::vector<RunListing>& runs) {
  if (runs.empty()) {
    std::printf("no runs yet\n");
    return;
  }
  std::printf("%-5s %-10s %-9s %-20s %-20s %9s %8s %8s %6s %5s %6s %9s\n", "id", "date", "outcome",
              "started", "ended", "invoices", "actions", "events", "tasks", "bad", "errors",
              "attempted");
  for (const RunListing& run : runs) {
    std::printf(
        "%-5lld %-10s %-9s %-20s %-20s %9lld %8lld %8lld %6lld %5lld %6lld %9lld",
        static_cast<long long>(run.id), run.date.to_string().c_str(), run.outcome.c_str(),
        run.started_at.c_str(), run.ended_at.c_str(), static_cast<long long>(run.counts.invoices),
        static_cast<long long>(run.counts.actions), static_cast<long long>(run.counts.events),
        static_cast<long long>(run.counts.tasks), static_cast<long long>(run.counts.quarantined),
        static_cast<long long>(run.counts.evaluation_errors),
        static_cast<long long>(run.actions_attempted));
    if (!run.shard.empty()) std::printf("  shard %s", run.shard.c_str());
    if (!run.message.empty()) std::printf("  %s", run.message.c_str());
    std::printf("\n");
  }
}

}  // namespace

int run_runs(Args args) {
  std::optional<std::string> config_path, db;
  bool json = false;
  std::vector<std::string> positionals;
  FlagParser flags("runs", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.flag("json", json);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.size() > 1 || (positionals.size() == 1 && positionals[0] != "list")) {
    return flags.usage_error("unknown action '" + positionals[0] + "': use `dun runs list`");
  }
  auto state = open_verb_state("runs", config_path, {.db = db}, StoreUse::read);
  if (!state) return 1;
  auto runs = state->store.list_runs();
  if (!runs) {
    std::fprintf(stderr, "dun runs: %s\n", runs.error().message.c_str());
    return 1;
  }
  if (json) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const RunListing& run : *runs) array.push_back(run_to_json(run));
    std::printf("%s\n", array.dump(2).c_str());
  } else {
    print_runs(*runs);
  }
  return 0;
}

}  // namespace dun::cli
