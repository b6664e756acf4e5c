// The standard-library functions scenarios call (language.md §4), as plain C functions on plain
// values so that the interpreter calls them directly and JIT'd code calls them as absolute
// symbols (architecture.md) — one implementation for both back ends.
//
// Values: a date is an int32 day number (days since 1970-01-01, dun::Date::days()); money is
// int64 minor units plus a uint16 currency index (dun::Currency::index()); a decimal is int64
// fixed point with 6 decimals (12.75 = 12'750'000); a calendar is the int32 id of
// dun::Calendar::id() (0 = weekends only), never a pointer, because compiled code is cached on
// disk and must not embed addresses. Rate tables and late-interest rates are passed as pointers
// the caller owns for the duration of the call (they are run-time inputs, not compiled in).
//
// Error convention (docs/stdlib.md): no function throws, aborts or returns a sentinel value.
// A function that cannot fail returns its result. A function that can fail returns an int32
// status (kStatusOk = 0 or one of the kStatus… codes below) and writes its result through its
// trailing out-pointers only on success; on failure they are left untouched. The caller turns a
// non-zero status into an evaluation error for the invoice (status_message() names it).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace dun {

class RateTable;
class LateInterestRate;

inline constexpr std::int64_t kDecimalScale = 1'000'000;

inline constexpr std::int32_t kStatusOk = 0;
inline constexpr std::int32_t kStatusMissingRate = 1;  // no exchange rate for a currency
inline constexpr std::int32_t kStatusOverflow = 2;     // the result does not fit in int64
inline constexpr std::int32_t kStatusDivisionByZero = 3;
inline constexpr std::int32_t kStatusUnknownCalendar = 4;  // not a Calendar::id()
inline constexpr std::int32_t kStatusDateOutOfRange = 5;   // outside 0001-01-01..9999-12-31
inline constexpr std::int32_t kStatusInvalidArgument = 6;  // bad unit, currency index, digits
inline constexpr std::int32_t kStatusNoReferenceRate = 7;  // ECB history does not reach back

// "no exchange rate for the currencies compared", … for evaluation-error records.
std::string_view status_message(std::int32_t status);

// Duration units of `add_duration` (language.md §4: `3 days`, `2 weeks`, `5 business days`).
inline constexpr std::int32_t kUnitDays = 0;
inline constexpr std::int32_t kUnitWeeks = 1;
inline constexpr std::int32_t kUnitBusinessDays = 2;

// A function's symbol name and address, for registering with the JIT.
struct FunctionSymbol {
  std::string_view name;
  std::uintptr_t address;
};
std::span<const FunctionSymbol> function_symbols();

}  // namespace dun

extern "C" {

// ---- dates ----
// to - from in calendar days (negative when `to` is earlier).
std::int32_t dun_days_between(std::int32_t from, std::int32_t to);
// ISO weekday: 1 = Monday … 7 = Sunday.
std::int32_t dun_weekday(std::int32_t day);
// The last day of the day's month.
std::int32_t dun_month_end(std::int32_t day);
// 1 or 0 into *out.
std::int32_t dun_is_business_day(std::int32_t calendar_id, std::int32_t day, std::int32_t* out);
// The `send on business days` move: `day` if a business day, else the next one.
std::int32_t dun_next_business_day(std::int32_t calendar_id, std::int32_t day, std::int32_t* out);
// Business days in (from, to], negative for to < from: see Calendar::business_days_between.
std::int32_t dun_business_days_between(std::int32_t calendar_id, std::int32_t from, std::int32_t to,
                                       std::int32_t* out);
// day + count units (count < 0 goes back); business days follow language.md §3.1. The calendar
// is used only for kUnitBusinessDays but must be valid in any case.
std::int32_t dun_add_duration(std::int32_t day, std::int64_t count, std::int32_t unit,
                              std::int32_t calendar_id, std::int32_t* out);

// ---- int and decimal (decimals are int64 with 6 decimals, so min/max are shared) ----
std::int64_t dun_int_min(std::int64_t a, std::int64_t b);
std::int64_t dun_int_max(std::int64_t a, std::int64_t b);
std::int32_t dun_int_abs(std::int64_t value, std::int64_t* out);
std::int64_t dun_decimal_min(std::int64_t a, std::int64_t b);
std::int64_t dun_decimal_max(std::int64_t a, std::int64_t b);
std::int32_t dun_decimal_abs(std::int64_t value, std::int64_t* out);
// Rounds to `digits` decimals (0..6; more leaves the value as it is), half to even.
std::int32_t dun_decimal_round(std::int64_t value, std::int32_t digits, std::int64_t* out);
// a × b and a ÷ b, each rounded half-even to 6 decimals.
std::int32_t dun_decimal_multiply(std::int64_t a, std::int64_t b, std::int64_t* out);
std::int32_t dun_decimal_divide(std::int64_t a, std::int64_t b, std::int64_t* out);

// ---- money (minor units; the currency only matters where written) ----
std::int32_t dun_money_abs(std::int64_t minor, std::int64_t* out);
// Rounds to whole units of the currency (100 cents for EUR), half to even.
std::int32_t dun_money_round(std::int64_t minor, std::uint16_t currency, std::int64_t* out);
std::int32_t dun_money_times_int(std::int64_t minor, std::int64_t factor, std::int64_t* out);
// minor × decimal, rounded half-even to the minor unit.
std::int32_t dun_money_times_decimal(std::int64_t minor, std::int64_t decimal, std::int64_t* out);
// minor ÷ divisor, rounded half-even to the minor unit.
std::int32_t dun_money_divide_int(std::int64_t minor, std::int64_t divisor, std::int64_t* out);
std::int32_t dun_money_divide_decimal(std::int64_t minor, std::int64_t decimal, std::int64_t* out);
// -1, 0 or 1 into *out. Same currency: compared as they are (`rates` may be null). Otherwise
// both are converted to the rate table's base currency, each rounded half-even to its minor
// unit, then compared; kStatusMissingRate when a rate (or the table) is missing.
std::int32_t dun_money_compare(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                               std::uint16_t b_currency, const dun::RateTable* rates,
                               std::int32_t* out);
// The smaller (larger) of two amounts by dun_money_compare, as it is (its own currency); the
// first one when they compare equal.
std::int32_t dun_money_min(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                           std::uint16_t b_currency, const dun::RateTable* rates,
                           std::int64_t* out_minor, std::uint16_t* out_currency);
std::int32_t dun_money_max(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                           std::uint16_t b_currency, const dun::RateTable* rates,
                           std::int64_t* out_minor, std::uint16_t* out_currency);

// a + b in a's currency. Same currency: no rates needed (`rates` may be null). Otherwise b is
// converted to a's currency (one half-even rounding): kStatusMissingRate without a rate.
// kStatusOverflow when the sum does not fit in int64.
std::int32_t dun_money_add(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                           std::uint16_t b_currency, const dun::RateTable* rates,
                           std::int64_t* out);
// a - b in a's currency, with the same conversion and errors.
std::int32_t dun_money_subtract(std::int64_t a_minor, std::uint16_t a_currency,
                                std::int64_t b_minor, std::uint16_t b_currency,
                                const dun::RateTable* rates, std::int64_t* out);

// ---- legal amounts ----
// Late-payment interest on an amount for the days in (due, until]: see dun::late_interest.
std::int32_t dun_late_interest(std::int64_t minor, std::uint16_t currency, std::int32_t due,
                               std::int32_t until, const dun::LateInterestRate* rate,
                               std::int64_t* out);

}  // extern "C"
