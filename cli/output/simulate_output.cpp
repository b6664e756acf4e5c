#include "cli/output/simulate_output.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

namespace dun::cli {
namespace {

struct Count {
  std::size_t actions = 0;
  std::set<std::string> invoices;
  std::set<std::string> customers;
  void add(const Action& action) {
    ++actions;
    invoices.insert(action.invoices.begin(), action.invoices.end());
    customers.insert(action.customer);
  }
};

using RowKey = std::tuple<std::string, std::string, std::string>;  // scenario, step, channel

std::map<RowKey, Count> day_rows(const SimulatedDay& day) {
  std::map<RowKey, Count> rows;
  for (const Action& action : day.actions) {
    rows[{action.scenario, action.step, std::string(to_string(action.channel))}].add(action);
  }
  return rows;
}

// Invoices are counted once per action (an invoice reminded on two days counts twice): the totals
// say how many follow-ups the invoices get.
struct Totals {
  std::size_t actions = 0;
  std::size_t invoices = 0;
  std::size_t tasks_confirmed = 0;
  std::size_t tasks_completed = 0;
  std::size_t errors = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_scenario;
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> by_step;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_channel;
};

Totals totals_of(const Simulation& simulation) {
  Totals totals;
  for (const SimulatedDay& day : simulation.days) {
    totals.tasks_confirmed += day.tasks_confirmed;
    totals.tasks_completed += day.tasks_completed;
    totals.errors += day.errors.size();
    for (const Action& action : day.actions) {
      const std::size_t invoices = action.invoices.size();
      ++totals.actions;
      totals.invoices += invoices;
      const auto add = [&](std::pair<std::size_t, std::size_t>& entry) {
        ++entry.first;
        entry.second += invoices;
      };
      add(totals.by_scenario[action.scenario]);
      add(totals.by_step[{action.scenario, action.step}]);
      add(totals.by_channel[std::string(to_string(action.channel))]);
    }
  }
  return totals;
}

std::string format(const char* pattern, auto... values) {
  const int size = std::snprintf(nullptr, 0, pattern, values...);
  std::string text(static_cast<std::size_t>(size), '\0');
  std::snprintf(text.data(), text.size() + 1, pattern, values...);
  return text;
}

Date last_day(const Simulation& simulation) {
  return simulation.from + static_cast<std::int32_t>(simulation.days.size()) - 1;
}

}  // namespace

std::string simulation_text(const Simulation& simulation, const std::filesystem::path& database) {
  std::string out = format(
      "dun simulate %s .. %s (%zu days): nobody pays; every confirm-task is confirmed and every "
      "task completed on its day\n",
      simulation.from.to_string().c_str(), last_day(simulation).to_string().c_str(),
      simulation.days.size());
  if (simulation.empty_store) {
    out += "  state store: " + database.string() + " does not exist yet: starting from nothing\n";
  } else {
    out += "  state store: " + database.string() + ", last run " +
           (simulation.last_run ? simulation.last_run->to_string() : std::string("none")) +
           " (only read: unchanged)\n";
  }
  out += format("  snapshot: %zu invoices, %zu quarantined rows\n", simulation.invoices,
                simulation.quarantined);
  for (const std::string& warning : simulation.warnings) out += "  warning: " + warning + "\n";

  out += format("\n%-10s  %-20s %-16s %-8s %8s %9s %10s\n", "date", "scenario", "step", "channel",
                "actions", "invoices", "customers");
  for (const SimulatedDay& day : simulation.days) {
    const std::string date = day.date.to_string();
    const auto rows = day_rows(day);
    if (rows.empty()) out += format("%-10s  (no action)\n", date.c_str());
    for (const auto& [key, count] : rows) {
      const auto& [scenario, step, channel] = key;
      out += format("%-10s  %-20s %-16s %-8s %8zu %9zu %10zu\n", date.c_str(), scenario.c_str(),
                    step.c_str(), channel.c_str(), count.actions, count.invoices.size(),
                    count.customers.size());
    }
    if (day.tasks_confirmed + day.tasks_completed > 0) {
      out += format("%-10s  agenda: %zu confirm-tasks confirmed, %zu tasks completed\n",
                    date.c_str(), day.tasks_confirmed, day.tasks_completed);
    }
    if (day.held_by_limit + day.repetitions > 0) {
      out += format("%-10s  contact limit: %zu action%s held; %zu repetition%s\n", date.c_str(),
                    day.held_by_limit, day.held_by_limit == 1 ? "" : "s", day.repetitions,
                    day.repetitions == 1 ? "" : "s");
    }
    if (!day.errors.empty()) {
      out +=
          format("%-10s  %zu evaluation error%s (`dun explain INVOICE --date %s` says why)\n",
                 date.c_str(), day.errors.size(), day.errors.size() == 1 ? "" : "s", date.c_str());
    }
  }

  const Totals totals = totals_of(simulation);
  out += format("\ntotals by scenario\n  %-20s %8s %9s\n", "scenario", "actions", "invoices");
  for (const auto& [scenario, count] : totals.by_scenario) {
    out += format("  %-20s %8zu %9zu\n", scenario.c_str(), count.first, count.second);
  }
  out +=
      format("totals by step\n  %-20s %-16s %8s %9s\n", "scenario", "step", "actions", "invoices");
  for (const auto& [key, count] : totals.by_step) {
    out += format("  %-20s %-16s %8zu %9zu\n", key.first.c_str(), key.second.c_str(), count.first,
                  count.second);
  }
  out += format("totals by channel\n  %-8s %8s %9s\n", "channel", "actions", "invoices");
  for (const auto& [channel, count] : totals.by_channel) {
    out += format("  %-8s %8zu %9zu\n", channel.c_str(), count.first, count.second);
  }
  out += format(
      "total: %zu actions for %zu invoice follow-ups; %zu confirm-tasks confirmed, %zu tasks "
      "completed; %zu evaluation errors\n",
      totals.actions, totals.invoices, totals.tasks_confirmed, totals.tasks_completed,
      totals.errors);
  return out;
}

std::string simulation_json(const Simulation& simulation, const std::filesystem::path& database) {
  using json = nlohmann::ordered_json;
  json days = json::array();
  for (const SimulatedDay& day : simulation.days) {
    json rows = json::array();
    for (const auto& [key, count] : day_rows(day)) {
      const auto& [scenario, step, channel] = key;
      rows.push_back({{"scenario", scenario},
                      {"step", step},
                      {"channel", channel},
                      {"actions", count.actions},
                      {"invoices", count.invoices.size()},
                      {"customers", count.customers.size()}});
    }
    days.push_back({{"date", day.date.to_string()},
                    {"actions", rows},
                    {"tasks_confirmed", day.tasks_confirmed},
                    {"tasks_completed", day.tasks_completed},
                    {"held_by_limit", day.held_by_limit},
                    {"repetitions", day.repetitions},
                    {"evaluation_errors", day.errors.size()}});
  }
  const Totals totals = totals_of(simulation);
  json by_scenario = json::array(), by_step = json::array(), by_channel = json::array();
  for (const auto& [scenario, count] : totals.by_scenario) {
    by_scenario.push_back(
        {{"scenario", scenario}, {"actions", count.first}, {"invoices", count.second}});
  }
  for (const auto& [key, count] : totals.by_step) {
    by_step.push_back({{"scenario", key.first},
                       {"step", key.second},
                       {"actions", count.first},
                       {"invoices", count.second}});
  }
  for (const auto& [channel, count] : totals.by_channel) {
    by_channel.push_back(
        {{"channel", channel}, {"actions", count.first}, {"invoices", count.second}});
  }
  json out = {
      {"from", simulation.from.to_string()},
      {"to", last_day(simulation).to_string()},
      {"days", simulation.days.size()},
      {"state_store",
       {{"path", database.string()},
        {"exists", !simulation.empty_store},
        {"last_run", simulation.last_run ? json(simulation.last_run->to_string()) : json()}}},
      {"invoices", simulation.invoices},
      {"quarantined", simulation.quarantined},
      {"warnings", simulation.warnings},
      {"per_day", days},
      {"totals",
       {{"actions", totals.actions},
        {"invoices", totals.invoices},
        {"tasks_confirmed", totals.tasks_confirmed},
        {"tasks_completed", totals.tasks_completed},
        {"evaluation_errors", totals.errors},
        {"by_scenario", by_scenario},
        {"by_step", by_step},
        {"by_channel", by_channel}}}};
  return out.dump(2) + "\n";
}

}  // namespace dun::cli
