// A one-page invoice PDF drawn with cairo, so snapshots carry real attachments for the email and
// letter adapters. The page is labelled in the customer's language.
//
// InvoiceDocument is a view: its string_views must outlive the call to render_invoice_pdf, which
// keeps none of them and returns the PDF's bytes as an owned string.
#pragma once

#include <string>
#include <string_view>

#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun::generate {

struct InvoiceDocument {
  std::string_view language;  // en, fr, de or pl; anything else prints in English
  bool credit_note = false;
  std::string_view number;
  std::string_view customer_name;
  std::string_view customer_address;  // lines separated by '\n'
  Date issue_date;
  Date due_date;
  std::string_view amount;    // "1234.50"
  std::string_view currency;  // "EUR"
};

// The PDF's bytes. The document's creation date is `issue_date` (not the clock), so the same
// document gives the same bytes with the same cairo and fonts.
Result<std::string> render_invoice_pdf(const InvoiceDocument& document);

// Frees the font caches cairo and fontconfig keep for the life of the process (leak checkers
// report them). Only when nothing draws with cairo any more, e.g. at the end of a program.
void release_pdf_font_caches();

}  // namespace dun::generate
