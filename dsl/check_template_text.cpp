// The placeholders of a template file (`{customer.name}`, `{items_list}`): each must be a value
// the renderer can fill (dsl/fields.hpp), else an error at its place in the template file.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/check_context.hpp"
#include "dsl/fields.hpp"
#include "stdlib/suggest.hpp"

namespace dun::dsl::check_detail {
namespace {

std::vector<std::string> fillable_names() {
  std::vector<std::string> names;
  for (const FieldInfo& info : all_fields()) names.push_back(field_display_name(info.id));
  for (std::string_view value : template_values()) names.emplace_back(value);
  return names;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

void check_template_placeholders(Diagnostics& diagnostics, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;  // listed a moment ago; a file that vanished is the renderer's problem
  std::ostringstream content;
  content << in.rdbuf();
  const SourceFile file(path.generic_string(), content.str());
  static const std::vector<std::string> names = fillable_names();
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  const std::string_view text = file.text();
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    const std::size_t close = text.find_first_of("{}\n", open + 1);
    if (close == std::string_view::npos || text[close] != '}') {
      diagnostics.error(file, file.position_at(open),
                        "'{' without '}' on the same line of the template");
      continue;
    }
    const std::string_view name = trimmed(text.substr(open + 1, close - open - 1));
    bool known = false;
    for (std::string_view candidate : candidates) known = known || candidate == name;
    if (known) continue;
    std::string message = "the template cannot fill '{" + std::string(name) + "}'";
    if (auto close_name = closest_match(name, candidates)) {
      message += "; did you mean '{" + *close_name + "}'?";
    }
    diagnostics.error(file, file.position_at(open + 1), std::move(message));
  }
}

}  // namespace dun::dsl::check_detail
