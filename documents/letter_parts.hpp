// The pieces documents/letter_pdf.cpp assembles into a letter: the body as flow boxes
// (letter_body.cpp) and the page furniture around it (letter_page.cpp). Internal to letters.
//
// A LetterCanvas borrows the cairo context and the TextSetter (both must outlive it and every
// FlowBox made from it) and owns the pango layouts it keeps for the boxes. One letter, one
// thread: nothing here is thread-safe.
#pragma once

#include <cairo.h>

#include <optional>
#include <string>
#include <vector>

#include "documents/document.hpp"
#include "documents/letter_flow.hpp"
#include "documents/letter_text.hpp"
#include "engine/base/letter_layout.hpp"

namespace dun::letter {

constexpr double kPageWidth = points(kA4WidthMm);
constexpr double kPageHeight = points(kA4HeightMm);

// The typographic scale of a letter, in one place so the hierarchy stays consistent.
namespace fonts {
constexpr Font kBody{10, false, 1.15};
constexpr Font kSubject{11, true};
constexpr Font kRecipient{10.5, false};
constexpr Font kTable{8.5, false};
constexpr Font kTableHeader{8.5, true};
constexpr Font kTotal{9, true};
constexpr Font kCompanyName{10, true};
constexpr Font kWordmark{17, true};
constexpr Font kSmall{8, false};
constexpr Font kMention{8, true};
constexpr Font kTiny{6.5, false};
}  // namespace fonts

namespace ink {
constexpr double kText = 0.10;   // grey levels: near-black body text
constexpr double kMuted = 0.38;  // secondary text (contact block, footer)
constexpr double kRule = 0.55;
constexpr double kHeaderFill = 0.90;
constexpr double kZebraFill = 0.965;
struct Colour {
  double red, green, blue;
};
constexpr Colour kAccent{0.11, 0.23, 0.42};  // the company's name and the table's header rule
}  // namespace ink

// What drawing a letter needs: the cairo context, its text setter, the sheet geometry.
struct LetterCanvas {
  cairo_t* cr;
  TextSetter& text;
  const LetterLayout& layout;
  double left;  // text area, in points
  double right;
  std::vector<LayoutPtr> layouts;  // alive until the letter is drawn

  double text_width() const { return right - left; }
  PangoLayout* keep(LayoutPtr made) {
    layouts.push_back(std::move(made));
    return layouts.back().get();
  }
  void grey(double level) const { cairo_set_source_rgb(cr, level, level, level); }
  void colour(ink::Colour colour) const {
    cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue);
  }
};

// The subject, the body blocks and the signature, as boxes for the paginator.
std::vector<FlowBox> body_boxes(LetterCanvas& canvas, const RenderedDocument& document,
                                const LetterInfo& info);

// The text area of the pages: below the address field on the first, the running head after.
FlowArea flow_area(const LetterLayout& layout);

// What is wrong when the recipient's address does not fit the window (it would be hidden by the
// envelope), or nullopt.
std::optional<std::string> address_overflow(LetterCanvas& canvas, const LetterInfo& info);

// Draws what surrounds the body on page `page` (1-based) of `pages`. `logo` may be null.
void draw_page_furniture(LetterCanvas& canvas, const LetterInfo& info, cairo_surface_t* logo,
                         int page, int pages);

}  // namespace dun::letter
