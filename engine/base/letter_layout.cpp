#include "engine/base/letter_layout.hpp"

namespace dun {
namespace {

// DIN 5008:2020 form B: a 45 mm letterhead, then the 85 x 45 mm address field 20 mm from the
// left edge, whose first 17.7 mm (five lines) are the "Zusatz- und Vermerkzone" for the return
// address and mentions such as "Einschreiben". The sheet folds at 105 and 210 mm (DIN lang).
LetterLayout din5008b() { return LetterLayout{}; }

// NF Z10-011 as La Poste's window envelopes (DL 110 x 220, window 45 x 100 on the right) expect
// it: the address block 100 mm from the left edge and 50 mm from the top, on a sheet folded in
// three (99 and 198 mm). French practice puts no punch mark.
LetterLayout nf_z10_011() {
  LetterLayout layout;
  layout.window = "nf_z10_011";
  layout.address_left_mm = 100;
  layout.address_top_mm = 50;
  layout.address_width_mm = 90;
  layout.address_height_mm = 40;
  layout.mention_height_mm = 10;
  layout.margin_left_mm = 20;
  layout.margin_right_mm = 20;
  layout.fold_marks_mm = {99, 198};
  layout.punch_mark_mm.reset();
  return layout;
}

std::string millimetres(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + " mm";
}

}  // namespace

std::optional<LetterLayout> letter_layout_preset(std::string_view name) {
  if (name == "din5008b") return din5008b();
  if (name == "nf_z10_011") return nf_z10_011();
  return std::nullopt;
}

std::vector<std::string_view> letter_layout_preset_names() { return {"din5008b", "nf_z10_011"}; }

std::optional<LetterLayoutProblem> find_letter_layout_problem(const LetterLayout& layout) {
  const auto outside = [](std::string_view what, double value, double low, double high) {
    return LetterLayoutProblem{std::string(what), std::string(what) + " = " + millimetres(value) +
                                                      " does not fit an A4 letter: use " +
                                                      millimetres(low) + " to " +
                                                      millimetres(high)};
  };
  if (layout.address_left_mm < 0 || layout.address_left_mm > kA4WidthMm - 40)
    return outside("address_left_mm", layout.address_left_mm, 0, kA4WidthMm - 40);
  if (layout.address_top_mm < 0 || layout.address_top_mm > 150)
    return outside("address_top_mm", layout.address_top_mm, 0, 150);
  const double room = kA4WidthMm - layout.address_left_mm;
  if (layout.address_width_mm < 40 || layout.address_width_mm > room)
    return outside("address_width_mm", layout.address_width_mm, 40, room);
  if (layout.address_height_mm < 20 || layout.address_height_mm > 80)
    return outside("address_height_mm", layout.address_height_mm, 20, 80);
  if (layout.mention_height_mm < 0 || layout.mention_height_mm > layout.address_height_mm - 15)
    return LetterLayoutProblem{"mention_height_mm",
                               "mention_height_mm = " + millimetres(layout.mention_height_mm) +
                                   " leaves less than 15 mm for the recipient's address in a " +
                                   millimetres(layout.address_height_mm) + " field"};
  if (layout.margin_left_mm < 5 || layout.margin_right_mm < 5 ||
      layout.margin_left_mm + layout.margin_right_mm > kA4WidthMm - 100)
    return LetterLayoutProblem{
        layout.margin_left_mm < 5 ? "margin_left_mm" : "margin_right_mm",
        "margin_left_mm and margin_right_mm must each be at least 5 mm and leave 100 mm of text "
        "width (they are " +
            millimetres(layout.margin_left_mm) + " and " + millimetres(layout.margin_right_mm) +
            ")"};
  for (double fold : layout.fold_marks_mm) {
    if (fold <= 0 || fold >= kA4HeightMm) return outside("fold_marks_mm", fold, 1, kA4HeightMm - 1);
  }
  return std::nullopt;
}

}  // namespace dun
