#include "engine/run/record.hpp"

#include <algorithm>
#include <bit>
#include <iterator>

#include "dsl/interp_value.hpp"
#include "engine/day/sequence_inputs.hpp"
#include "engine/model/action_id.hpp"
#include "engine/model/repetition_name.hpp"
#include "engine/model/skip_reason.hpp"

namespace dun {
namespace {

std::string contact_address(const dsl::Value& value) {
  if (value.type() == dsl::Type::contact) return std::string(value.contact().email);
  if (value.type() == dsl::Type::string) return std::string(value.string());
  return {};
}

std::string contact_display(const dsl::Value& value) {
  if (value.type() == dsl::Type::contact) {
    return std::string(value.contact().name.empty() ? value.contact().email : value.contact().name);
  }
  if (value.type() == dsl::Type::string) return std::string(value.string());
  return {};
}

// The snapshot's contacts row of a customer's contact value (`contact("legal")`), else kNoRow.
RowIndex snapshot_contact(const dsl::Value& value) {
  if (value.failed() || value.type() != dsl::Type::contact) return kNoRow;
  const std::uint32_t row = value.contact().row;
  return row == dsl::ContactValue::kNoRow ? kNoRow : static_cast<RowIndex>(row);
}

}  // namespace

void DayRecorder::add_event(std::string_view invoice, std::string_view customer, EventKind kind,
                            std::string_view detail) {
  changes_.events.push_back(EventRow{invoice, customer, today_, kind, changes_.text.keep(detail)});
}

void DayRecorder::reserve(std::span<const std::vector<dsl::Decision>> decisions,
                          std::size_t closings, const CustomerDay& day) {
  constexpr std::uint8_t kEventFlags =
      dsl::kReopened | dsl::kClosed | dsl::kStopped | dsl::kPaused | dsl::kResumed;
  std::size_t step_events = 0;
  std::size_t events = closings;
  for (const std::vector<dsl::Decision>& batch : decisions) {
    for (const dsl::Decision& decision : batch) {
      const std::size_t steps =
          decision.skipped_count + (decision.outcome == dsl::Outcome::fire ? 1 : 0);
      step_events += steps;
      events += steps + static_cast<std::size_t>(
                            std::popcount(static_cast<unsigned>(decision.flags & kEventFlags)));
    }
  }
  for (const DayAction& action : day.actions) {
    if (action.confirm || action.channel == Channel::task) events += action.members.size();
  }
  changes_.step_events.reserve(changes_.step_events.size() + step_events);
  changes_.events.reserve(changes_.events.size() + events);
}

void DayRecorder::record(std::size_t batch_index, std::span<const dsl::Decision> decisions) {
  const ScenarioBatchView& batch = batches_[batch_index];
  const dsl::ir::Scenario& scenario = *batch.scenario->ir;
  const Invoices& invoices = portfolio_.invoices;
  const Customers& customers = portfolio_.customers;

  for (std::uint32_t r = 0; r < batch.rows.size(); ++r) {
    const dsl::Decision& decision = decisions[r];
    const std::uint32_t row = batch.rows[r];
    const std::string_view invoice = invoices.id[row];
    const std::string_view customer = customers.id[invoices.customer[row]];
    if (decision.outcome == dsl::Outcome::error) {
      counts_.errors.push_back({std::string(invoice), scenario.name,
                                dsl::describe_site(scenario, decision.error_site),
                                std::string(dsl::eval_error_message(decision.error))});
      continue;
    }
    if (decision.outcome == dsl::Outcome::hold) ++counts_.held;
    if (decision.flags == 0 && decision.skipped_count == 0 &&
        decision.outcome != dsl::Outcome::fire) {
      continue;
    }

    const std::uint32_t s = batch.sequence_rows[r];
    SequenceUpdate update{invoice, customer, scenario.name, SequenceState::active,
                          "",      today_,   today_};
    if (s != kNoSequence) {
      update.state = sequences_.state[s];
      update.last_step = sequences_.name(sequences_.last_step[s]);
      update.started_on = sequences_.started_on[s];
    }
    if (decision.flags & dsl::kStarted) ++counts_.started;
    if (decision.flags & dsl::kReopened) {
      ++counts_.reopened;
      update.state = SequenceState::active;
      add_event(invoice, customer, EventKind::reopened, "applies again");
    }
    if (decision.flags & dsl::kClosed) {
      ++counts_.closed;
      update.state = SequenceState::closed;
      add_event(invoice, customer, EventKind::closed, "applies no longer holds");
    }
    if (decision.flags & dsl::kStopped) {
      ++counts_.stopped;
      update.state = SequenceState::stopped;
      add_event(invoice, customer, EventKind::stopped, "stop holds");
    }
    if (decision.flags & dsl::kPaused) {
      ++counts_.paused;
      update.state = SequenceState::paused;
      const bool by_collector = (batch.sequence_flags[r] & dsl::kSequenceManualPause) != 0;
      add_event(invoice, customer, EventKind::paused,
                by_collector ? "paused by a collector (dun pause)" : "pause holds");
    }
    if (decision.flags & dsl::kResumed) {
      ++counts_.resumed;
      update.state = SequenceState::active;
      add_event(invoice, customer, EventKind::resumed, "pause no longer holds");
    }
    // A step that is already the last one reached comes again: a repetition (language.md §3.2).
    const auto repetition_of = [&](const std::string& step) -> std::optional<int> {
      if (s == kNoSequence || sequences_.name(sequences_.last_step[s]) != step) return std::nullopt;
      const auto event = sequences_.find_event(s, step);
      return event ? sequences_.event_repetition[*event] + 1 : 1;
    };
    for (std::uint8_t n = 0; n < decision.skipped_count; ++n) {
      const std::string& step = scenario.steps[decision.first_skipped + n].name;
      const std::string_view reason = skip_reason_text(decision.skip_reason(n));
      const std::optional<int> repetition = repetition_of(step);
      changes_.step_events.push_back(StepEvent{invoice, scenario.name, step, StepStatus::skipped,
                                               reason, today_, "", std::nullopt});
      add_event(invoice, customer, EventKind::step_skipped,
                repetition_name(step, repetition.value_or(0)) + " (" + std::string(reason) + ")");
      update.last_step = step;
      ++counts_.skipped;
    }
    if (decision.outcome == dsl::Outcome::fire) {
      const std::optional<int> repetition = repetition_of(scenario.steps[decision.step].name);
      fired_.push_back(
          {row, static_cast<std::uint32_t>(batch_index), decision.step, repetition.value_or(0)});
      update.last_step = scenario.steps[decision.step].name;
      ++counts_.fired;
      if (repetition) ++counts_.repetitions;
    }
    changes_.sequences.push_back(std::move(update));
  }
}

void DayRecorder::close_sequence(std::uint32_t sequence_row, const std::string& detail) {
  const SequenceState state = sequences_.state[sequence_row];
  if (state != SequenceState::active && state != SequenceState::paused) return;
  const std::string_view invoice = sequences_.invoice_ids[sequence_row];
  const std::string_view customer = sequences_.customer_ids[sequence_row];
  changes_.sequences.push_back(
      SequenceUpdate{invoice, customer, sequences_.name(sequences_.scenario[sequence_row]),
                     SequenceState::closed, sequences_.name(sequences_.last_step[sequence_row]),
                     sequences_.started_on[sequence_row], today_});
  add_event(invoice, customer, EventKind::closed, detail);
  ++counts_.closed;
}

void DayRecorder::build_actions(const CustomerDay& day) {
  const Invoices& invoices = portfolio_.invoices;
  const Customers& customers = portfolio_.customers;
  counts_.held_by_limit += day.holds.size();
  counts_.held_by_limit_invoices += day.held_invoices;

  for (const DayAction& group : day.actions) {
    const ScenarioBatchView& batch = batches_[group.batch];
    const LoadedScenario& loaded = *batch.scenario;
    const dsl::ir::Scenario& scenario = *loaded.ir;
    const dsl::ir::Step& step = scenario.steps[group.step];
    const dsl::ir::Action& spec = step.actions[group.action];
    const bool confirm = group.confirm;
    // Payload expressions are evaluated for the group's first invoice (by id): they describe the
    // customer, whom every invoice of the group shares.
    const std::uint32_t first_position = group.members.front().position;
    const std::uint32_t first_row = batch.rows[first_position];
    const RowIndex customer_row = invoices.customer[first_row];
    auto evaluate = [&](const dsl::ir::Expr& expr) {
      dsl::Value value = loaded.interpreter->evaluate_expr(expr, *batch.input, first_position);
      if (value.failed()) {
        action_errors_.push_back(
            {std::string(invoices.id[first_row]), scenario.name,
             "action " + std::to_string(group.action + 1) + " of step " + step.name,
             std::string(dsl::eval_error_message(value.error()))});
      }
      return value;
    };

    Action action;
    for (const auto& member : group.members) action.invoices.emplace_back(member.invoice);
    action.scenario = scenario.name;
    action.step = step.name;
    action.position = static_cast<int>(group.action);
    action.customer = std::string(customers.id[customer_row]);
    action.created_on = today_;
    action.status_on = today_;
    action.channel = spec.channel;
    action.id = make_action_id(
        {today_, action.scenario, action.step, action.position, action.customer, action.invoices});
    const std::string_view language = portfolio_.symbols.text(customers.language[customer_row]);
    const RowIndex collector = customers.collector[customer_row];
    const std::string collector_name =
        collector == kNoRow ? std::string() : std::string(portfolio_.collectors.name[collector]);

    if (spec.channel == Channel::task) {
      action.mode = ActionMode::task;
      action.status = ActionStatus::open;
    } else {
      action.template_name = spec.template_name;
      RowIndex recipient_contact = kNoRow;  // the snapshot's contact the action is sent to
      action.language = language.empty() ? config_.company.language : std::string(language);
      action.mode = confirm ? ActionMode::confirm : ActionMode::automatic;
      action.status = confirm ? ActionStatus::pending_confirmation : ActionStatus::queued;
      if (spec.channel == Channel::letter) {
        action.letter_type = spec.letter_type;
        action.postage = spec.postage;
        const std::string_view country = portfolio_.symbols.text(customers.country[customer_row]);
        if (spec.postage == Postage::ecopli && country != "FR") {
          // La Poste's Ecopli goes to French addresses only: an error of this invoice, and the
          // letter goes with the adapter's default postage rather than not at all.
          action.postage.reset();
          action_errors_.push_back(
              {std::string(invoices.id[first_row]), scenario.name,
               "action " + std::to_string(group.action + 1) + " of step " + step.name,
               "postage ecopli is for letters to France, and customer " +
                   std::string(customers.id[customer_row]) + " is in " +
                   (country.empty() ? std::string("no country (empty country column)")
                                    : std::string(country)) +
                   ": the letter goes with the adapter's default postage; write 'postage "
                   "priority' or a `when customer.country = \"FR\"` step for it"});
        }
        std::string name(customers.name[customer_row]);
        std::string_view address = customers.address[customer_row];
        if (spec.to) {
          const dsl::Value recipient = evaluate(*spec.to);
          name = contact_display(recipient);
          recipient_contact = snapshot_contact(recipient);
          if (recipient_contact != kNoRow) {
            if (!portfolio_.contacts.address[recipient_contact].empty()) {
              address = portfolio_.contacts.address[recipient_contact];
            } else {
              counts_.recipient_warnings.push_back(
                  "customer " + std::string(customers.id[customer_row]) + ": the letter of step " +
                  step.name + " (" + scenario.name + ") goes to the customer's postal address: " +
                  "its recipient " + name + " (contact role " +
                  std::string(
                      portfolio_.symbols.text(portfolio_.contacts.role[recipient_contact])) +
                  ") has no address in the snapshot's contacts");
            }
          }
        }
        action.to = name + "\n" + std::string(address);
      } else if (spec.to) {
        const dsl::Value recipient = evaluate(*spec.to);
        action.to = contact_address(recipient);
        recipient_contact = snapshot_contact(recipient);
      } else {
        recipient_contact = portfolio_.contact_with_role(customer_row, "collection");
        const bool contact_email =
            recipient_contact != kNoRow && !portfolio_.contacts.email[recipient_contact].empty();
        action.to = contact_email ? std::string(portfolio_.contacts.email[recipient_contact])
                                  : std::string(customers.email[customer_row]);
        if (!contact_email) recipient_contact = kNoRow;
      }
      // The person the action is sent to reads it in their own language when the snapshot gives
      // one (contacts.csv's language), else in the customer's.
      if (recipient_contact != kNoRow) {
        const std::string_view contact_language =
            portfolio_.symbols.text(portfolio_.contacts.language[recipient_contact]);
        if (!contact_language.empty()) action.language = std::string(contact_language);
      }
      if (spec.copy) {
        const dsl::Value copy = evaluate(*spec.copy);
        if (copy.type() == dsl::Type::string_list) {
          for (std::string_view item : copy.list()) action.copy.emplace_back(item);
        } else if (std::string address = contact_address(copy); !address.empty()) {
          action.copy.push_back(std::move(address));
        }
      }
    }

    if (confirm || spec.channel == Channel::task) {
      Task task;
      task.kind = spec.channel == Channel::task ? TaskKind::task : TaskKind::confirm;
      task.created_on = today_;
      task.scenario = action.scenario;
      task.step = action.step;
      task.customer = action.customer;
      task.invoices = action.invoices;
      task.action_id = action.id;
      task.assignee = collector_name;
      if (spec.channel == Channel::task) {
        if (spec.assign) task.assignee = contact_display(evaluate(*spec.assign));
        for (const auto& piece : spec.task_text) {
          task.text += piece.value ? dsl::format_value(evaluate(*piece.value)) : piece.literal;
        }
        if (spec.due_days) task.due_on = today_ + static_cast<std::int32_t>(*spec.due_days);
      } else {
        task.text = "Confirm the " + std::string(to_string(action.channel)) + " \"" +
                    action.template_name + "\" to " + std::string(customers.name[customer_row]) +
                    " (" + std::to_string(action.invoices.size()) + " invoice" +
                    (action.invoices.size() == 1 ? "" : "s") + ")";
      }
      for (const std::string& invoice : task.invoices) {
        task_events_.push_back(
            HistoryEvent{invoice, task.customer, today_, EventKind::task_created,
                         std::string(to_string(task.kind)) + " task for action " + action.id});
      }
      changes_.tasks.push_back(std::move(task));
    }

    const StepStatus leaves = confirm                         ? StepStatus::pending_confirmation
                              : spec.channel == Channel::task ? StepStatus::waiting_task
                                                              : StepStatus::fired;
    const std::string_view action_id = changes_.text.keep(action.id);
    for (const auto& member : group.members) {
      invoice_actions_.push_back({batch.rows[member.position], leaves, action_id});
    }
    ++counts_.actions[{action.scenario, action.step, std::string(to_string(action.channel))}];
    changes_.actions.push_back(std::move(action));
  }

  // One entry per invoice: its first action, and the status every action it is part of leaves
  // its step in (a confirm wins, then a task).
  std::stable_sort(invoice_actions_.begin(), invoice_actions_.end(),
                   [](const InvoiceAction& a, const InvoiceAction& b) { return a.row < b.row; });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < invoice_actions_.size(); ++i) {
    const InvoiceAction& next = invoice_actions_[i];
    if (kept > 0 && invoice_actions_[kept - 1].row == next.row) {
      StepStatus& status = invoice_actions_[kept - 1].leaves;
      if (next.leaves == StepStatus::pending_confirmation) status = next.leaves;
      if (next.leaves == StepStatus::waiting_task && status == StepStatus::fired) {
        status = next.leaves;
      }
      continue;
    }
    invoice_actions_[kept++] = next;
  }
  invoice_actions_.resize(kept);
}

