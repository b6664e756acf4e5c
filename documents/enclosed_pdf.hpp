// A letter whose content is a PDF the user gives (`dun send --pdf FILE`, docs/delivery.md): dun
// puts its own address page first — the cover letter rendered from the template or body file,
// whose first page carries the recipient's address where the envelope window shows it — and the
// given PDF's pages after it, unchanged. A PDF that cannot be placed so is refused, saying why:
// not a readable PDF, no page, more pages than a letter may have, or a page that is not A4
// portrait (a window envelope and the providers' printers take A4 sheets).
//
// Pure functions over byte strings (QPDF, documents/pdf_batch.hpp): safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

// The most pages a given PDF may have: a letter of more sheets does not fit a C4 envelope.
inline constexpr int kMaxEnclosedPages = 50;

// Checks that `pdf` (named `name` in messages, e.g. the file's path) can follow an address page.
Status check_enclosed_pdf(const std::string& pdf, std::string_view name);

// The cover letter's pages, then the enclosure's: the document a provider prints. REQUIRES:
// check_enclosed_pdf(enclosure) passed.
Result<std::string> letter_with_enclosure(const std::string& cover, const std::string& enclosure,
                                          std::string_view name);

}  // namespace dun
