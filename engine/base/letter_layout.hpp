// Where the parts of a printed letter go on an A4 sheet, in millimetres from the sheet's top-left
// corner. The recipient's address must sit exactly behind the window of the envelope the letter
// is posted in, so the position follows a standard (two presets) and can be moved in dun.toml
// `[letters]` for envelopes that differ (docs/letters.md).
// LetterLayout is a plain value; the functions below are pure: safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dun {

constexpr double kA4WidthMm = 210.0;
constexpr double kA4HeightMm = 297.0;

struct LetterLayout {
  std::string window = "din5008b";  // the preset the positions below started from
  // The address field behind the envelope window. Its top `mention_height_mm` hold the return
  // address line and the registered mention; the recipient's address starts below.
  double address_left_mm = 20;
  double address_top_mm = 45;
  double address_width_mm = 85;
  double address_height_mm = 45;
  double mention_height_mm = 17.7;
  double margin_left_mm = 25;   // body text
  double margin_right_mm = 20;  // body text
  bool fold_marks = true;       // short ticks on the left edge where the sheet is folded
  std::vector<double> fold_marks_mm = {105, 210};
  std::optional<double> punch_mark_mm = 148.5;  // the hole-punch centre mark
};

// "din5008b" (DIN 5008 form B, German and most of Europe) or "nf_z10_011" (France, La Poste's
// DL window envelopes); nullopt for any other name.
std::optional<LetterLayout> letter_layout_preset(std::string_view name);
// The preset names, for error messages.
std::vector<std::string_view> letter_layout_preset_names();

struct LetterLayoutProblem {
  std::string key;      // the dun.toml key at fault, e.g. "address_width_mm"
  std::string message;  // which value is wrong and what range would do
};
// Checks that the address field and margins lie on the sheet and leave room for a body.
std::optional<LetterLayoutProblem> find_letter_layout_problem(const LetterLayout& layout);

}  // namespace dun