RecordedDay DayRecorder::finish() {
  const Invoices& invoices = portfolio_.invoices;
  const Customers& customers = portfolio_.customers;
  // One step event and one history event per fired invoice, under its OWN step.
  for (const Fired& f : fired_) {
    const dsl::ir::Scenario& scenario = *batches_[f.batch].scenario->ir;
    const dsl::ir::Step& step = scenario.steps[f.step];
    const std::string_view invoice = invoices.id[f.row];
    const auto found = std::lower_bound(
        invoice_actions_.begin(), invoice_actions_.end(), f.row,
        [](const InvoiceAction& entry, std::uint32_t row) { return entry.row < row; });
    const bool has_action = found != invoice_actions_.end() && found->row == f.row;
    const std::string_view action_id = has_action ? found->action_id : std::string_view();
    changes_.step_events.push_back(StepEvent{invoice, scenario.name, step.name,
                                             has_action ? found->leaves : StepStatus::fired, "",
                                             today_, action_id, f.repetition});
    add_event(
        invoice, customers.id[invoices.customer[f.row]], EventKind::step_fired,
        repetition_name(step.name, f.repetition) + " (action " + std::string(action_id) + ")");
  }
  for (const HistoryEvent& event : task_events_) changes_.add_event(event);
  counts_.errors.insert(counts_.errors.end(), std::make_move_iterator(action_errors_.begin()),
                        std::make_move_iterator(action_errors_.end()));
  return {std::move(changes_), std::move(counts_)};
}

}  // namespace dun
