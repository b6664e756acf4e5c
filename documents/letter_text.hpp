// Text for letters, set with pango on a cairo PDF surface: real line breaking, kerning and UTF-8
// shaping, where cairo's toy API (engine/generate/generate_pdf.cpp) only places glyphs. Lengths are
// in PDF points (1/72 inch); pango's units are converted here and nowhere else. Internal to letters
// (documents/letter_pdf.cpp).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dun::letter {

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// One size and weight of the letter's family: DejaVu Sans, falling back to Noto Sans CJK for
// Han, kana and hangul (letter_font_family); the PDF embeds the subsets it uses.
struct Font {
  double size_pt;
  bool bold = false;
  double line_spacing = 1.0;  // factor on the font's own line height
};

enum class Align { left, right, justify };

// Owns the pango context of one cairo context, the font descriptions it has made and the shared
// layouts. REQUIRES: `cr` outlives the setter. Not thread-safe; one per render.
class TextSetter {
 public:
  // `locale` chooses the CJK fallback font (documents/letter_pdf.hpp letter_font_family).
  explicit TextSetter(cairo_t* cr, std::string_view locale = {});
  ~TextSetter();
  TextSetter(const TextSetter&) = delete;
  TextSetter& operator=(const TextSetter&) = delete;

  // `text` laid out in `width_pt` (0: unbounded, one line per '\n').
  LayoutPtr layout(std::string_view text, const Font& font, double width_pt = 0,
                   Align align = Align::left);
  // The same, owned by the setter and shared by every place of the letter that sets the same
  // text the same way (the company's lines on every page): shaping is most of a letter's cost.
  // Never change a shared layout; it lives as long as the setter.
  PangoLayout* shared_layout(std::string_view text, const Font& font, double width_pt = 0,
                             Align align = Align::left);
  // `markup` (pango markup: <b>, <i>, <tt>, <span …>) laid out like layout() lays out text; the
  // caller escapes every text it puts in (pango_markup.hpp). Bad markup sets it as plain text.
  LayoutPtr markup_layout(std::string_view markup, const Font& font, double width_pt = 0,
                          Align align = Align::left);
  // Rewraps an existing layout to a new width.
  static void set_width(PangoLayout* layout, double width_pt, Align align);

  static double width(PangoLayout* layout);   // logical extent
  static double height(PangoLayout* layout);  // logical extent
  // Draws the whole layout with its top-left corner at (x, y).
  void draw(PangoLayout* layout, double x, double y) const;
  // Draws one line of a layout; `top` is where the layout's top would be.
  void draw_line(PangoLayout* layout, int line, double x, double top) const;
  // How many characters of the layouts made so far no installed font has (drawn as empty boxes).
  int unknown_glyphs() const { return unknown_glyphs_; }

 private:
  const PangoFontDescription* description(const Font& font);

  cairo_t* cr_;
  PangoContext* context_;
  std::string family_;
  int unknown_glyphs_ = 0;
  std::map<std::pair<double, bool>, PangoFontDescription*> descriptions_;
  std::unordered_map<std::string, LayoutPtr> shared_;
};

// The top and height, in points, of each line of `layout` (for splitting a paragraph across pages).
struct LineBox {
  double top;
  double height;
};
std::vector<LineBox> line_boxes(PangoLayout* layout);

constexpr double points(double millimetres) { return millimetres * 72.0 / 25.4; }

}  // namespace dun::letter
