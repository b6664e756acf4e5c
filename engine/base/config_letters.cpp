#include "engine/base/config_letters.hpp"

#include <algorithm>
#include <array>
#include <fstream>

#include "stdlib/suggest.hpp"

namespace dun {
namespace {

constexpr std::array<std::string_view, 11> kLettersKeys = {
    "window",           "address_left_mm",   "address_top_mm",
    "address_width_mm", "address_height_mm", "mention_height_mm",
    "margin_left_mm",   "margin_right_mm",   "fold_marks",
    "fold_marks_mm",    "punch_mark"};

std::optional<double> number(const toml::node& node) {
  if (node.is_floating_point() || node.is_integer()) return node.value<double>();
  return std::nullopt;
}

ConfigProblem not_a_number(const toml::node& node, std::string_view key) {
  return {node.source(), "[letters] " + std::string(key) + " must be a number of millimetres"};
}

}  // namespace

std::optional<ConfigProblem> read_letters_config(const toml::table& table, LetterLayout& layout) {
  for (const auto& [key, node] : table) {
    if (std::find(kLettersKeys.begin(), kLettersKeys.end(), key.str()) != kLettersKeys.end())
      continue;
    std::string message = "unknown key '" + std::string(key.str()) + "' in [letters]";
    if (auto close = closest_match(key.str(), kLettersKeys))
      message += "; did you mean '" + *close + "'?";
    return ConfigProblem{key.source(), message};
  }
  // The preset first, so explicit offsets apply on top of it whatever their order in the file.
  if (const toml::node* window = table.get("window")) {
    const auto name = window->value<std::string>();
    const auto preset = name ? letter_layout_preset(*name) : std::nullopt;
    if (!preset) {
      std::string message = "[letters] window must be ";
      for (std::string_view preset_name : letter_layout_preset_names())
        message += "\"" + std::string(preset_name) + "\" or ";
      message.resize(message.size() - 4);
      message += " (then move the address field with address_left_mm and address_top_mm)";
      return ConfigProblem{window->source(), message};
    }
    layout = *preset;
  }
  const std::pair<std::string_view, double*> lengths[] = {
      {"address_left_mm", &layout.address_left_mm},
      {"address_top_mm", &layout.address_top_mm},
      {"address_width_mm", &layout.address_width_mm},
      {"address_height_mm", &layout.address_height_mm},
      {"mention_height_mm", &layout.mention_height_mm},
      {"margin_left_mm", &layout.margin_left_mm},
      {"margin_right_mm", &layout.margin_right_mm}};
  for (const auto& [key, target] : lengths) {
    const toml::node* node = table.get(key);
    if (node == nullptr) continue;
    auto value = number(*node);
    if (!value) return not_a_number(*node, key);
    *target = *value;
  }
  for (std::string_view key : {"fold_marks", "punch_mark"}) {
    const toml::node* node = table.get(key);
    if (node == nullptr) continue;
    if (!node->is_boolean())
      return ConfigProblem{node->source(),
                           "[letters] " + std::string(key) + " must be true or false"};
    const bool on = *node->value<bool>();
    if (key == "fold_marks") {
      layout.fold_marks = on;
    } else if (!on) {
      layout.punch_mark_mm.reset();
    } else if (!layout.punch_mark_mm) {
      layout.punch_mark_mm = kA4HeightMm / 2;
    }
  }
  if (const toml::node* node = table.get("fold_marks_mm")) {
    const toml::array* marks = node->as_array();
    if (marks == nullptr)
      return ConfigProblem{node->source(),
                           "[letters] fold_marks_mm must be a list of millimetres like [105, 210]"};
    layout.fold_marks_mm.clear();
    for (const toml::node& mark : *marks) {
      auto value = number(mark);
      if (!value) return not_a_number(mark, "fold_marks_mm");
      layout.fold_marks_mm.push_back(*value);
    }
  }
  if (auto problem = find_letter_layout_problem(layout)) {
    const toml::node* node = table.get(problem->key);
    return ConfigProblem{node != nullptr ? node->source() : table.source(),
                         "[letters] " + problem->message};
  }
  return std::nullopt;
}

std::optional<std::string> logo_path_problem(const std::filesystem::path& config_file,
                                             const std::string& written) {
  if (written.empty()) {
    return "logo is empty: give a PNG (e.g. logo = \"assets/logo.png\") or remove the line for "
           "a letterhead without a logo";
  }
  const std::filesystem::path path(written);
  const std::filesystem::path folder = config_file.parent_path();
  if (path.is_relative()) {
    // Lexically: the check must not depend on what the file system holds today.
    const std::filesystem::path inside = path.lexically_normal();
    if (inside.empty() || *inside.begin() == "..")
      return "logo '" + written +
             "' leaves the folder of the config file: put the PNG in that folder (e.g. "
             "assets/logo.png)";
  }
  const std::filesystem::path resolved =
      path.is_absolute() || folder.empty() ? path : (folder / path).lexically_normal();
  std::ifstream file(resolved, std::ios::binary);
  char signature[8] = {};
  if (!file || !file.read(signature, sizeof signature))
    return "logo '" + resolved.string() + "' cannot be read: check the path and its permissions";
  constexpr char kPngSignature[8] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};
  if (!std::equal(std::begin(signature), std::end(signature), std::begin(kPngSignature)))
    return "logo '" + resolved.string() + "' is not a PNG image: convert it to PNG";
  return std::nullopt;
}

}  // namespace dun
