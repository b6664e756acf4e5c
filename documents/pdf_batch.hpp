// PDF work on finished letters, done with QPDF (libqpdf): counting a letter's pages, and merging
// letters into one batch PDF for duplex printing, each letter starting on an odd page (a blank
// page of the same size follows a letter with an odd page count), so that no sheet carries two
// customers' letters. The letters are copied page by page, not re-rendered: the batch prints
// exactly the PDFs given (the letter outbox's, documents/letter_pdf.hpp's). This is the one
// duplex batcher of dun.
//
// Pure functions over byte strings: nothing is kept between calls, and calls from several threads
// at once are safe (each works on its own QPDF objects).
#pragma once

#include <string>
#include <vector>

#include "stdlib/result.hpp"

namespace dun {

// The number of pages of a PDF. Fails, saying why, when the bytes are not a readable PDF.
Result<int> pdf_page_count(const std::string& pdf);

// A page's printed size in points (1/72 inch), its /Rotate applied: a landscape page of an A4
// portrait sheet rotated by 90° reads 595 × 842.
struct PageSize {
  double width = 0;
  double height = 0;
};
// The size of every page, in order. Fails, saying why, when the bytes are not a readable PDF.
Result<std::vector<PageSize>> pdf_page_sizes(const std::string& pdf);

// The pages of every PDF, in order, as one PDF (no blank page added). `names` as for
// merge_for_duplex. Deterministic, like it.
Result<std::string> concatenate_pdfs(const std::vector<std::string>& pdfs,
                                     const std::vector<std::string>& names);

// One PDF with every letter in order, each starting on an odd page. `names` name the letters in
// errors (letter i without a name is "letter i+1"). Fails when there is no letter, or naming the
// first letter that is not a readable PDF or has no page. The output is deterministic (its /ID
// derives from the content).
Result<std::string> merge_for_duplex(const std::vector<std::string>& letters,
                                     const std::vector<std::string>& names);

}  // namespace dun
