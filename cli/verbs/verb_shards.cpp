// `dun shards report|reshard`: the sharded runs' combined report, and moving the state to another
// number of shards (docs/scale-out.md).
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "engine/base/config.hpp"
#include "engine/shard/reshard.hpp"
#include "engine/shard/shard_report.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun shards report --shards N [--date YYYY-MM-DD] [--json] [--db FILE] [--config F]\n"
    "       dun shards reshard --to N [--db FILE] [--config F]\n"
    "\n"
    "report   combines the run summaries of the N shard stores (dun.K-of-N.db beside --db) for\n"
    "         one date (default: the latest date any shard completed): totals, one line per\n"
    "         shard, and the shards that are missing, did not run that date or failed.\n"
    "         Exit status 1 unless every shard completed the date.\n"
    "reshard  moves every customer's state from the stores beside --db (the unsharded file or\n"
    "         the shard files of another N) into N new shard stores: built aside, counts\n"
    "         checked, then swapped in; the old stores are kept in a backup folder. --to 1\n"
    "         merges the shards back into --db.\n"
    "\n"
    "  --shards N        how many shards the runs used (report)\n"
    "  --to N            the new number of shards (reshard)\n"
    "  --date D          the date to report\n"
    "  --json            one JSON object instead of the table (report)\n"
    "  --db FILE         the base state store (default [engine] database, dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "exit status: 0 done (report: every shard completed), 1 not done, 2 usage error.\n"
    "\n"
    "examples:\n"
    "  dun shards report --shards 4 --date 2026-01-19 --db state/dun.db\n"
    "  dun shards reshard --to 8 --db state/dun.db\n";

std::optional<std::uint32_t> parse_count(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::uint32_t value = 0;
  const char* end = text->data() + text->size();
  const auto parsed = std::from_chars(text->data(), end, value);
  if (parsed.ec != std::errc() || parsed.ptr != end || value < 1 || value > kMaxShards)
    return std::nullopt;
  return value;
}

std::string count_error(std::string_view flag, const std::optional<std::string>& text) {
  return std::string(flag) + " '" + text.value_or("") + "': give a number of shards from 1 to " +
         std::to_string(kMaxShards);
}

nlohmann::ordered_json counts_json(const RunCounts& counts) {
  return {{"invoices", counts.invoices},       {"actions", counts.actions},
          {"events", counts.events},           {"tasks", counts.tasks},
          {"quarantined", counts.quarantined}, {"evaluation_errors", counts.evaluation_errors}};
}

void print_report_json(const ShardsReport& report) {
  nlohmann::ordered_json out;
  out["date"] = report.date.to_string();
  out["shards"] = report.count;
  out["complete"] = report.complete();
  out["totals"] = counts_json(report.totals);
  out["per_shard"] = nlohmann::ordered_json::array();
  out["incomplete"] = nlohmann::ordered_json::array();
  for (const ShardRunLine& line : report.shards) {
    nlohmann::ordered_json shard = {{"shard", line.shard.flag_text()},
                                    {"store", line.store.string()},
                                    {"status", shard_run_status_name(line.status)},
                                    {"runs", line.runs}};
    shard.update(counts_json(line.counts));
    shard["last_run"] = line.last_run ? nlohmann::ordered_json(line.last_run->to_string())
                                      : nlohmann::ordered_json(nullptr);
    shard["message"] = line.message;
    if (line.status != ShardRunStatus::completed)
      out["incomplete"].push_back(line.shard.flag_text());
    out["per_shard"].push_back(std::move(shard));
  }
  std::printf("%s\n", out.dump(2).c_str());
}

