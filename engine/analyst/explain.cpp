#include "engine/analyst/explain.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dsl/jit.hpp"
#include "engine/analyst/explain_walk.hpp"
#include "engine/day/customer_day.hpp"
#include "engine/day/day_plan.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/read_file.hpp"
#include "stdlib/suggest.hpp"

namespace dun {
namespace {

// "unknown invoice X" with up to three ids within the edit distance `closest_match` accepts.
Error unknown_invoice(const std::string& id, const Portfolio& portfolio) {
  const std::size_t limit = std::max<std::size_t>(1, id.size() / 3);
  std::vector<std::pair<std::size_t, std::string_view>> close;
  for (std::size_t row = 0; row < portfolio.invoices.size(); ++row) {
    const std::string_view candidate = portfolio.invoices.id[row];
    const std::size_t distance = edit_distance(id, candidate);
    if (distance <= limit) close.emplace_back(distance, candidate);
  }
  std::sort(close.begin(), close.end());
  std::string message = "no invoice '" + id + "' in the snapshot";
  if (close.empty()) return Error{message + " (check the id in invoices.csv)"};
  message += "; did you mean ";
  for (std::size_t i = 0; i < close.size() && i < 3; ++i) {
    if (i > 0) message += i + 1 == std::min<std::size_t>(close.size(), 3) ? " or " : ", ";
    message += "'" + std::string(close[i].second) + "'";
  }
  return Error{message + "?"};
}

// Why the invoice has this scenario, or none, as assign_scenarios decided it.
std::string assignment_reason(const Portfolio& portfolio, std::uint32_t row,
                              const std::vector<Override>& overrides,
                              const std::string& default_scenario, bool handled) {
  const std::string_view invoice = portfolio.invoices.id[row];
  const std::uint32_t customer = portfolio.invoices.customer[row];
  const std::string_view customer_id = portfolio.customers.id[customer];
  if (!portfolio.invoices.dunning[row]) return "not followed up: the invoice has dunning = false";
  for (const Override& o : overrides) {
    if (o.kind == OverrideKind::optout && o.subject == invoice) {
      return "not followed up: opted out by " + o.set_by + " on " + o.set_on.to_string() +
             " (`dun optin` undoes it)";
    }
  }
  for (const Override& o : overrides) {
    if (o.kind == OverrideKind::assign && o.subject == customer_id) {
      return (handled ? "" : "not followed up: ") + std::string("the collector's assignment (") +
             o.scenario + ", by " + o.set_by + " on " + o.set_on.to_string() + ")";
    }
  }
  const std::string_view column = portfolio.symbols.text(portfolio.customers.scenario[customer]);
  if (!column.empty()) {
    return (handled ? "" : "not followed up: ") + std::string("the customer's scenario column (") +
           std::string(column) + ")" + (handled || column == "none" ? "" : ", an unknown scenario");
  }
  if (default_scenario.empty()) {
    return "not followed up: the customer has no scenario and no [engine] default_scenario is set";
  }
  return (handled ? "" : "not followed up: ") + std::string("the configured default (") +
         default_scenario + ")" + (handled ? "" : ", an unknown scenario");
}

std::string read_text(const std::string& file) {
  auto text = read_file(file);
  return text ? std::move(text).value() : std::string();
}

// The stored sequence in words, and its step events in scenario order.
void describe_sequence(const SequenceTable& table, std::size_t s, const dsl::ir::Scenario& scenario,
                       Explanation& out) {
  out.status = std::string(to_string(table.state[s]));
  out.paused = table.state[s] == SequenceState::paused;
  out.last_step = std::string(table.name(table.last_step[s]));
  for (const dsl::ir::Step& step : scenario.steps) {
    const auto event = table.find_event(s, step.name);
    if (!event) continue;
    const StepStatus status = table.event_status[*event];
    out.history.push_back({step.name, std::string(to_string(status)),
                           std::string(table.name(table.event_reason[*event])),
                           table.event_date[*event]});
    if (step.name == out.last_step) {
      out.last_step_date = table.event_date[*event];
      out.awaiting =
          status == StepStatus::pending_confirmation || status == StepStatus::waiting_task;
    }
  }
}

// The contact limit's hold of `invoice` today, if any: its customer's day planned and limited
// exactly as the run does it (language.md §3.2).
Result<std::optional<ContactHold>> contact_hold_of(const DaySources& sources,
                                                   std::uint32_t customer, std::string_view invoice,
                                                   StateStore& store) {
  std::vector<std::uint32_t> rows;
  for (std::uint32_t row = 0; row < sources.portfolio.invoices.size(); ++row) {
    if (sources.portfolio.invoices.customer[row] == customer) rows.push_back(row);
  }
  const DayPlan plan = DayPlan::build(sources, rows);
  std::vector<std::vector<dsl::Decision>> decisions = plan.evaluate();
  auto day = plan_customer_day(plan, sources.portfolio, decisions, store_contact_lookup(store));
  if (!day) return day.error();
  for (const ContactHold& hold : day->holds) {
    for (const DayActionMember& member : hold.action.members) {
      if (member.invoice == invoice) return std::optional<ContactHold>(hold);
    }
  }
  return std::optional<ContactHold>();
}

void explain_hold(const ContactHold& hold, Explanation& out) {
  const std::string channel(to_string(hold.action.channel));
  std::string why = "held by the contact limit (at most " + std::to_string(hold.limit_count) + " " +
                    channel + " every " + std::to_string(hold.limit_days) + " days): ";
  why += hold.last_contact ? "last " + channel + " on " + hold.last_contact->to_string()
                           : std::string("no earlier ") + channel;
  why += ", next allowed on " + hold.next_allowed.to_string() +
         "; the step records no event and stays due";
  out.decision = "hold";
  out.why = std::move(why);
  out.held_by_limit = true;
  if (!out.steps.empty()) out.steps.back().outcome = "held by the contact limit";
}

// The snapshot as far as the invoice's day needs it: its customer's rows alone (every invoice of
// the customer: the aggregates and the contact limit read them), exactly as a whole load holds
// them (LoadOptions::customer). The customer is the one the store followed the invoice for, else
// the one its first row in the snapshot names. Nullopt when the invoice is in no such load: then
// it is in no whole load either.
Result<std::optional<LoadedSnapshot>> load_invoice_customer(
    const RunOptions& run, const std::string& invoice, const std::optional<StoredSequence>& stored,
    const std::optional<CustomerIndexSettings>& customer_index) {
  LoadOptions load;
  load.custom_fields = run.config.fields;
  load.customer_index = customer_index;
  std::optional<std::string> tried;
  if (stored) {
    load.customer = tried = stored->customer_id;
    auto snapshot = load_snapshot(run.snapshot, load);
    if (!snapshot) return snapshot.error();
    if (snapshot->portfolio.find_invoice(invoice)) {
      return std::optional<LoadedSnapshot>(std::move(snapshot).value());
    }
  }
  auto customer = snapshot_invoice_customer(run.snapshot, invoice, load);
  if (!customer) return customer.error();
  if (!*customer || *customer == tried) return std::optional<LoadedSnapshot>();
  load.customer = *customer;
  auto snapshot = load_snapshot(run.snapshot, load);
  if (!snapshot) return snapshot.error();
  if (!snapshot->portfolio.find_invoice(invoice)) return std::optional<LoadedSnapshot>();
  return std::optional<LoadedSnapshot>(std::move(snapshot).value());
}

// The whole snapshot, when it holds the invoice.
Result<std::optional<LoadedSnapshot>> load_whole_with_invoice(const RunOptions& run,
                                                              const std::string& invoice) {
  auto snapshot = load_snapshot(run.snapshot, /*strict=*/false, {}, run.config.fields);
  if (!snapshot) return snapshot.error();
  if (!snapshot->portfolio.find_invoice(invoice)) return std::optional<LoadedSnapshot>();
  return std::optional<LoadedSnapshot>(std::move(snapshot).value());
}

}  // namespace

Result<Explanation> explain_invoice(const ExplainOptions& options, dsl::Diagnostics& diagnostics) {
  const RunOptions& run = options.run;
  const Config& config = run.config;
  std::error_code error;
  if (!std::filesystem::exists(run.database, error)) {
    return Error{"no state store at " + run.database.string() +
                 " yet: run `dun run` first (or pass --db FILE)"};
  }
  auto scenarios = ScenarioSet::load(
      run.scenarios, run.templates, config.company.language, run.backend, diagnostics,
      JitSettings{run.opt_level, dsl::jit_cache_dir_for(run.database)}, config.fields);
  if (!scenarios) return scenarios.error();
  auto opened = StateStore::open_read_only(run.database);
  if (!opened) return opened.error();
  StateStore& store = opened.value();
  auto stored = store.find_sequence(options.invoice);
  if (!stored) return stored.error();

  Explanation out;
  out.date = run.date;
  out.invoice = options.invoice;
  auto snapshot = options.whole_snapshot ? load_whole_with_invoice(run, options.invoice)
                                         : load_invoice_customer(run, options.invoice, *stored,
                                                                 options.customer_index);
  if (!snapshot) return snapshot.error();
  if (!*snapshot) {
    if (*stored) {
      out.customer = (*stored)->customer_id;
      out.scenario = (*stored)->scenario;
      out.status = std::string(to_string((*stored)->state));
      out.decision = "close";
      out.why = "the invoice is absent from the snapshot: its sequence closes on the next run";
      return out;
    }
    // The "did you mean" candidates are every invoice of the snapshot: only here is it loaded
    // whole.
    auto whole = load_snapshot(run.snapshot, /*strict=*/false, {}, config.fields);
    if (!whole) return whole.error();
    return unknown_invoice(options.invoice, whole->portfolio);
  }
  const Portfolio& portfolio = (*snapshot)->portfolio;
  const std::uint32_t row = *portfolio.find_invoice(options.invoice);
  const std::uint32_t customer = portfolio.invoices.customer[row];
  out.customer = std::string(portfolio.customers.id[customer]);
  out.customer_name = std::string(portfolio.customers.name[customer]);

  // The stored sequences of the customer's invoices: the contact limit plans their day too.
  std::vector<std::string> invoice_ids;
  for (std::uint32_t r = 0; r < portfolio.invoices.size(); ++r) {
    invoice_ids.emplace_back(portfolio.invoices.id[r]);
  }
  auto sequences = store.load_sequences_of(invoice_ids);
  if (!sequences) return sequences.error();
  const auto stored_row = sequences->find(options.invoice);

  auto overrides = store.load_overrides();
  if (!overrides) return overrides.error();
  auto delivery = options.whole_snapshot ? store.load_delivery_facts()
                                         : store.load_delivery_facts_of(out.customer, invoice_ids);
  if (!delivery) return delivery.error();
  // The invoice's day, planned exactly as the run plans it (a one-row batch).
  const std::uint32_t only_row[] = {row};
  const DayPlan plan = DayPlan::build(
      DaySources{portfolio, **scenarios, config, *sequences, *overrides, run.date, &*delivery},
      only_row);
  const std::uint32_t index = plan.assignment().scenario[row];
  out.assigned_by = assignment_reason(portfolio, row, *overrides, config.engine.default_scenario,
                                      index != kNotHandled);
  if (index == kNotHandled) {
    out.decision = "not followed";
    out.why = out.assigned_by;
    if (stored_row && sequences->state[*stored_row] != SequenceState::closed) {
      out.why += "; its sequence closes on the next run";
    }
    return out;
  }
  const ScenarioBatch& batch = plan.batches()[index];
  const LoadedScenario& scenario = *batch.scenario;
  out.scenario = scenario.ir->name;
  out.paused_until = plan.manual_pause_until(options.invoice);

  if (batch.sequence_rows.front() != kNoSequence) {
    describe_sequence(*sequences, batch.sequence_rows.front(), *scenario.ir, out);
  } else if (stored_row) {
    out.assigned_by += "; its sequence under " +
                       std::string(sequences->name(sequences->scenario[*stored_row])) +
                       " closes and a new one starts (reassigned)";
  }

  dsl::Decision decision;
  scenario.evaluator->evaluate(batch.input, std::span<dsl::Decision>(&decision, 1));

  int repetitions_done = 0;
  if (const std::uint32_t s = batch.sequence_rows.front();
      s != kNoSequence && !scenario.ir->steps.empty()) {
    if (const auto event = sequences->find_event(s, scenario.ir->steps.back().name)) {
      repetitions_done = sequences->event_repetition[*event];
    }
  }
  const std::string source = read_text(scenario.file);
  explain_walk(WalkInput{&scenario, &batch.input, decision, source, repetitions_done}, out);
  if (decision.outcome == dsl::Outcome::fire) {
    auto held = contact_hold_of(
        DaySources{portfolio, **scenarios, config, *sequences, *overrides, run.date, &*delivery},
        customer, options.invoice, store);
    if (!held) return held.error();
    if (*held) explain_hold(**held, out);
  }
  return out;
}

}  // namespace dun
