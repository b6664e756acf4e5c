// Printed letters (issue 7 item 5): a rendered document (documents/document.hpp) laid out as an A4
// business letter with pango on a cairo PDF surface — letterhead and logo, the recipient's
// address behind the envelope window (engine/base/letter_layout.hpp), place and date, subject,
// body, the items table paginated with its header repeated, signature, footer with "page / pages"
// and the company's legal line. Fonts (DejaVu Sans) are embedded as subsets. See docs/letters.md.
//
// Deterministic: the same input gives the same bytes (the PDF's dates are fixed, not the clock),
// with the same cairo, pango and fonts. Calls share no state of dun's, but rendering from several
// threads at once is untested (cairo's and fontconfig's global caches): render from one thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "documents/document.hpp"
#include "engine/base/letter_layout.hpp"
#include "stdlib/result.hpp"

namespace dun {

// The creation and modification date written into every letter PDF, so renders are reproducible.
inline constexpr const char* kLetterPdfDate = "2000-01-01T00:00:00Z";

// One letter's PDF bytes. Errors: text that is not UTF-8, a table row wider than its header, an
// unreadable or non-PNG logo.
Result<std::string> render_letter_pdf(const RenderedDocument& document, const LetterInfo& info,
                                      const LetterLayout& layout = {});

// Many letters in one PDF for printing: each letter starts on an odd page (a blank page is put
// after a letter with an odd page count), so duplex printing never puts two customers' letters
// on one sheet. Each letter keeps its own "page / pages". Errors name the letter (1-based).
Result<std::string> render_letter_batch(
    const std::vector<std::pair<RenderedDocument, LetterInfo>>& letters,
    const LetterLayout& layout = {});

}  // namespace dun
