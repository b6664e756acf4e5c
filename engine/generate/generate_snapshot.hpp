// A generated portfolio read at one date: which items the export holds that day and in what
// state, written as the four snapshot tables of data-model.md. These functions only read the
// portfolio and keep no reference to it or to the sinks.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/generate/generate_model.hpp"
#include "engine/generate/generate_sink.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::generate {

struct InvoiceState {
  bool exported = false;  // issued by then and not settled more than kSettledItemKeptDays ago
  std::int64_t balance_minor = 0;
  bool disputed = false;
  std::int32_t promise_date = kNever;  // kNever: no promise on record
};
InvoiceState invoice_state_on(const Invoice& invoice, std::int32_t day);

// An invoice whose PDF is in the snapshot, at `relative_path` ("pdf/I0000001.pdf").
struct PdfReference {
  std::size_t invoice_index;
  std::string relative_path;
};

// The id of the invoice at `index` ("I0000042"), as written in the invoices table.
std::string invoice_id(const Portfolio& portfolio, std::size_t index);
// The number printed on it ("INV-2025-0000042", a credit note "CN-2025-0000042").
std::string invoice_number(const Portfolio& portfolio, std::size_t index);

// Writes customers, contacts, collectors and the invoices exported on `day` to every sink, with
// the custom columns customers.autopay and invoices.payment_url when `custom_columns`.
// REQUIRES: `pdfs` is sorted by invoice_index; no sink is null, and no sink is in a table.
Status write_snapshot(const Portfolio& portfolio, Date day, std::span<const PdfReference> pdfs,
                      bool custom_columns, std::span<TableSink* const> sinks);

}  // namespace dun::generate
