// Money and dates as a customer reads them, formatted by ICU for the customer's language
// (docs/templates.md): fr `1 234,56 €` and `22 novembre 2026`, de `1.234,56 €`, en `€1,234.56`,
// pl `1 234,56 zł`. The locale is the language alone (`fr`, not `fr_BE`), so a template shows the
// same figures for every customer writing that language. Amounts go to ICU as decimal strings:
// no floating point between the stdlib's minor units and the text.
//
// A LocaleFormatter is built once per language and reused (ICU formatters are costly to make);
// it owns its ICU objects, is movable, not copyable, and not thread-safe: one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "stdlib/date.hpp"
#include "stdlib/money.hpp"
#include "stdlib/result.hpp"

namespace dun {

class LocaleFormatter {
 public:
  // Fails when ICU has no data for `language` (a code that is not a language).
  static Result<LocaleFormatter> create(std::string_view language);
  LocaleFormatter(LocaleFormatter&&) noexcept;
  LocaleFormatter& operator=(LocaleFormatter&&) noexcept;
  ~LocaleFormatter();

  const std::string& language() const { return language_; }
  std::string money(Money money) const;     // "1 234,56 €"
  std::string long_date(Date date) const;   // "22 novembre 2026"
  std::string short_date(Date date) const;  // "22/11/2026": table cells
  std::string integer(std::int64_t value) const;
  // A decimal given as text ("1234.5"): "1 234,5" in fr. No floating point on the way.
  std::string decimal(std::string_view text) const;

 private:
  struct Impl;
  LocaleFormatter(std::string language, std::unique_ptr<Impl> impl);
  std::string language_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dun
