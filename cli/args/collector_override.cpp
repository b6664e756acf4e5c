#include "cli/args/collector_override.hpp"

#include <cstdio>

#include "cli/args/unknown_id.hpp"
#include "engine/day/scenario_set.hpp"

namespace dun::cli {
namespace {

template <typename... Values>
std::string format(const char* pattern, Values... values) {
  const int size = std::snprintf(nullptr, 0, pattern, values...);
  std::string text(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(text.data(), text.size(), pattern, values...);
  text.pop_back();
  return text;
}

}  // namespace

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

HistoryEvent override_event(const OverrideChange& change, const std::string& what) {
  HistoryEvent event;
  if (change.verb != "assign") event.invoice_id = change.subject;
  event.customer_id = change.customer;
  event.date = change.date;
  event.kind = EventKind::override_set;
  event.detail = what + " by " + change.by + " (" +
                 (change.via.empty() ? "dun " + change.verb : change.via) + ")";
  return event;
}

Result<std::string> apply_override(StateStore& store, const OverrideChange& change,
                                   const std::optional<std::string>& scenario,
                                   const std::optional<Date>& until, bool clear) {
  const std::string& id = change.subject;
  if (change.verb == "assign") {
    if (clear) {
      auto removed = store.remove_override(OverrideKind::assign, id,
                                           override_event(change, "assignment cleared"));
      if (!removed) return removed.error();
      return format(*removed ? "customer %s: assignment cleared; the snapshot's scenario applies "
                               "from the next run\n"
                             : "customer %s has no assignment to clear; nothing changed\n",
                    id.c_str());
    }
    auto current = store.find_override(OverrideKind::assign, id);
    if (!current) return current.error();
    if (*current && (*current)->scenario == *scenario) {
      return format("customer %s is already assigned to %s (since %s); nothing changed\n",
                    id.c_str(), scenario->c_str(), (*current)->set_on.to_string().c_str());
    }
    const Override row{OverrideKind::assign, id, *scenario, std::nullopt, change.date, change.by};
    auto put = store.put_override(row, override_event(change, "assign " + *scenario));
    if (!put) return put.error();
    return format("customer %s assigned to %s from the next run\n", id.c_str(), scenario->c_str());
  }
  if (change.verb == "optout" || change.verb == "pause") {
    const OverrideKind kind = change.verb == "optout" ? OverrideKind::optout : OverrideKind::pause;
    auto current = store.find_override(kind, id);
    if (!current) return current.error();
    if (*current && (*current)->until == until) {
      return format("invoice %s is already %s (since %s); nothing changed\n", id.c_str(),
                    kind == OverrideKind::optout ? "opted out" : "paused until that date",
                    (*current)->set_on.to_string().c_str());
    }
    const std::string what =
        kind == OverrideKind::optout ? "optout" : "pause until " + until->to_string();
    auto put = store.put_override({kind, id, "", until, change.date, change.by},
                                  override_event(change, what));
    if (!put) return put.error();
    if (kind == OverrideKind::optout) {
      return format("invoice %s opted out: no follow-up from the next run on\n", id.c_str());
    } else {
      return format("invoice %s paused through %s: its follow-up resumes on %s\n", id.c_str(),
                    until->to_string().c_str(), (*until + 1).to_string().c_str());
    }
  }
  // optin, resume: remove the override, if there is one.
  const bool optin = change.verb == "optin";
  auto removed = store.remove_override(optin ? OverrideKind::optout : OverrideKind::pause, id,
                                       override_event(change, optin ? "optin" : "resume"));
  if (!removed) return removed.error();
  if (!*removed) {
    return format(optin ? "invoice %s is not opted out; nothing changed\n"
                        : "invoice %s is not paused by a collector; nothing changed (a scenario's "
                          "own pause ends when its condition does)\n",
                  id.c_str());
  }
  return format(optin ? "invoice %s opted in: followed up again from the next run on\n"
                      : "invoice %s resumed: its follow-up goes on from the next run\n",
                id.c_str());
}

}  // namespace dun::cli
