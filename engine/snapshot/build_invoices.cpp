// PortfolioBuilder's checks for an invoices row (data-model.md, invoices.csv).
#include "engine/snapshot/field_parsers.hpp"
#include "engine/snapshot/portfolio_builder.hpp"
#include "engine/snapshot/row_checks.hpp"

namespace dun {

PortfolioBuilder::Check PortfolioBuilder::add_invoice(std::span<const std::string_view> values) {
  Invoices& invoices = snapshot_.portfolio.invoices;
  const std::string_view id = values[kInvoiceId];
  std::uint64_t id_hash = 0;
  if (auto problem = check_id(id, kInvoiceId, invoices.id, invoices.by_id, id_hash)) {
    return problem;
  }
  RowIndex customer = kNoRow;
  if (auto problem = resolve_customer(values[kInvoiceCustomerId], kInvoiceCustomerId, customer)) {
    return problem;
  }
  const std::string_view number = values[kInvoiceNumber];
  if (number.empty()) return Problem{kInvoiceNumber, "is empty (the printed invoice number)"};
  if (auto problem = text_problem(number, invoices.number)) {
    return Problem{kInvoiceNumber, std::move(*problem)};
  }
  const auto kind = parse_invoice_kind(values[kInvoiceKind]);
  if (!kind) {
    return Problem{kInvoiceKind, quoted(values[kInvoiceKind]) +
                                     " is not a kind (expected invoice or credit_note)"};
  }
  const auto issue_date = parse_day(values[kInvoiceIssueDate]);
  if (!issue_date.ok()) return Problem{kInvoiceIssueDate, issue_date.error().message};
  const auto due_date = parse_day(values[kInvoiceDueDate]);
  if (!due_date.ok()) return Problem{kInvoiceDueDate, due_date.error().message};
  if (*due_date < *issue_date) {
    return Problem{kInvoiceDueDate, quoted(values[kInvoiceDueDate]) + " is before the issue date " +
                                        quoted(values[kInvoiceIssueDate])};
  }
  Currency currency;
  if (auto problem = parse_currency(values[kInvoiceCurrency], kInvoiceCurrency, currency)) {
    return problem;
  }
  const auto amount = parse_amount(values[kInvoiceAmount], currency);
  if (!amount.ok()) return Problem{kInvoiceAmount, amount.error().message};
  const auto balance = parse_amount(values[kInvoiceBalance], currency);
  if (!balance.ok()) return Problem{kInvoiceBalance, balance.error().message};
  if (*balance > *amount) {
    return Problem{kInvoiceBalance, quoted(values[kInvoiceBalance]) + " is more than the amount " +
                                        quoted(values[kInvoiceAmount])};
  }
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
  std::int32_t promise_date = kNoDate;
  if (!values[kInvoicePromiseDate].empty()) {
    const auto parsed = parse_day(values[kInvoicePromiseDate]);
    if (!parsed.ok()) return Problem{kInvoicePromiseDate, parsed.error().message};
    promise_date = *parsed;
  }
  if (auto problem = text_problem(values[kInvoicePdf], invoices.pdf)) {
    return Problem{kInvoicePdf, std::move(*problem)};
  }
  if (auto problem = parse_custom_cells(values, currency)) return problem;
  if (auto problem = check_unique(id, kInvoiceId, invoices.id, invoices.by_id,
                                  quarantined_invoices_, id_hash)) {
    return problem;
  }

  const auto row = static_cast<RowIndex>(invoices.size());
  invoices.id.push_back(id);
  invoices.customer.push_back(customer);
  invoices.number.push_back(number);
  invoices.kind.push_back(*kind);
  invoices.issue_date.push_back(*issue_date);
  invoices.due_date.push_back(*due_date);
  invoices.currency.push_back(currency);
  invoices.amount.push_back(*amount);
  invoices.balance.push_back(*balance);
  invoices.disputed.push_back(*disputed ? 1 : 0);
  invoices.dunning.push_back(*dunning ? 1 : 0);
  invoices.promise_date.push_back(promise_date);
  invoices.pdf.push_back(values[kInvoicePdf]);
  invoices.by_id.insert(invoices.id, row, id_hash);
  append_custom_cells();
  return std::nullopt;
}

}  // namespace dun
