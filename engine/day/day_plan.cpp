#include "engine/day/day_plan.hpp"

#include <algorithm>

#include "engine/day/manual_pause.hpp"

namespace dun {
namespace {

// The stored sequence of each invoice row (kNoSequence when none). The sequences of invoices
// gone from the snapshot close; they are appended to `closings`.
std::vector<std::uint32_t> sequence_of_invoices(const Portfolio& portfolio,
                                                const SequenceTable& sequences,
                                                std::vector<SequenceClosing>& closings) {
  std::vector<std::uint32_t> sequence_of_invoice(portfolio.invoices.size(), kNoSequence);
  // Batched: at 10M invoices this is 7M lookups in an index of 256 MB, each a few cache misses.
  const Invoices& invoices = portfolio.invoices;
  invoices.by_id.find_each(
      invoices.id, sequences.invoice_ids,
      [&](std::size_t s, std::uint32_t row) {
        sequence_of_invoice[row] = static_cast<std::uint32_t>(s);
      },
      [&](std::size_t s) {
        closings.push_back({static_cast<std::uint32_t>(s), "absent from the snapshot"});
      });
  return sequence_of_invoice;
}

std::vector<std::uint32_t> rows_to_plan(const Portfolio& portfolio,
                                        std::optional<std::span<const std::uint32_t>> only_rows) {
  std::vector<std::uint32_t> rows;
  if (only_rows) {
    rows.assign(only_rows->begin(), only_rows->end());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  } else {
    rows.resize(portfolio.invoices.size());
    for (std::uint32_t row = 0; row < rows.size(); ++row) rows[row] = row;
  }
  return rows;
}

}  // namespace

DayPlan DayPlan::build(const DaySources& sources,
                       std::optional<std::span<const std::uint32_t>> only_rows) {
  return build(sources,
               DayInputs::build(sources.portfolio, sources.scenarios, sources.config, sources.date,
                                sources.overrides, sources.delivery),
               only_rows);
}

DayPlan DayPlan::build(const DaySources& sources, std::shared_ptr<const DayInputs> inputs,
                       std::optional<std::span<const std::uint32_t>> only_rows) {
  const Portfolio& portfolio = sources.portfolio;
  const SequenceTable& sequences = sources.sequences;
  DayPlan plan(sources.date);
  plan.inputs_ = std::move(inputs);
  const Assignment& assignment = plan.inputs_->assignment();

  const auto& loaded = sources.scenarios.scenarios();
  plan.batches_.resize(loaded.size());
  for (std::size_t k = 0; k < loaded.size(); ++k) plan.batches_[k].scenario = &loaded[k];

  const std::vector<std::uint32_t> sequence_of_invoice =
      sequence_of_invoices(portfolio, sequences, plan.closings_);
  for (const std::uint32_t row : rows_to_plan(portfolio, only_rows)) {
    const std::uint32_t s = sequence_of_invoice[row];
    const std::uint32_t scenario = assignment.scenario[row];
    std::uint32_t sequence_row = s;
    if (s != kNoSequence) {
      const std::string_view stored = sequences.name(sequences.scenario[s]);
      if (scenario == kNotHandled) {
        plan.closings_.push_back({s, "no longer followed up"});
        continue;
      }
      if (stored != loaded[scenario].ir->name) {
        plan.closings_.push_back({s, "reassigned to " + loaded[scenario].ir->name});
        sequence_row = kNoSequence;
      }
    }
    if (scenario == kNotHandled) continue;
    plan.batches_[scenario].rows.push_back(row);
    plan.batches_[scenario].sequence_rows.push_back(sequence_row);
  }

  plan.manual_pauses_ = manual_pauses(sources.overrides, sources.date);
  for (ScenarioBatch& batch : plan.batches_) {
    if (batch.empty()) continue;
    plan.handled_ += batch.rows.size();
    batch.sequences =
        build_sequence_inputs(*batch.scenario->ir, batch.sequence_rows, sequences, sources.date);
    mark_manual_pauses(batch.sequences, batch.rows, portfolio, plan.manual_pauses_);
    batch.input.portfolio = &plan.inputs_->columns();
    batch.input.rows = batch.rows.data();
    batch.input.row_count = static_cast<std::uint32_t>(batch.rows.size());
    batch.input.sequences = batch.sequences.columns();
    batch.input.today = sources.date.days();
    batch.input.environment = plan.inputs_->environment();
  }
  return plan;
}

std::optional<PlannedRow> DayPlan::find(std::uint32_t row) const {
  const std::vector<std::uint32_t>& scenario_of = inputs_->assignment().scenario;
  if (row >= scenario_of.size() || scenario_of[row] == kNotHandled) return std::nullopt;
  const ScenarioBatch& batch = batches_[scenario_of[row]];
  const auto found = std::lower_bound(batch.rows.begin(), batch.rows.end(), row);
  if (found == batch.rows.end() || *found != row) return std::nullopt;
  return PlannedRow{scenario_of[row], static_cast<std::uint32_t>(found - batch.rows.begin())};
}

std::optional<Date> DayPlan::manual_pause_until(std::string_view invoice) const {
  const auto found = manual_pauses_.find(invoice);
  if (found == manual_pauses_.end()) return std::nullopt;
  return found->second;
}

std::vector<std::vector<dsl::Decision>> DayPlan::evaluate() const {
  std::vector<std::vector<dsl::Decision>> decisions(batches_.size());
  for (std::size_t k = 0; k < batches_.size(); ++k) {
    const ScenarioBatch& batch = batches_[k];
    if (batch.empty()) continue;
    decisions[k].resize(batch.rows.size());
    batch.scenario->evaluator->evaluate(batch.input, decisions[k]);
  }
  return decisions;
}

void DayPlan::release_evaluation_inputs() {
  inputs_.reset();
  // Assigning a new container frees the old one's memory (`= {}` would only clear it).
  manual_pauses_ = decltype(manual_pauses_)();
  for (ScenarioBatch& batch : batches_) {
    batch.sequences.status = decltype(batch.sequences.status)();
    batch.sequences.last_step = decltype(batch.sequences.last_step)();
    batch.sequences.step_dates = decltype(batch.sequences.step_dates)();
    batch.input.portfolio = nullptr;
    batch.input.sequences.status = nullptr;
    batch.input.sequences.last_step = nullptr;
    batch.input.sequences.step_dates = nullptr;
    batch.input.environment = {};
  }
}

}  // namespace dun
