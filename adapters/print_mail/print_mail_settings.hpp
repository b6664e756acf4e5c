// The [adapters.letter] table of kind "print_mail", validated (docs/adapters.md, "print_mail"):
// every mistake is an error naming the dun.toml line. Reading the settings does no I/O beyond
// checking that the ca_file named is readable; the API key is read from the environment only
// when a request needs it.
#pragma once

#include <filesystem>
#include <string>

#include "adapters/adapter_settings.hpp"
#include "adapters/print_mail/letter_json.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters::print_mail {

inline constexpr std::string_view kDefaultApiKeyVariable = "DUN_PRINT_MAIL_API_KEY";

struct PrintMailSettings {
  std::string url;  // the API's base URL, without a trailing '/'
  std::string api_key_variable = std::string(kDefaultApiKeyVariable);
  LetterOptions letter;
  long timeout_seconds = 30;
  std::filesystem::path ca_file;  // empty: the system's certificate authorities
};

Result<PrintMailSettings> read_print_mail_settings(const AdapterSettings& settings);

}  // namespace dun::adapters::print_mail
