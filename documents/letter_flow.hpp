// Page breaking for letters: the body is a sequence of boxes (a paragraph's lines, a table's
// rows, the signature) that flows down the pages' text area. Kept simple on purpose — no
// floating, no columns — but with what a reader notices: no paragraph's first or last line alone
// on a page, a table's header repeated above its rows on every page, totals kept together.
// Internal to letters (documents/letter_pdf.cpp).
//
// paginate() is a pure function of the boxes' sizes: it never calls `draw`. A FlowBox's `draw`
// typically captures the LetterCanvas and the pango layouts it draws, which must outlive the box.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace dun::letter {

struct FlowBox {
  double height = 0;
  double space_before = 0;      // dropped when the box starts a page
  bool keep_with_next = false;  // break before this box rather than between it and the next
  // A box to repeat above this one when it starts a page (a table header); -1: none.
  int repeat_header = -1;
  std::function<void(double top)> draw;
};

struct FlowArea {
  double first_top;  // where the body starts on the first page
  double next_top;   // ... on the following pages
  double bottom;     // where the text area ends on every page
};

struct PlacedBox {
  std::size_t box;
  double top;
};
using FlowPage = std::vector<PlacedBox>;

// At least one page. A box taller than a whole page is placed at a page's top and overflows.
std::vector<FlowPage> paginate(const std::vector<FlowBox>& boxes, const FlowArea& area);

}  // namespace dun::letter
