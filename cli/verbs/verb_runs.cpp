// `dun runs [list]`: the runs the state store recorded, oldest first; `dun runs undo DATE`: the
// store rolled back over the run of DATE and the later ones (docs/reliability.md).
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/args/flags.hpp"
#include "cli/args/store_access.hpp"
#include "cli/output/json_fields.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun runs [list] [--json] [--db FILE] [--config FILE]\n"
    "       dun runs undo DATE [--dry-run] [--db FILE] [--config FILE]\n"
    "\n"
    "list (the default): the runs the state store recorded, oldest first: the run date,\n"
    "completed or failed (and why), when it started and ended, its shard, what it counted\n"
    "(invoices, actions, events, tasks, quarantined rows, evaluation errors), and how many of the\n"
    "actions created on its date an adapter has been asked to deliver since. Reads only: it never\n"
    "waits for a command that is changing the store, and works on a read-only copy.\n"
    "\n"
    "undo DATE: rolls the store back over the run of DATE (the first run dated on or after it)\n"
    "and every run recorded after it, as if they had never been made: their actions, tasks,\n"
    "history events and quarantined rows are removed, and the sequences and step events they\n"
    "changed get their earlier values back, in one transaction. Running DATE again then gives\n"
    "what its first run gave. For a date typed wrong (`dun run --date 2062-04-15 --allow-date`)\n"
    "or a run on a damaged snapshot. Refused, naming each action or task and changing nothing,\n"
    "when an action of those runs was handed to an adapter (an attempt made: sent, failed or in\n"
    "flight) or a collector confirmed, completed or cancelled a task on their invoices since:\n"
    "what was sent or done stays recorded. The latest 30 runs can be undone. Lines the runs wrote\n"
    "to a jsonl file stay in it (a run again writes the same action ids). Takes the store's lock.\n"
    "\n"
    "  --json            list: one JSON array, one object per run\n"
    "  --dry-run         undo: say what would be removed, change nothing\n"
    "  --db FILE         the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "examples:\n"
    "  dun runs list --db demo/dun.db\n"
    "  dun runs undo 2062-04-15 --dry-run\n";

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

void print_undo(const UndoReport& report, bool dry_run) {
  std::string dates;
  for (const RunListing& run : report.runs) {
    if (!dates.empty()) dates += ", ";
    dates += run.date.to_string() + (run.outcome == "completed" ? "" : " (failed)");
  }
  const std::size_t count = report.runs.size();
  std::printf("%s %zu run%s: %s\n", dry_run ? "would undo" : "undid", count, count == 1 ? "" : "s",
              dates.c_str());
  std::printf(
      "  actions removed: %lld\n  tasks removed: %lld\n  history events removed: %lld\n"
      "  sequences removed: %lld\n  rows set back to their earlier values: %lld\n",
      static_cast<long long>(report.actions), static_cast<long long>(report.tasks),
      static_cast<long long>(report.events), static_cast<long long>(report.sequences_removed),
      static_cast<long long>(report.rows_restored));
  if (dry_run) {
    std::printf("dry run: nothing was changed\n");
  } else if (report.back_to) {
    std::printf("the store is as after the run of %s\n", report.back_to->to_string().c_str());
  } else {
    std::printf("the store is as before its first run\n");
  }
}

int undo_runs(FlagParser& flags, const std::vector<std::string>& positionals,
              const std::optional<std::string>& config_path, const std::optional<std::string>& db,
              bool dry_run) {
  if (positionals.size() != 2) {
    return flags.usage_error("give the DATE of the first run to undo: `dun runs undo YYYY-MM-DD`");
  }
  const auto from = Date::parse(positionals[1]);
  if (!from) {
    return flags.usage_error("'" + positionals[1] +
                             "' is not a date: write it YYYY-MM-DD, like 2026-01-19");
  }
  auto state = open_verb_state("runs", config_path, {.db = db}, StoreUse::write);
  if (!state) return 1;
  auto undone = state->store.undo_runs(*from, dry_run);
  if (!undone) {
    std::fprintf(stderr, "dun runs: %s\n", undone.error().message.c_str());
    return 1;
  }
  print_undo(*undone, dry_run);
  return 0;
}

}  // namespace

int run_runs(Args args) {
  std::optional<std::string> config_path, db;
  bool json = false;
  bool dry_run = false;
  std::vector<std::string> positionals;
  FlagParser flags("runs", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.flag("json", json);
  flags.flag("dry-run", dry_run);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (!positionals.empty() && positionals[0] == "undo") {
    if (json) return flags.usage_error("--json is for `dun runs list`");
    return undo_runs(flags, positionals, config_path, db, dry_run);
  }
  if (positionals.size() > 1 || (positionals.size() == 1 && positionals[0] != "list")) {
    return flags.usage_error("unknown action '" + positionals[0] +
                             "': use `dun runs list` or `dun runs undo DATE`");
  }
  if (dry_run) return flags.usage_error("--dry-run is for `dun runs undo DATE`");
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
