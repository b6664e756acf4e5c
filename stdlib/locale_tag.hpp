// A locale as dun writes it: a language, optionally with a country — `fr`, `fr_BE`, `pt_BR`
// (ISO 639-1 lowercase, an underscore, ISO 3166 alpha-2 uppercase). It names template files
// (`NAME.fr_BE.txt`, docs/templates.md) and the ICU locale of a document: the customer's language
// with the customer's country.
//
// Plain values, no state: safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dun {

struct LocaleTag {
  std::string language;  // "fr"
  std::string country;   // "BE", or empty

  // "fr_BE", or "fr" without a country.
  std::string name() const { return country.empty() ? language : language + "_" + country; }
};

// `en` or `en_GB` (a 2- or 3-letter lowercase language, a 2-letter uppercase country); nullopt
// for anything else (`EN`, `en_gb`, `en-GB`, `english`).
std::optional<LocaleTag> parse_locale_tag(std::string_view text);

// The locale of a document written in `language` (a language or a tag with its own country,
// `pt_BR` or BCP 47's `pt-BR`) for a customer in `country`: `en` + `GB` gives en_GB, `pt_BR`
// keeps BR. A country that is not two uppercase letters is left out (`en` + `` gives en).
LocaleTag document_locale(std::string_view language, std::string_view country);

// The template files to try for a customer, most specific first: `fr_BE`, `fr`, then the
// default language (duplicates removed): docs/templates.md, the lookup order.
std::vector<std::string> template_languages(const LocaleTag& customer,
                                            std::string_view default_language);

}  // namespace dun
