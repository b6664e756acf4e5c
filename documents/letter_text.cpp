#include "documents/letter_text.hpp"

#include <vector>

#include "documents/letter_pdf.hpp"
#include "stdlib/locale_tag.hpp"

namespace dun::letter {
namespace {

int pango_units(double pt) { return static_cast<int>(pt * PANGO_SCALE + 0.5); }
double from_pango(int units) { return static_cast<double>(units) / PANGO_SCALE; }

PangoAlignment pango_alignment(Align align) {
  return align == Align::right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

}  // namespace

TextSetter::TextSetter(cairo_t* cr, std::string_view locale)
    : cr_(cr), context_(pango_cairo_create_context(cr)), family_(letter_font_family(locale)) {
  // One pango unit per PDF point, and glyph positions that do not snap to a screen's pixels: the
  // layout must be the same whatever the output resolution.
  pango_cairo_context_set_resolution(context_, 72.0);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context_, FALSE);
}

TextSetter::~TextSetter() {
  for (auto& [key, description] : descriptions_) pango_font_description_free(description);
  g_object_unref(context_);
}

const PangoFontDescription* TextSetter::description(const Font& font) {
  PangoFontDescription*& description = descriptions_[{font.size_pt, font.bold}];
  if (description == nullptr) {
    description = pango_font_description_new();
    pango_font_description_set_family(description, family_.c_str());
    pango_font_description_set_weight(description,
                                      font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(description, pango_units(font.size_pt));
  }
  return description;
}

LayoutPtr TextSetter::layout(std::string_view text, const Font& font, double width_pt,
                             Align align) {
  LayoutPtr layout(pango_layout_new(context_));
  pango_layout_set_font_description(layout.get(), description(font));
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  if (font.line_spacing != 1.0)
    pango_layout_set_line_spacing(layout.get(), static_cast<float>(font.line_spacing));
  set_width(layout.get(), width_pt, align);
  unknown_glyphs_ += pango_layout_get_unknown_glyphs_count(layout.get());
  return layout;
}

LayoutPtr TextSetter::markup_layout(std::string_view markup, const Font& font, double width_pt,
                                    Align align) {
  LayoutPtr made = layout("", font, width_pt, align);
  // pango_layout_set_markup reports bad markup on stderr only: it is parsed first, and a text
  // that is not markup is set as it reads.
  if (pango_parse_markup(markup.data(), static_cast<int>(markup.size()), 0, nullptr, nullptr,
                         nullptr, nullptr)) {
    pango_layout_set_markup(made.get(), markup.data(), static_cast<int>(markup.size()));
  } else {
    pango_layout_set_text(made.get(), markup.data(), static_cast<int>(markup.size()));
  }
  return made;
}

PangoLayout* TextSetter::shared_layout(std::string_view text, const Font& font, double width_pt,
                                       Align align) {
  std::string key(text);
  key += '\0';
  for (double number : {font.size_pt, font.line_spacing, width_pt}) key += std::to_string(number);
  key += font.bold ? 'b' : 'r';
  key += static_cast<char>('0' + static_cast<int>(align));
  LayoutPtr& layout = shared_[key];
  if (!layout) layout = this->layout(text, font, width_pt, align);
  return layout.get();
}

void TextSetter::set_width(PangoLayout* layout, double width_pt, Align align) {
  pango_layout_set_width(layout, width_pt > 0 ? pango_units(width_pt) : -1);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, pango_alignment(align));
  pango_layout_set_justify(layout, align == Align::justify);
}

double TextSetter::width(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return from_pango(logical.x + logical.width);
}

double TextSetter::height(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return from_pango(logical.height);
}

void TextSetter::draw(PangoLayout* layout, double x, double y) const {
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
}

void TextSetter::draw_line(PangoLayout* layout, int line, double x, double top) const {
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  for (int i = 0; i < line; ++i) pango_layout_iter_next_line(iter);
  PangoRectangle logical;
  pango_layout_iter_get_line_extents(iter, nullptr, &logical);
  const int baseline = pango_layout_iter_get_baseline(iter);
  cairo_move_to(cr_, x + from_pango(logical.x), top + from_pango(baseline));
  pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
  pango_layout_iter_free(iter);
}

std::vector<LineBox> line_boxes(PangoLayout* layout) {
  std::vector<LineBox> boxes;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    int top = 0, bottom = 0;
    pango_layout_iter_get_line_yrange(iter, &top, &bottom);
    boxes.push_back({from_pango(top), from_pango(bottom - top)});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return boxes;
}

}  // namespace dun::letter

namespace dun {

std::string letter_font_family(std::string_view locale) {
  const LocaleTag tag = document_locale(locale, {});
  const auto variant = [](std::string_view country) -> std::string_view {
    if (country == "JP") return "JP";
    if (country == "KR") return "KR";
    if (country == "TW" || country == "MO") return "TC";
    if (country == "HK") return "HK";
    return {};
  };
  std::string_view cjk = variant(tag.country);
  if (tag.language == "ja") cjk = "JP";
  if (tag.language == "ko") cjk = "KR";
  if (tag.language == "zh" && cjk != "TC" && cjk != "HK") cjk = "SC";
  if (cjk.empty()) cjk = "SC";
  return "DejaVu Sans,Noto Sans CJK " + std::string(cjk);
}

}  // namespace dun
