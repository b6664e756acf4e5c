// PDF work for the letter outbox, done with QPDF (libqpdf): counting a letter's pages and merging
// the letters of a delivery pass into one batch PDF for duplex printing, each letter starting on
// an odd page (a blank page of the same size follows a letter with an odd page count), so that
// no sheet carries two customers' letters. The letters are copied page by page, not re-rendered:
// the batch prints exactly the PDFs in the outbox.
#pragma once

#include <string>
#include <vector>

#include "stdlib/result.hpp"

namespace dun::adapters {

// The number of pages of a PDF. Fails, saying why, when the bytes are not a readable PDF.
Result<int> pdf_page_count(const std::string& pdf);

// One PDF with every letter in order, each starting on an odd page. `names` (same size as
// `letters`) name the letters in errors. The output is deterministic (its /ID is derived from
// the content).
Result<std::string> merge_for_duplex(const std::vector<std::string>& letters,
                                     const std::vector<std::string>& names);

}  // namespace dun::adapters
