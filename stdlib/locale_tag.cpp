#include "stdlib/locale_tag.hpp"

#include <algorithm>

namespace dun {
namespace {

bool all_in(std::string_view text, char low, char high) {
  return std::all_of(text.begin(), text.end(), [&](char c) { return c >= low && c <= high; });
}

bool is_language(std::string_view text) {
  return (text.size() == 2 || text.size() == 3) && all_in(text, 'a', 'z');
}

bool is_country(std::string_view text) { return text.size() == 2 && all_in(text, 'A', 'Z'); }

}  // namespace

std::optional<LocaleTag> parse_locale_tag(std::string_view text) {
  const std::size_t separator = text.find('_');
  const std::string_view language = text.substr(0, separator);
  if (!is_language(language)) return std::nullopt;
  if (separator == std::string_view::npos) return LocaleTag{std::string(language), {}};
  const std::string_view country = text.substr(separator + 1);
  if (!is_country(country)) return std::nullopt;
  return LocaleTag{std::string(language), std::string(country)};
}

LocaleTag document_locale(std::string_view language, std::string_view country) {
  std::string written(language);
  std::replace(written.begin(), written.end(), '-', '_');
  if (auto tag = parse_locale_tag(written)) {
    if (tag->country.empty() && is_country(country)) tag->country = std::string(country);
    return *tag;
  }
  return LocaleTag{std::string(language), {}};
}

std::vector<std::string> template_languages(const LocaleTag& customer,
                                            std::string_view default_language) {
  std::vector<std::string> order;
  const auto add = [&](std::string candidate) {
    if (candidate.empty()) return;
    if (std::find(order.begin(), order.end(), candidate) == order.end()) {
      order.push_back(std::move(candidate));
    }
  };
  if (!customer.country.empty()) add(customer.name());
  add(customer.language);
  add(std::string(default_language));
  return order;
}

}  // namespace dun
