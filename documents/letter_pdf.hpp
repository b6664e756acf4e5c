// Printed letters: a rendered document (documents/document.hpp) laid out as an A4
// business letter with pango on a cairo PDF surface — letterhead and logo, the recipient's
// address behind the envelope window (engine/base/letter_layout.hpp), place and date, subject,
// body, the items table paginated with its header repeated, signature, footer with the page
// number and the company's legal line. Fonts (DejaVu Sans, Noto Sans CJK for Chinese, Japanese
// and Korean) are embedded as subsets. See docs/letters.md.
// Many letters become one PDF for duplex printing with documents/pdf_batch.hpp.
//
// Deterministic: the same input gives the same bytes (the PDF's dates are fixed, not the clock),
// with the same cairo, pango and fonts. Calls share no state of dun's, but rendering from several
// threads at once is untested (cairo's and fontconfig's global caches): render from one thread.
// The returned bytes are the caller's; the logo file is read during the call and not kept.
#pragma once

#include <string>
#include <string_view>

#include "documents/document.hpp"
#include "engine/base/letter_layout.hpp"
#include "stdlib/result.hpp"

namespace dun {

// The creation and modification date written into every letter PDF, so renders are reproducible.
inline constexpr const char* kLetterPdfDate = "2000-01-01T00:00:00Z";

// One letter's PDF bytes, set in document.locale's fonts (letter_font_family). Errors: text that
// is not UTF-8, a character no installed font can draw, a table row wider than its header, an
// unreadable or non-PNG logo.
Result<std::string> render_letter_pdf(const RenderedDocument& document, const LetterInfo& info,
                                      const LetterLayout& layout = {});

// The pango family list of a letter in `locale` ("ja_JP", "zh_TW", "fr"): DejaVu Sans, then the
// Noto Sans CJK variant whose glyph forms the locale reads (JP, KR, TC, HK, else SC), chosen by
// the language, else by the country (a Japanese name in an English letter to Japan).
std::string letter_font_family(std::string_view locale);

}  // namespace dun
