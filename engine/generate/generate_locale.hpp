// The countries a generated customer can come from, and what is plausible in each: person and
// company names (UTF-8, with the country's accents), postal addresses laid out the local way,
// phone numbers. Every value is drawn from the caller's Rng, so names follow the seed.
//
// The CountryInfo references and their string_views point into static tables, valid for the
// whole program. The draw_* functions return owned strings and touch no state but the Rng.
#pragma once

#include <string>
#include <string_view>

#include "engine/generate/generate_random.hpp"

namespace dun::generate {

enum class Country { gb, us, fr, de, pl };

struct CountryInfo {
  std::string_view code;      // ISO 3166 alpha-2
  std::string_view language;  // the template language spoken there
  std::string_view name;      // the last line of a postal address, in the local language
};
const CountryInfo& country_info(Country country);

struct Person {
  std::string name;        // "Łukasz Wójcik"
  std::string email_user;  // "lukasz.wojcik": ASCII, for the address part of an email
};
Person draw_person(Country country, Rng& rng);

struct Company {
  std::string name;  // "Müller Logistik GmbH", may hold commas and double quotes
  std::string slug;  // "mueller-logistik": ASCII, for the company's email domain
};
// Public bodies are named after their town ("Mairie de Lyon"); others after a family and a trade.
Company draw_company(Country country, bool public_body, Rng& rng);

// Street, town and postcode on separate lines ('\n'), ending with the country's name.
std::string draw_address(Country country, Rng& rng);
std::string draw_phone(Country country, Rng& rng);

}  // namespace dun::generate
