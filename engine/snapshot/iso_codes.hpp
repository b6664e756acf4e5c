// The code lists a snapshot's customers are checked against: ISO 3166-1 alpha-2 countries
// ("FR", upper case) and ISO 639-1 languages ("fr", lower case) — the exact case is required.
// Static tables: safe from any number of threads.
#pragma once

#include <string_view>

namespace dun {

bool is_country_code(std::string_view code);
bool is_language_code(std::string_view code);

}  // namespace dun
