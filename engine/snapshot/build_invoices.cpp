// PortfolioBuilder's checks for an invoices row (data-model.md, invoices.csv).
#include "engine/snapshot/field_parsers.hpp"
#include "engine/snapshot/portfolio_builder.hpp"
#include "engine/snapshot/row_checks.hpp"

namespace dun {

PortfolioBuilder::Check PortfolioBuilder::add_invoice(std::span<const std::string_view> values) {
  ParsedInvoice parsed;
  custom_cells_.clear();
  if (auto problem = parse_invoice(values, cache_, /*concurrent=*/false, parsed, custom_cells_)) {
    return problem;
  }
  return append_invoice(parsed, custom_cells_);
}

PortfolioBuilder::Check PortfolioBuilder::parse_invoice(std::span<const std::string_view> values,
                                                        RowCache& cache, bool concurrent,
                                                        ParsedInvoice& parsed,
                                                        std::vector<CustomCell>& cells) const {
  const Invoices& invoices = snapshot_.portfolio.invoices;
  parsed.id = values[kInvoiceId];
  if (auto problem = check_id(parsed.id, kInvoiceId, invoices.id, invoices.by_id, parsed.id_hash,
                              concurrent)) {
    return problem;
  }
  if (auto problem = resolve_customer(values[kInvoiceCustomerId], kInvoiceCustomerId, cache,
                                      parsed.customer)) {
    return problem;
  }
  parsed.number = values[kInvoiceNumber];
  if (parsed.number.empty())
    return Problem{kInvoiceNumber, "is empty (the printed invoice number)"};
  if (auto problem = stored_text_problem(parsed.number, invoices.number, concurrent)) {
    return Problem{kInvoiceNumber, std::move(*problem)};
  }
  const auto kind = parse_invoice_kind(values[kInvoiceKind]);
  if (!kind) {
    return Problem{kInvoiceKind, quoted(values[kInvoiceKind]) +
                                     " is not a kind (expected invoice or credit_note)"};
  }
  parsed.kind = *kind;
  const auto issue_date = parse_day(values[kInvoiceIssueDate]);
  if (!issue_date.ok()) return Problem{kInvoiceIssueDate, issue_date.error().message};
  const auto due_date = parse_day(values[kInvoiceDueDate]);
  if (!due_date.ok()) return Problem{kInvoiceDueDate, due_date.error().message};
  if (*due_date < *issue_date) {
    return Problem{kInvoiceDueDate, quoted(values[kInvoiceDueDate]) + " is before the issue date " +
                                        quoted(values[kInvoiceIssueDate])};
  }
  parsed.issue_date = *issue_date;
  parsed.due_date = *due_date;
  if (auto problem =
          parse_currency(values[kInvoiceCurrency], kInvoiceCurrency, cache, parsed.currency)) {
    return problem;
  }
  const auto amount = parse_amount(values[kInvoiceAmount], parsed.currency);
  if (!amount.ok()) return Problem{kInvoiceAmount, amount.error().message};
  const auto balance = parse_amount(values[kInvoiceBalance], parsed.currency);
  if (!balance.ok()) return Problem{kInvoiceBalance, balance.error().message};
  if (*balance > *amount) {
    return Problem{kInvoiceBalance, quoted(values[kInvoiceBalance]) + " is more than the amount " +
                                        quoted(values[kInvoiceAmount])};
  }
  parsed.amount = *amount;
  parsed.balance = *balance;
  // Optional columns: empty takes the documented default.
  std::optional<bool> disputed = false;
  if (!values[kInvoiceDisputed].empty()) disputed = parse_snapshot_bool(values[kInvoiceDisputed]);
  if (!disputed) {
    return Problem{kInvoiceDisputed, quoted(values[kInvoiceDisputed]) +
                                         " is not a boolean (true/false, 1/0, yes/no)"};
  }
  std::optional<bool> dunning = true;
  if (!values[kInvoiceDunning].empty()) dunning = parse_snapshot_bool(values[kInvoiceDunning]);
  if (!dunning) {
    return Problem{kInvoiceDunning,
                   quoted(values[kInvoiceDunning]) + " is not a boolean (true/false, 1/0, yes/no)"};
  }
  parsed.disputed = *disputed ? 1 : 0;
  parsed.dunning = *dunning ? 1 : 0;
  parsed.promise_date = kNoDate;
  if (!values[kInvoicePromiseDate].empty()) {
    const auto promise = parse_day(values[kInvoicePromiseDate]);
    if (!promise.ok()) return Problem{kInvoicePromiseDate, promise.error().message};
    parsed.promise_date = *promise;
  }
  parsed.pdf = values[kInvoicePdf];
  if (auto problem = stored_text_problem(parsed.pdf, invoices.pdf, concurrent)) {
    return Problem{kInvoicePdf, std::move(*problem)};
  }
  return parse_custom_cells(values, parsed.currency, concurrent, cells);
}

PortfolioBuilder::Check PortfolioBuilder::append_invoice(const ParsedInvoice& parsed,
                                                         std::span<const CustomCell> cells) {
  Invoices& invoices = snapshot_.portfolio.invoices;
  if (auto problem = check_unique(parsed.id, kInvoiceId, invoices.id, invoices.by_id,
                                  quarantined_invoices_, parsed.id_hash)) {
    return problem;
  }
  const auto row = static_cast<RowIndex>(invoices.size());
  invoices.id.push_back(parsed.id);
  invoices.customer.push_back(parsed.customer);
  invoices.number.push_back(parsed.number);
  invoices.kind.push_back(parsed.kind);
  invoices.issue_date.push_back(parsed.issue_date);
  invoices.due_date.push_back(parsed.due_date);
  invoices.currency.push_back(parsed.currency);
  invoices.amount.push_back(parsed.amount);
  invoices.balance.push_back(parsed.balance);
  invoices.disputed.push_back(parsed.disputed);
  invoices.dunning.push_back(parsed.dunning);
  invoices.promise_date.push_back(parsed.promise_date);
  invoices.pdf.push_back(parsed.pdf);
  invoices.by_id.insert(invoices.id, row, parsed.id_hash);
  append_custom_cells(cells);
  return std::nullopt;
}

}  // namespace dun
