#include "engine/analyst/status.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <unordered_map>

#include "dsl/interp.hpp"
#include "engine/day/customer_day.hpp"
#include "engine/day/day_plan.hpp"
#include "engine/model/repetition_name.hpp"
#include "engine/run/run.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "stdlib/functions.hpp"
#include "stdlib/money.hpp"
#include "stdlib/status.hpp"
#include "stdlib/suggest.hpp"

namespace dun {
namespace {

// Why an invoice that no scenario handles is left alone (assign_scenarios' rules, in order).
std::string why_not_followed_up(const Portfolio& portfolio, std::uint32_t row,
                                const std::vector<Override>& overrides,
                                const ScenarioSet& scenarios, const std::string& default_scenario) {
  const std::string_view invoice = portfolio.invoices.id[row];
  const std::uint32_t customer = portfolio.invoices.customer[row];
  if (!portfolio.invoices.dunning[row]) return "dunning = false in the snapshot";
  std::string_view name = portfolio.symbols.text(portfolio.customers.scenario[customer]);
  std::string_view source = "the snapshot";
  for (const Override& override_row : overrides) {
    if (override_row.kind == OverrideKind::optout && override_row.subject == invoice) {
      return "opted out by a collector";
    }
    if (override_row.kind == OverrideKind::assign &&
        override_row.subject == portfolio.customers.id[customer]) {
      name = override_row.scenario;
      source = "a collector";
    }
  }
  if (name.empty()) {
    name = default_scenario;
    source = "the default";
  }
  if (name.empty()) return "no scenario assigned and no [engine] default_scenario";
  if (name == "none") return "customer assigned to none by " + std::string(source);
  if (!scenarios.find(name)) return "unknown scenario '" + std::string(name) + "'";
  return "not followed up";
}

std::string_view state_name(const SequenceTable& sequences, std::optional<std::size_t> s) {
  if (!s) return "not started";
  return to_string(sequences.state[*s]);
}

void fill_last_follow_up(const LastFollowUp& last, InvoiceStatus& status) {
  status.last_date = last.date;
  status.last_step = last.step;
  status.last_channel = std::string(to_string(last.channel));
  status.last_status = std::string(to_string(last.status));
}

// The next step of each invoice of `batch` and its date, evaluated by the reference interpreter on
// the batch the run would evaluate. `status_of_row` maps a portfolio invoice row to its status.
void fill_next_step(const ScenarioBatch& batch, const SequenceTable& sequences,
                    std::span<const std::size_t> status_of_row,
                    std::vector<InvoiceStatus>& statuses) {
  const dsl::Interpreter& interpreter = *batch.scenario->interpreter;
  const dsl::ir::Scenario& scenario = *batch.scenario->ir;
  const dsl::BatchInput& input = batch.input;
  const SequenceInputs& inputs = batch.sequences;
  for (std::uint32_t r = 0; r < batch.rows.size(); ++r) {
    InvoiceStatus& status = statuses[status_of_row[batch.rows[r]]];
    const dsl::SequenceStatus sequence = inputs.status[r];
    const std::uint8_t flags = inputs.flags[r];
    if (sequence == dsl::SequenceStatus::stopped) {
      status.next_note = "stopped: stop is final";
      continue;
    }
    if (scenario.applies != nullptr) {
      const dsl::Value applies = interpreter.evaluate_expr(*scenario.applies, input, r);
      if (applies.failed()) {
        status.next_note = "error in applies: " + std::string(eval_error_message(applies.error()));
        continue;
      }
      if (!applies.boolean()) {
        status.next_note = "applies does not hold";
        continue;
      }
    }
    const int last = inputs.last_step[r];
    if ((flags & dsl::kSequenceAwaiting) != 0) {
      status.next_step = scenario.steps[static_cast<std::size_t>(last)].name;
      status.next_note = "waiting for its task in the agenda";
      continue;
    }
    const auto next = static_cast<std::size_t>(last + 1);
    const bool repeats = next == scenario.steps.size() && !scenario.steps.empty() &&
                         scenario.steps.back().repeat && (flags & dsl::kSequenceRepeatsEnded) == 0;
    if (next >= scenario.steps.size() && !repeats) {
      status.next_note = "all steps done";
      continue;
    }
    std::int32_t due = 0;
    if (repeats) {  // the last step's next repetition (language.md §3.2)
      const dsl::ir::Step& step = scenario.steps.back();
      int done = 0;
      if (const std::uint32_t s = batch.sequence_rows[r]; s != kNoSequence) {
        if (const auto event = sequences.find_event(s, step.name)) {
          done = sequences.event_repetition[*event];
        }
      }
      status.next_step = repetition_name(step.name, done + 1);
      const std::int32_t last_date =
          inputs.step_dates[dsl::step_date_index(next - 1, inputs.status.size(), r)];
      if (last_date == dsl::kNoDate ||
          dun_add_duration(last_date, step.repeat->every_days, kUnitDays, interpreter.calendar_id(),
                           &due) != kStatusOk) {
        status.next_note = "error in repeat: no date to repeat from";
        continue;
      }
    } else {
      const dsl::ir::Step& step = scenario.steps[next];
      status.next_step = step.name;
      const dsl::Value at = interpreter.evaluate_expr(*step.at, input, r);
      if (at.failed()) {
        status.next_note = "error in at: " + std::string(eval_error_message(at.error()));
        continue;
      }
      due = at.date();
    }
    if (scenario.send_on_business_days &&
        dun_next_business_day(interpreter.calendar_id(), due, &due) != kStatusOk) {
      status.next_note = "error in at: no business day found";
      continue;
    }
    status.next_date = Date::from_days(due);
    if (status.paused_until) {
      status.next_note = "paused by a collector until " + status.paused_until->to_string();
    } else if ((flags & dsl::kSequencePaused) != 0) {
      status.next_note = "paused: the scenario's pause holds";
    }
  }
}

// The invoices the contact limit holds on the day (language.md §3.2), as the run decides it:
// every batch evaluated, then merged and limited per customer.
Status note_contact_holds(const DayPlan& plan, const Portfolio& portfolio, StateStore& store,
                          std::span<const std::size_t> status_of_row,
                          std::vector<InvoiceStatus>& statuses) {
  bool limited = false;
  for (const ScenarioBatch& batch : plan.batches()) {
    limited = limited || (!batch.empty() && !batch.scenario->ir->limits.empty());
  }
  if (!limited) return Status::Ok();
  std::vector<std::vector<dsl::Decision>> decisions = plan.evaluate();
  auto day = plan_customer_day(plan, portfolio, decisions, store_contact_lookup(store));
  if (!day) return day.error();
  for (const ContactHold& hold : day->holds) {
    const ScenarioBatch& batch = plan.batches()[hold.action.batch];
    for (const DayActionMember& member : hold.action.members) {
      InvoiceStatus& status = statuses[status_of_row[batch.rows[member.position]]];
      status.held_by_limit = true;
      status.next_note = "held by the contact limit (" +
                         std::string(to_string(hold.action.channel)) + "): next allowed on " +
                         hold.next_allowed.to_string();
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<InvoiceStatus>> invoice_statuses(StateStore& store, const StatusOptions& options,
                                                    dsl::Diagnostics& diagnostics) {
  // One customer's statuses need only that customer's rows (LoadOptions::customer): the same
  // rows a whole load holds for it, and every one of them, as the contact limit requires.
  auto book = StatusBook::load(options, diagnostics, options.customer);
  if (!book) return book.error();
  auto day = (*book)->prepare_day(store, options.date);
  if (!day) return day.error();
  if (!options.customer) return (*book)->all_statuses(store, **day);
  const std::span<const std::uint32_t> rows = (*book)->rows_of_customer(*options.customer);
  if (rows.empty()) {
    // The "did you mean" candidates are every customer of the snapshot: only here is it loaded
    // whole.
    auto whole = load_snapshot(options.snapshot, /*strict=*/false, {}, options.config.fields);
    if (!whole) return whole.error();
    const Portfolio& portfolio = whole->portfolio;
    std::vector<std::string_view> ids;
    for (std::size_t c = 0; c < portfolio.customers.size(); ++c) {
      ids.push_back(portfolio.customers.id[c]);
    }
    std::string message =
        "no customer '" + *options.customer + "' in the snapshot " + options.snapshot.string();
    if (auto close = closest_match(*options.customer, ids)) {
      message += "; did you mean '" + *close + "'?";
    }
    return Error{message};
  }
  return (*book)->statuses(store, **day, rows, /*contact_holds=*/true);
}

Result<std::unique_ptr<StatusBook>> StatusBook::load(const StatusOptions& options,
                                                     dsl::Diagnostics& diagnostics,
                                                     const std::optional<std::string>& customer) {
  const Config& config = options.config;
  auto scenarios = ScenarioSet::load(options.scenarios, options.templates, config.company.language,
                                     BackendKind::interp, diagnostics, {}, config.fields);
  if (!scenarios) return scenarios.error();
  LoadOptions load;
  load.custom_fields = config.fields;
  load.customer = customer;
  if (customer) load.customer_index = options.customer_index;
  auto snapshot = load_snapshot(options.snapshot, load);
  if (!snapshot) return snapshot.error();
  return std::unique_ptr<StatusBook>(
      new StatusBook(config, std::move(scenarios).value(), std::move(snapshot).value(), customer));
}

StatusBook::StatusBook(const Config& config, std::unique_ptr<ScenarioSet> scenarios,
                       LoadedSnapshot snapshot, std::optional<std::string> customer)
    : config_(config),
      scenarios_(std::move(scenarios)),
      snapshot_(std::move(snapshot)),
      customer_(std::move(customer)) {
  const Portfolio& portfolio = snapshot_.portfolio;
  const auto customer_of = [&](std::uint32_t row) {
    return portfolio.customers.id[portfolio.invoices.customer[row]];
  };
  by_customer_.resize(portfolio.invoices.size());
  std::iota(by_customer_.begin(), by_customer_.end(), 0U);
  std::sort(by_customer_.begin(), by_customer_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::pair(customer_of(a), portfolio.invoices.id[a]) <
           std::pair(customer_of(b), portfolio.invoices.id[b]);
  });
  by_due_date_ = by_customer_;
  std::stable_sort(by_due_date_.begin(), by_due_date_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return portfolio.invoices.due_date[a] < portfolio.invoices.due_date[b];
  });
}

std::span<const std::uint32_t> StatusBook::rows_of_customer(std::string_view customer) const {
  const Portfolio& portfolio = snapshot_.portfolio;
  const auto customer_of = [&](std::uint32_t row) -> std::string_view {
    return portfolio.customers.id[portfolio.invoices.customer[row]];
  };
  const auto first = std::lower_bound(
      by_customer_.begin(), by_customer_.end(), customer,
      [&](std::uint32_t row, std::string_view id) { return customer_of(row) < id; });
  const auto last = std::upper_bound(
      first, by_customer_.end(), customer,
      [&](std::string_view id, std::uint32_t row) { return id < customer_of(row); });
  return {first, last};
}

Result<std::shared_ptr<const StatusDay>> StatusBook::prepare_day(StateStore& store,
                                                                 Date date) const {
  auto overrides = store.load_overrides();
  if (!overrides) return overrides.error();
  auto day = std::make_shared<StatusDay>();
  day->date = date;
  day->overrides = std::move(overrides).value();
  // What scenarios read of delivery (last letter status, bounced address), copied into the
  // day's inputs: the facts themselves are not kept.
  std::vector<std::string> invoice_ids;
  if (customer_) {
    const Invoices& invoices = snapshot_.portfolio.invoices;
    for (std::size_t row = 0; row < invoices.size(); ++row)
      invoice_ids.emplace_back(invoices.id[row]);
  }
  auto delivery = customer_ ? store.load_delivery_facts_of(*customer_, invoice_ids)
                            : store.load_delivery_facts();
  if (!delivery) return delivery.error();
  day->inputs =
      DayInputs::build(snapshot_.portfolio, *scenarios_, config_, date, day->overrides, &*delivery);
  return std::shared_ptr<const StatusDay>(std::move(day));
}

Result<std::vector<InvoiceStatus>> StatusBook::statuses(StateStore& store, const StatusDay& day,
                                                        std::span<const std::uint32_t> rows,
                                                        bool contact_holds) const {
  return compute(store, day, rows, /*every_row=*/false, contact_holds);
}

Result<std::vector<InvoiceStatus>> StatusBook::all_statuses(StateStore& store,
                                                            const StatusDay& day) const {
  return compute(store, day, by_customer_, /*every_row=*/true, /*contact_holds=*/true);
}

Result<std::vector<InvoiceStatus>> StatusBook::compute(StateStore& store, const StatusDay& day,
                                                       std::span<const std::uint32_t> rows,
                                                       bool every_row, bool contact_holds) const {
  const Portfolio& portfolio = snapshot_.portfolio;
  std::vector<std::string> ids;
  if (!every_row) {
    for (const std::uint32_t row : rows) ids.emplace_back(portfolio.invoices.id[row]);
  }
  auto sequences = every_row ? store.load_sequences() : store.load_sequences_of(ids);
  if (!sequences) return sequences.error();
  auto last_follow_ups = every_row ? store.last_follow_ups() : store.last_follow_ups(ids);
  if (!last_follow_ups) return last_follow_ups.error();
  std::unordered_map<std::string_view, const LastFollowUp*> last_of;
  last_of.reserve(last_follow_ups->size());
  for (const LastFollowUp& last : *last_follow_ups) last_of.emplace(last.invoice_id, &last);

  const DayPlan plan = DayPlan::build(
      DaySources{portfolio, *scenarios_, config_, *sequences, day.overrides, day.date}, day.inputs,
      every_row ? std::nullopt : std::optional<std::span<const std::uint32_t>>(rows));
  const Assignment& assignment = plan.assignment();
  const auto& loaded = scenarios_->scenarios();

  std::vector<InvoiceStatus> statuses;
  statuses.reserve(rows.size());
  std::vector<std::size_t> status_of_row(portfolio.invoices.size());
  for (const std::uint32_t row : rows) {
    InvoiceStatus status;
    status.invoice = std::string(portfolio.invoices.id[row]);
    status.customer = std::string(portfolio.customers.id[portfolio.invoices.customer[row]]);
    status.balance =
        format_minor_units(portfolio.invoices.balance[row], portfolio.invoices.currency[row]) +
        " " + std::string(portfolio.invoices.currency[row].code());
    status.due_date = Date::from_days(portfolio.invoices.due_date[row]);
    const auto s = sequences->find(status.invoice);
    status.state = std::string(state_name(*sequences, s));
    status.paused_until = plan.manual_pause_until(status.invoice);
    if (auto last = last_of.find(status.invoice); last != last_of.end()) {
      fill_last_follow_up(*last->second, status);
    }

    const std::uint32_t scenario = assignment.scenario[row];
    if (scenario == kNotHandled) {
      status.automation_note = why_not_followed_up(portfolio, row, day.overrides, *scenarios_,
                                                   config_.engine.default_scenario);
      statuses.push_back(std::move(status));
      continue;
    }
    status.automation = true;
    status.scenario = loaded[scenario].ir->name;
    const std::optional<PlannedRow> planned = plan.find(row);
    if (s && planned &&
        plan.batches()[planned->scenario].sequence_rows[planned->position] == kNoSequence) {
      status.state = "not started";  // reassigned: the next run starts the new scenario afresh
    }
    status_of_row[row] = statuses.size();
    statuses.push_back(std::move(status));
  }

  for (const ScenarioBatch& batch : plan.batches()) {
    if (!batch.empty()) fill_next_step(batch, *sequences, status_of_row, statuses);
  }
  if (contact_holds) {
    if (auto held = note_contact_holds(plan, portfolio, store, status_of_row, statuses); !held) {
      return held.error();
    }
  }
  return statuses;
}

}  // namespace dun
