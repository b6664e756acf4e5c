// The few words dun itself writes into a document, per language: the items table's column
// titles and totals, a registered letter's mention, and how a letter's place and date read.
// Languages without their own words get the English ones (docs/templates.md).
//
// The labels are constant tables of the program: the reference returned, and the string_views in
// it, are valid for the whole run, and reading them from several threads is safe.
#pragma once

#include <array>
#include <string_view>

namespace dun {

struct DocumentLabels {
  // number, issue date, due date, amount, balance, days overdue
  std::array<std::string_view, 6> item_headers;
  std::string_view total;           // Σ balance of the items (credit notes deducted)
  std::string_view total_overdue;   // Σ balance of the overdue invoices
  std::string_view registered;      // mention on a registered letter
  std::string_view electronic;      // mention on an electronic registered letter
  std::string_view place_and_date;  // "{place}, le {date}": both replaced by the renderer
};

// The labels of `locale`'s language ("fr" for fr_BE).
const DocumentLabels& document_labels(std::string_view locale);

}  // namespace dun
