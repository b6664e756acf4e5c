#include "documents/enclosed_pdf.hpp"

#include <cmath>
#include <cstdio>

#include "documents/pdf_batch.hpp"

namespace dun {
namespace {

// ISO 216 A4 in points, and how far a page may be off it (exporters round to whole points or
// millimetres).
constexpr double kA4Width = 595.28;
constexpr double kA4Height = 841.89;
constexpr double kTolerance = 3.0;

std::string points(double width, double height) {
  char text[64];
  std::snprintf(text, sizeof text, "%.0f × %.0f pt (%.0f × %.0f mm)", width, height,
                width * 25.4 / 72, height * 25.4 / 72);
  return text;
}

}  // namespace

Status check_enclosed_pdf(const std::string& pdf, std::string_view name) {
  const std::string what(name);
  auto sizes = pdf_page_sizes(pdf);
  if (!sizes) {
    return Error{what + " is " + sizes.error().message +
                 ": give a PDF file (export it again, without a password)"};
  }
  if (sizes->empty()) return Error{what + " has no page: there is nothing to print"};
  if (sizes->size() > static_cast<std::size_t>(kMaxEnclosedPages)) {
    return Error{what + " has " + std::to_string(sizes->size()) +
                 " pages: a letter holds at most " + std::to_string(kMaxEnclosedPages) +
                 " (split it into several letters)"};
  }
  for (std::size_t k = 0; k < sizes->size(); ++k) {
    const PageSize& page = (*sizes)[k];
    const bool a4 = std::fabs(page.width - kA4Width) <= kTolerance &&
                    std::fabs(page.height - kA4Height) <= kTolerance;
    if (a4) continue;
    const bool landscape = std::fabs(page.width - kA4Height) <= kTolerance &&
                           std::fabs(page.height - kA4Width) <= kTolerance;
    return Error{what + ": page " + std::to_string(k + 1) + " is " +
                 points(page.width, page.height) + (landscape ? ", A4 landscape" : "") +
                 ", not A4 portrait (595 × 842 pt): dun cannot place it behind the address page "
                 "of a window envelope; export the document as A4 portrait"};
  }
  return Status::Ok();
}

Result<std::string> letter_with_enclosure(const std::string& cover, const std::string& enclosure,
                                          std::string_view name) {
  return concatenate_pdfs({cover, enclosure}, {"the address page", std::string(name)});
}

}  // namespace dun
