#include "adapters/print_options.hpp"

namespace dun::adapters {

Result<PrintOptions> read_print_options(const AdapterSettings& settings) {
  auto color = settings.boolean("color", false);
  if (!color) return color.error();
  auto duplex = settings.boolean("duplex", true);
  if (!duplex) return duplex.error();
  return PrintOptions{*color, *duplex};
}

std::string describe_print(const PrintOptions& options, const Action& action) {
  if (action.letter_type == LetterType::electronic) return "";
  std::string text = options.color ? "color" : "black and white";
  text += options.duplex ? ", duplex" : ", one side";
  if (action.postage) text += ", postage " + std::string(to_string(*action.postage));
  return text;
}

}  // namespace dun::adapters
