// ICU behind LocaleFormatter: the modern number formatter (immutable, with the currency as its
// unit) for money, and SimpleDateFormat in UTC for dates, since dun's dates are calendar days.
#include "documents/locale_format.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <map>
#include <optional>

#include "stdlib/locale_tag.hpp"

namespace dun {

struct LocaleFormatter::Impl {
  icu::Locale locale;
  icu::number::LocalizedNumberFormatter numbers;
  std::map<std::uint16_t, icu::number::LocalizedNumberFormatter> currencies;  // by currency index
  std::unique_ptr<icu::DateFormat> long_dates;
  std::unique_ptr<icu::DateFormat> short_dates;
};

namespace {

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::unique_ptr<icu::DateFormat> date_format(const icu::Locale& locale, const char16_t* skeleton,
                                             UErrorCode& status) {
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createInstanceForSkeleton(icu::UnicodeString(skeleton), locale, status));
  if (U_FAILURE(status) || !format) return nullptr;
  format->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  return format;
}

constexpr double kMillisPerDay = 86'400'000.0;

}  // namespace

Result<LocaleFormatter> LocaleFormatter::create(std::string_view locale) {
  const std::string code(locale.empty() ? "en" : locale);
  const std::optional<LocaleTag> tag = parse_locale_tag(code);
  auto impl = std::make_unique<Impl>();
  if (tag) impl->locale = icu::Locale(tag->language.c_str(), tag->country.c_str());
  if (!tag || impl->locale.isBogus() || impl->locale.getLanguage() != tag->language ||
      impl->locale.getCountry() != tag->country) {
    return Error{"'" + code +
                 "' is not a locale ICU knows (write an ISO 639-1 language, with an ISO 3166 "
                 "country if you like: en, en_GB)"};
  }
  UErrorCode status = U_ZERO_ERROR;
  // Every amount of 1,000 or more is grouped, Polish included (whose CLDR data leaves 4-digit
  // numbers ungrouped): the columns of an items table then read alike (docs/templates.md).
  impl->numbers = icu::number::NumberFormatter::withLocale(impl->locale)
                      .grouping(UNumberGroupingStrategy::UNUM_GROUPING_ON_ALIGNED);
  // "yMMMMd": the long form with the month in words; "yMd": the numeric one for table cells.
  impl->long_dates = date_format(impl->locale, u"yMMMMd", status);
  impl->short_dates = date_format(impl->locale, u"yMMdd", status);
  if (U_FAILURE(status) || !impl->long_dates || !impl->short_dates) {
    return Error{"ICU cannot format dates for '" + code + "': " + u_errorName(status)};
  }
  return LocaleFormatter(tag->name(), std::move(impl));
}

LocaleFormatter::LocaleFormatter(std::string locale, std::unique_ptr<Impl> impl)
    : locale_(std::move(locale)), impl_(std::move(impl)) {}
LocaleFormatter::LocaleFormatter(LocaleFormatter&&) noexcept = default;
LocaleFormatter& LocaleFormatter::operator=(LocaleFormatter&&) noexcept = default;
LocaleFormatter::~LocaleFormatter() = default;

std::string LocaleFormatter::money(Money money) const {
  auto found = impl_->currencies.find(money.currency.index());
  if (found == impl_->currencies.end()) {
    UErrorCode status = U_ZERO_ERROR;
    const std::string code(money.currency.code());
    const icu::CurrencyUnit unit(icu::UnicodeString::fromUTF8(code).getTerminatedBuffer(), status);
    if (U_FAILURE(status)) return format_minor_units(money.minor, money.currency) + " " + code;
    found = impl_->currencies.emplace(money.currency.index(), impl_->numbers.unit(unit)).first;
  }
  UErrorCode status = U_ZERO_ERROR;
  const std::string decimal = format_minor_units(money.minor, money.currency);
  const icu::number::FormattedNumber formatted = found->second.formatDecimal(decimal, status);
  if (U_FAILURE(status)) return format_money(money);
  return to_utf8(formatted.toString(status));
}

std::string LocaleFormatter::long_date(Date date) const {
  icu::UnicodeString text;
  impl_->long_dates->format(date.days() * kMillisPerDay, text);
  return to_utf8(text);
}

std::string LocaleFormatter::short_date(Date date) const {
  icu::UnicodeString text;
  impl_->short_dates->format(date.days() * kMillisPerDay, text);
  return to_utf8(text);
}

std::string LocaleFormatter::decimal(std::string_view text) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::number::FormattedNumber formatted = impl_->numbers.formatDecimal(
      icu::StringPiece(text.data(), static_cast<int>(text.size())), status);
  if (U_FAILURE(status)) return std::string(text);
  return to_utf8(formatted.toString(status));
}

std::string LocaleFormatter::integer(std::int64_t value) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::number::FormattedNumber formatted = impl_->numbers.formatInt(value, status);
  if (U_FAILURE(status)) return std::to_string(value);
  return to_utf8(formatted.toString(status));
}

}  // namespace dun
