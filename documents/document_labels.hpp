// The few words dun itself writes into a document, per locale: the items table's column titles
// and totals, a registered or electronic letter's mention, how a letter's place and date read,
// the customer reference and the page numbers of a letter. Sixteen languages (docs/templates.md):
// en, fr, de, pl, es, it, nl, pt, pt_BR, ro, sv, tr, hr, zh, ja, ko; a locale is looked up as
// itself (pt_BR), then as its language (pt), then English.
//
// The labels are constant tables of the program: the reference returned, and the string_views in
// it, are valid for the whole run, and reading them from several threads is safe.
#pragma once

#include <array>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace dun {

struct DocumentLabels {
  std::string_view locale;  // the table's own: "en", "pt_BR"
  // number, issue date, due date, amount, balance, days overdue
  std::array<std::string_view, 6> item_headers;
  std::string_view total;           // Σ balance of the items (credit notes deducted)
  std::string_view total_overdue;   // Σ balance of the overdue invoices
  std::string_view registered;      // mention on a registered letter
  std::string_view electronic;      // mention on an electronic registered letter
  std::string_view place_and_date;  // "{place}, le {date}": both replaced; {place} may be absent
  std::string_view reference;       // "Customer no. {reference}": the customer's id
  std::string_view page;            // "Page {page} of {pages}"
};

// The labels of `locale` ("pt_BR", "fr_BE", "fr"): its own table, else its language's, else
// English.
const DocumentLabels& document_labels(std::string_view locale);

// Every table, English first: for tests and docs.
std::span<const DocumentLabels> all_document_labels();

// `pattern` with each `{name}` replaced by its value (a name the pattern lacks is skipped).
std::string fill_label(std::string_view pattern,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace dun
