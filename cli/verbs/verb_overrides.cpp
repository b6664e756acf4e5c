// The collector's overrides (architecture.md): `dun assign CUSTOMER SCENARIO|none`,
// `dun optout|optin INVOICE`, `dun pause INVOICE --until D`, `dun resume INVOICE`. Each is kept in
// the state store, wins over the snapshot from the next run on, and is recorded as an `override`
// event in the history, in one transaction. docs/analyst-tools.md says what each does and why an
// id must be in the current snapshot (unless --force).
#include <cstdio>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/args/unknown_id.hpp"
#include "engine/day/scenario_set.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "stdlib/status.hpp"

namespace dun::cli {
namespace {

constexpr const char* kCommonFlags =
    "  --date D          the date of the change (default today)\n"
    "  --by NAME         who makes it, for the history (default $USER)\n"
    "  --force           accept an id that is not in the current snapshot\n"
    "  --snapshot PATH   the snapshot the id is checked against (default from dun.toml)\n"
    "  --db FILE         the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n";

constexpr const char* kAssignHelp =
    "usage: dun assign CUSTOMER SCENARIO|none [--scenarios DIR] [--date D] [--by NAME] [--force]\n"
    "       dun assign CUSTOMER --clear\n"
    "\n"
    "Assigns the customer's follow-up plan, winning over the snapshot's `scenario` column from "
    "the\n"
    "next run on: a scenario name, or `none` for no follow-up at all. Running sequences of "
    "another\n"
    "scenario close (`reassigned to …`) and start afresh under the new one. --clear removes the\n"
    "override: the snapshot's column (or the default scenario) applies again.\n"
    "\n"
    "  --scenarios DIR   where the scenario names are checked (default from dun.toml)\n";
constexpr const char* kOptoutHelp =
    "usage: dun optout INVOICE [--date D] [--by NAME] [--force]\n"
    "\n"
    "Turns the automation off for one invoice, as `dunning = false` in the snapshot would: from\n"
    "the next run on no scenario follows it up and its running sequence closes (`no longer\n"
    "followed up`). `dun optin` turns it back on.\n"
    "\n";
constexpr const char* kOptinHelp =
    "usage: dun optin INVOICE [--date D] [--by NAME] [--force]\n"
    "\n"
    "Undoes `dun optout`: the invoice is followed up again from the next run on (a closed\n"
    "sequence reopens). It cannot override `dunning = false` in the snapshot.\n"
    "\n";
constexpr const char* kPauseHelp =
    "usage: dun pause INVOICE --until YYYY-MM-DD [--date D] [--by NAME] [--force]\n"
    "\n"
    "Pauses one invoice's follow-up through the --until date inclusive, exactly as the\n"
    "scenario's own `pause` would: nothing fires and nothing is skipped while it holds; from the\n"
    "day after (or the first run after `dun resume`) the sequence resumes, and steps that came\n"
    "due meanwhile fire within `catch up` or are skipped as late. Pausing again replaces the "
    "date.\n"
    "\n"
    "  --until D         the last day of the pause\n";
constexpr const char* kResumeHelp =
    "usage: dun resume INVOICE [--date D] [--by NAME] [--force]\n"
    "\n"
    "Ends a collector's pause (dun pause) before its date: the next run resumes the sequence. A\n"
    "scenario's own `pause` clause is not lifted by this; it ends when its condition does.\n"
    "\n";

std::string help_of(const char* head, const char* example) {
  return std::string(head) + kCommonFlags + "\nexample:\n" + example;
}

struct Change {
  std::string verb;
  std::string subject;  // customer (assign) or invoice
  std::string customer;
  Date date;
  std::string by;
};

HistoryEvent override_event(const Change& change, const std::string& what) {
  HistoryEvent event;
  if (change.verb != "assign") event.invoice_id = change.subject;
  event.customer_id = change.customer;
  event.date = change.date;
  event.kind = EventKind::override_set;
  event.detail = what + " by " + change.by + " (dun " + change.verb + ")";
  return event;
}

int fail(const std::string& verb, const std::string& message) {
  std::fprintf(stderr, "dun %s: %s\n", verb.c_str(), message.c_str());
  return 1;
}

// The customer of an invoice id in the snapshot, or an error naming the closest id. A customer
// id for assign is checked the same way.
Result<std::string> check_subject(const std::string& verb, const std::string& id,
                                  const std::filesystem::path& snapshot_path) {
  auto snapshot = load_snapshot(snapshot_path, /*strict=*/false);
  if (!snapshot) {
    return Error{snapshot.error().message +
                 "\n(the id is checked against the current snapshot; --force skips the check)"};
  }
  const Portfolio& portfolio = snapshot->portfolio;
  const std::string where = "the snapshot " + snapshot_path.string();
  const char* force_hint = " (--force records it anyway)";
  if (verb == "assign") {
    if (portfolio.find_customer(id)) return id;
    return Error{unknown_id("customer", id, where, portfolio.customers.id) + force_hint};
  }
  if (auto row = portfolio.find_invoice(id)) {
    return std::string(portfolio.customers.id[portfolio.invoices.customer[*row]]);
  }
  return Error{unknown_id("invoice", id, where, portfolio.invoices.id) + force_hint};
}

Status check_scenario_name(const std::string& name, const Config& config) {
  if (name == "none") return Status::Ok();
  const std::filesystem::path& folder = config.engine.scenarios;
  dsl::Diagnostics diagnostics;
  auto scenarios = ScenarioSet::load(folder, std::nullopt, config.company.language,
                                     BackendKind::interp, diagnostics, {}, config.fields);
  if (!scenarios) {
    return Error{"the scenarios in " + folder.string() + " do not load (" +
                 scenarios.error().message + "); run `dun check` on them, or --force"};
  }
  if ((*scenarios)->find(name)) return Status::Ok();
  std::vector<std::string> names;
  for (const LoadedScenario& scenario : (*scenarios)->scenarios())
    names.push_back(scenario.ir->name);
  return Error{unknown_id("scenario", name, folder.string(), names) +
               " (give a scenario name or none)"};
}

int apply_change(StateStore& store, const Change& change,
                 const std::optional<std::string>& scenario, const std::optional<Date>& until,
                 bool clear) {
  const std::string& id = change.subject;
  if (change.verb == "assign") {
    if (clear) {
      auto removed = store.remove_override(OverrideKind::assign, id,
                                           override_event(change, "assignment cleared"));
      if (!removed) return fail(change.verb, removed.error().message);
      std::printf(*removed ? "customer %s: assignment cleared; the snapshot's scenario applies "
                             "from the next run\n"
                           : "customer %s has no assignment to clear; nothing changed\n",
                  id.c_str());
      return 0;
    }
    auto current = store.find_override(OverrideKind::assign, id);
    if (!current) return fail(change.verb, current.error().message);
    if (*current && (*current)->scenario == *scenario) {
      std::printf("customer %s is already assigned to %s (since %s); nothing changed\n", id.c_str(),
                  scenario->c_str(), (*current)->set_on.to_string().c_str());
      return 0;
    }
    const Override row{OverrideKind::assign, id, *scenario, std::nullopt, change.date, change.by};
    auto put = store.put_override(row, override_event(change, "assign " + *scenario));
    if (!put) return fail(change.verb, put.error().message);
    std::printf("customer %s assigned to %s from the next run\n", id.c_str(), scenario->c_str());
    return 0;
  }
  if (change.verb == "optout" || change.verb == "pause") {
    const OverrideKind kind = change.verb == "optout" ? OverrideKind::optout : OverrideKind::pause;
    auto current = store.find_override(kind, id);
    if (!current) return fail(change.verb, current.error().message);
    if (*current && (*current)->until == until) {
      std::printf("invoice %s is already %s (since %s); nothing changed\n", id.c_str(),
                  kind == OverrideKind::optout ? "opted out" : "paused until that date",
                  (*current)->set_on.to_string().c_str());
      return 0;
    }
    const std::string what =
        kind == OverrideKind::optout ? "optout" : "pause until " + until->to_string();
    auto put = store.put_override({kind, id, "", until, change.date, change.by},
                                  override_event(change, what));
    if (!put) return fail(change.verb, put.error().message);
    if (kind == OverrideKind::optout) {
      std::printf("invoice %s opted out: no follow-up from the next run on\n", id.c_str());
    } else {
      std::printf("invoice %s paused through %s: its follow-up resumes on %s\n", id.c_str(),
                  until->to_string().c_str(), (*until + 1).to_string().c_str());
    }
    return 0;
  }
  // optin, resume: remove the override, if there is one.
  const bool optin = change.verb == "optin";
  auto removed = store.remove_override(optin ? OverrideKind::optout : OverrideKind::pause, id,
                                       override_event(change, optin ? "optin" : "resume"));
  if (!removed) return fail(change.verb, removed.error().message);
  if (!*removed) {
    std::printf(optin ? "invoice %s is not opted out; nothing changed\n"
                      : "invoice %s is not paused by a collector; nothing changed (a scenario's "
                        "own pause ends when its condition does)\n",
                id.c_str());
    return 0;
  }
  std::printf(optin ? "invoice %s opted in: followed up again from the next run on\n"
                    : "invoice %s resumed: its follow-up goes on from the next run\n",
              id.c_str());
  return 0;
}

int run_override(const std::string& verb, const std::string& help, Args args) {
  std::optional<std::string> config_path, db, date, by, snapshot, scenarios, until;
  bool force = false, clear = false;
  std::vector<std::string> positionals;
  FlagParser flags(verb, help);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("date", date);
  flags.value("by", by);
  flags.value("snapshot", snapshot);
  flags.flag("force", force);
  if (verb == "assign") {
    flags.value("scenarios", scenarios);
    flags.flag("clear", clear);
  }
  if (verb == "pause") flags.value("until", until);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;

  const std::size_t wanted = verb == "assign" && !clear ? 2 : 1;
  if (positionals.size() != wanted) {
    if (verb == "assign") {
      return flags.usage_error(clear ? "give the CUSTOMER id only with --clear"
                                     : "give a CUSTOMER id and a SCENARIO name (or none)");
    }
    return flags.usage_error("give one INVOICE id");
  }
  auto change_date = parse_run_date(date);
  if (!change_date) return flags.usage_error(change_date.error().message);
  std::optional<Date> until_date;
  if (verb == "pause") {
    if (!until)
      return flags.usage_error("--until YYYY-MM-DD is required: the last day of the pause");
    until_date = Date::parse(*until);
    if (!until_date) {
      return flags.usage_error("--until '" + *until + "' is not a date: write it YYYY-MM-DD");
    }
    if (*until_date < *change_date) {
      return flags.usage_error("--until " + *until + " is before the date of the change (" +
                               change_date->to_string() + ")");
    }
  }

  auto state =
      open_verb_state(verb, config_path, {.snapshot = snapshot, .scenarios = scenarios, .db = db});
  if (!state) return 1;
  const Config* config = &state->config;
  StateStore& store = state->store;

  Change change{verb, positionals[0], "", *change_date, change_author(by)};
  if (!force) {
    const std::filesystem::path& snapshot_path = config->engine.snapshot;
    auto customer = check_subject(verb, change.subject, snapshot_path);
    if (!customer) return fail(verb, customer.error().message);
    change.customer = *customer;
    if (verb == "assign" && !clear) {
      if (auto known = check_scenario_name(positionals[1], *config); !known) {
        return fail(verb, known.error().message);
      }
    }
  } else if (verb == "assign") {
    change.customer = change.subject;
  } else if (auto sequence = store.find_sequence(change.subject); sequence && *sequence) {
    change.customer = (*sequence)->customer_id;
  }
  const std::optional<std::string> scenario =
      verb == "assign" && !clear ? std::optional<std::string>(positionals[1]) : std::nullopt;
  return apply_change(store, change, scenario, until_date, clear);
}

}  // namespace

int run_assign(Args args) {
  return run_override("assign",
                      help_of(kAssignHelp,
                              "  dun assign C0042 gentle_b2b --db demo/dun.db\n"
                              "  dun assign C0042 none --by anna\n"),
                      args);
}

int run_optout(Args args) {
  return run_override("optout", help_of(kOptoutHelp, "  dun optout INV-1001 --db demo/dun.db\n"),
                      args);
}

int run_optin(Args args) {
  return run_override("optin", help_of(kOptinHelp, "  dun optin INV-1001 --db demo/dun.db\n"),
                      args);
}

int run_pause(Args args) {
  return run_override(
      "pause", help_of(kPauseHelp, "  dun pause INV-1001 --until 2026-03-31 --db demo/dun.db\n"),
      args);
}

int run_resume(Args args) {
  return run_override("resume", help_of(kResumeHelp, "  dun resume INV-1001 --db demo/dun.db\n"),
                      args);
}

}  // namespace dun::cli
