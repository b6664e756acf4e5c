// Money and dates as a customer reads them, formatted by ICU for the customer's locale — the
// document's language with the customer's country (docs/templates.md): fr_FR `1 234,56 €` and
// `22 novembre 2026`, de_DE `1.234,56 €`, de_CH `CHF 1’234.50` and `14.02.2026`, en_GB
// `€1,234.56` and `14/02/2026`, en_US `02/14/2026`, pl_PL `1 234,56 zł`. A language alone (`fr`)
// is formatted as ICU's default for it. Amounts go to ICU as decimal strings: no floating point
// between the stdlib's minor units and the text.
//
// A LocaleFormatter is built once per locale and reused (ICU formatters are costly to make);
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
  // `locale` is a language or a language and country: `fr`, `fr_BE` (stdlib/locale_tag.hpp).
  // Fails when it is neither, or when ICU has no data for its language.
  static Result<LocaleFormatter> create(std::string_view locale);
  LocaleFormatter(LocaleFormatter&&) noexcept;
  LocaleFormatter& operator=(LocaleFormatter&&) noexcept;
  ~LocaleFormatter();

  const std::string& locale() const { return locale_; }  // "fr_BE", or "fr"
  std::string money(Money money) const;                  // "1 234,56 €"
  std::string long_date(Date date) const;                // "22 novembre 2026"
  std::string short_date(Date date) const;               // "22/11/2026": table cells
  std::string integer(std::int64_t value) const;
  // A decimal given as text ("1234.5"): "1 234,5" in fr. No floating point on the way.
  std::string decimal(std::string_view text) const;

 private:
  struct Impl;
  LocaleFormatter(std::string locale, std::unique_ptr<Impl> impl);
  std::string locale_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dun
