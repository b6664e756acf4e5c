#include "cli/output/explain_output.hpp"

#include <nlohmann/json.hpp>

namespace dun::cli {
namespace {

// `when = false (balance 30.00 EUR < 50.00 EUR) → skipped (condition)`. A clause whose value
// has no operands to show (a let, a field) shows what it reads instead.
std::string clause_line(const ClauseValue& clause) {
  std::string line = clause.clause + " = " + clause.value;
  const std::string& detail = !clause.detail.empty() ? clause.detail : clause.source;
  if (!detail.empty() && detail != clause.value) line += " (" + detail + ")";
  if (!clause.note.empty()) line += " " + clause.note;
  return line;
}

nlohmann::ordered_json clause_json(const ClauseValue& clause) {
  return {{"clause", clause.clause},
          {"source", clause.source},
          {"value", clause.value},
          {"detail", clause.detail},
          {"note", clause.note}};
}

}  // namespace

std::string explanation_text(const Explanation& e) {
  std::string out = "dun explain " + e.invoice + " on " + e.date.to_string() + "\n";
  if (!e.customer.empty()) {
    out += "  customer: " + e.customer +
           (e.customer_name.empty() ? "" : " (" + e.customer_name + ")") + "\n";
  }
  if (!e.scenario.empty()) {
    out += "  scenario: " + e.scenario + (e.assigned_by.empty() ? "" : ", from " + e.assigned_by) +
           "\n";
  }
  std::string sequence = e.status == "none" ? "none yet (it starts on the first run where "
                                              "`applies` holds)"
                                            : e.status;
  if (!e.last_step.empty()) {
    sequence += "; last step " + e.last_step +
                (e.last_step_date ? " on " + e.last_step_date->to_string() : std::string());
  }
  if (e.awaiting) sequence += "; waiting for its task";
  out += "  sequence: " + sequence + "\n";
  if (!e.history.empty()) {
    out += "  steps so far:";
    for (std::size_t i = 0; i < e.history.size(); ++i) {
      const StoredStep& step = e.history[i];
      out += (i == 0 ? " " : ", ") + step.name + " " + step.status +
             (step.reason.empty() ? "" : " (" + step.reason + ")") + " " + step.date.to_string();
    }
    out += "\n";
  }
  for (const ClauseValue& clause : e.scenario_clauses) out += "  " + clause_line(clause) + "\n";
  for (const ClauseValue& let : e.lets) out += "  " + clause_line(let) + "\n";
  for (const StepExplanation& step : e.steps) {
    out += "  step " + step.name + ": " + step.outcome + "\n";
    for (const ClauseValue& clause : step.clauses) out += "    " + clause_line(clause) + "\n";
  }
  out += "  decision: " + e.decision + " — " + e.why + "\n";
  return out;
}

std::string explanation_json(const Explanation& e) {
  using json = nlohmann::ordered_json;
  json history = json::array();
  for (const StoredStep& step : e.history) {
    history.push_back({{"step", step.name},
                       {"status", step.status},
                       {"reason", step.reason},
                       {"date", step.date.to_string()}});
  }
  json clauses = json::array(), lets = json::array(), steps = json::array();
  for (const ClauseValue& clause : e.scenario_clauses) clauses.push_back(clause_json(clause));
  for (const ClauseValue& let : e.lets) lets.push_back(clause_json(let));
  for (const StepExplanation& step : e.steps) {
    json step_clauses = json::array();
    for (const ClauseValue& clause : step.clauses) step_clauses.push_back(clause_json(clause));
    steps.push_back({{"step", step.name}, {"outcome", step.outcome}, {"clauses", step_clauses}});
  }
  const json out = {
      {"invoice", e.invoice},
      {"date", e.date.to_string()},
      {"customer", e.customer},
      {"customer_name", e.customer_name},
      {"scenario", e.scenario.empty() ? json() : json(e.scenario)},
      {"assigned_by", e.assigned_by},
      {"sequence",
       {{"status", e.status},
        {"last_step", e.last_step.empty() ? json() : json(e.last_step)},
        {"last_step_date", e.last_step_date ? json(e.last_step_date->to_string()) : json()},
        {"paused", e.paused},
        {"awaiting", e.awaiting},
        {"steps", history}}},
      {"clauses", clauses},
      {"lets", lets},
      {"steps", steps},
      {"decision", e.decision},
      {"held_by_limit", e.held_by_limit},
      {"why", e.why}};
  return out.dump(2) + "\n";
}

}  // namespace dun::cli
