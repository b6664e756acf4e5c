// PortfolioBuilder's two-thread path for the invoices table: rows prepared on any thread, then
// committed in source order (portfolio_builder.hpp).
#include "engine/snapshot/portfolio_builder.hpp"

namespace dun {

void PortfolioBuilder::prepare_row(std::span<const std::string_view> values, std::int64_t position,
                                   PreparedRows& rows) const {
  PreparedRows::Row& row = rows.rows.emplace_back();
  row.position = position;
  row.invoice.id = values[kInvoiceId];
  if (keeps_some_rows_only() && !owns_row(values)) {
    row.outcome = PreparedRows::Outcome::other_shard;
    return;
  }
  const std::size_t cells_before = rows.cells.size();
  Check problem = check_values(values);
  if (!problem) {
    problem = parse_invoice(values, rows.cache, /*concurrent=*/true, row.invoice, rows.cells);
  }
  if (!problem) return;
  rows.cells.resize(cells_before);
  row.invoice.id = values[kInvoiceId];
  row.outcome = PreparedRows::Outcome::problem;
  row.problem = static_cast<std::uint32_t>(rows.problems.size());
  rows.problems.push_back(std::move(*problem));
}

void PortfolioBuilder::prepare_unreadable(std::string_view id, std::int64_t position, int column,
                                          std::string reason, PreparedRows& rows) const {
  PreparedRows::Row& row = rows.rows.emplace_back();
  row.position = position;
  row.invoice.id = id;
  row.outcome = PreparedRows::Outcome::unreadable;
  row.problem = static_cast<std::uint32_t>(rows.problems.size());
  rows.problems.push_back(Problem{column, std::move(reason)});
}

void PortfolioBuilder::commit(const PreparedRows& rows, std::size_t first,
                              const std::function<void(std::size_t committed)>& committed) {
  constexpr std::size_t kRowsBetweenReports = 16384;
  using Outcome = PreparedRows::Outcome;
  snapshot_.records_checked += rows.rows.size() - first;
  const std::size_t cells_per_row = table_custom_fields_.size();
  std::size_t cell = 0;
  for (std::size_t i = 0; i < first; ++i) {
    if (rows.rows[i].outcome == Outcome::parsed) cell += cells_per_row;
  }
  // The id index is the commit's one cache miss per row: start fetching a few rows ahead.
  constexpr std::size_t kPrefetchDistance = 8;
  const IdIndex& index = snapshot_.portfolio.invoices.by_id;
  for (std::size_t i = first; i < rows.rows.size(); ++i) {
    if (committed && i > first && i % kRowsBetweenReports == 0) committed(i);
    if (i + kPrefetchDistance < rows.rows.size()) {
      index.prefetch(rows.rows[i + kPrefetchDistance].invoice.id_hash);
    }
    const PreparedRows::Row& row = rows.rows[i];
    const std::string_view id = row.invoice.id;
    switch (row.outcome) {
      case Outcome::other_shard:
        note_invoice_elsewhere(id);
        break;
      case Outcome::unreadable:
      case Outcome::problem: {
        const Problem& problem = rows.problems[row.problem];
        quarantine(id, row.position, problem.column, problem.reason,
                   /*owned=*/row.outcome == Outcome::problem);
        break;
      }
      case Outcome::parsed: {
        const std::span<const CustomCell> cells(rows.cells.data() + cell, cells_per_row);
        cell += cells_per_row;
        if (auto problem = append_invoice(row.invoice, cells)) {
          quarantine(id, row.position, problem->column, std::move(problem->reason),
                     /*owned=*/true);
        }
        break;
      }
    }
  }
  if (committed) committed(rows.rows.size());
}

}  // namespace dun