void print_report_text(const ShardsReport& report) {
  std::size_t completed = 0;
  for (const ShardRunLine& line : report.shards)
    completed += line.status == ShardRunStatus::completed;
  std::printf("dun shards report %s: %u shards, %zu completed\n", report.date.to_string().c_str(),
              report.count, completed);
  std::printf("  %-9s %-10s %4s %10s %9s %9s %7s %11s %7s\n", "shard", "status", "runs", "invoices",
              "actions", "events", "tasks", "quarantined", "errors");
  const auto print_counts = [](const RunCounts& c) {
    std::printf(" %10lld %9lld %9lld %7lld %11lld %7lld\n", static_cast<long long>(c.invoices),
                static_cast<long long>(c.actions), static_cast<long long>(c.events),
                static_cast<long long>(c.tasks), static_cast<long long>(c.quarantined),
                static_cast<long long>(c.evaluation_errors));
  };
  for (const ShardRunLine& line : report.shards) {
    const std::string_view status = shard_run_status_name(line.status);
    std::printf("  %-9s %-10.*s %4lld", line.shard.flag_text().c_str(),
                static_cast<int>(status.size()), status.data(), static_cast<long long>(line.runs));
    print_counts(line.counts);
  }
  std::printf("  %-9s %-10s %4s", "total", "", "");
  print_counts(report.totals);
  for (const ShardRunLine& line : report.shards) {
    if (line.status == ShardRunStatus::completed) continue;
    std::printf("  shard %s %s", line.shard.flag_text().c_str(),
                line.status == ShardRunStatus::no_run ? "did not run" : "is incomplete");
    if (line.status == ShardRunStatus::no_run) {
      std::printf(" on %s (last completed run: %s)", report.date.to_string().c_str(),
                  line.last_run ? line.last_run->to_string().c_str() : "none");
    }
    if (!line.message.empty()) std::printf(": %s", line.message.c_str());
    std::printf("\n");
  }
}

void print_reshard(const ReshardReport& report) {
  if (report.finished_interrupted)
    std::printf("finished an interrupted reshard (its journal was still there)\n");
  if (report.nothing_to_do) {
    std::printf("nothing to move: the state is already in %u shard%s (or there is none yet)\n",
                report.to, report.to == 1 ? "" : "s");
    return;
  }
  std::printf("resharded from %u to %u shard%s\n", report.from, report.to,
              report.to == 1 ? "" : "s");
  for (const auto& [table, rows] : report.rows)
    std::printf("  %-16s %lld rows\n", table.c_str(), static_cast<long long>(rows));
  for (const auto& store : report.stores) std::printf("  new store: %s\n", store.string().c_str());
  std::printf("  the old stores are in %s (remove it once the next runs look right)\n",
              report.backup.string().c_str());
}

}  // namespace

int run_shards(Args args) {
  std::optional<std::string> config_path, db, shards_text, to_text, date_text;
  bool json = false;
  std::vector<std::string> positionals;
  FlagParser flags("shards", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("shards", shards_text);
  flags.value("to", to_text);
  flags.value("date", date_text);
  flags.flag("json", json);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.size() != 1 || (positionals[0] != "report" && positionals[0] != "reshard"))
    return flags.usage_error(
        "say what to do: `dun shards report --shards N` or "
        "`dun shards reshard --to N`");
  auto config = load_verb_config_or_report("shards", config_path, {.db = db});
  if (!config) return 1;
  const std::filesystem::path base = config->engine.database;

  if (positionals[0] == "reshard") {
    const auto to = parse_count(to_text);
    if (!to) return flags.usage_error(count_error("--to", to_text));
    auto report = reshard(base, *to, store_writer(*config, "dun shards reshard"));
    if (!report) {
      std::fprintf(stderr, "dun shards reshard: %s\n", report.error().message.c_str());
      return 1;
    }
    print_reshard(*report);
    return 0;
  }

  const auto count = parse_count(shards_text);
  if (!count) return flags.usage_error(count_error("--shards", shards_text));
  std::optional<Date> date;
  if (date_text) {
    auto parsed = parse_run_date(date_text);
    if (!parsed) return flags.usage_error(parsed.error().message);
    date = *parsed;
  }
  auto report = shards_report(base, *count, date);
  if (!report) {
    std::fprintf(stderr, "dun shards report: %s\n", report.error().message.c_str());
    return 1;
  }
  if (json) {
    print_report_json(*report);
  } else {
    print_report_text(*report);
  }
  return report->complete() ? 0 : 1;
}

}  // namespace dun::cli
