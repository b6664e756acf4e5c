// The standard-library functions a scenario can call (language.md §4), as a table of overloads.
// The checker picks one overload per call; the typed IR names it by Builtin, so the interpreter
// and the code generator never dispatch on argument types at run time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/types.hpp"

namespace dun::dsl {

enum class Builtin : std::uint8_t {
  min_int,
  min_decimal,
  min_money,  // same currency, or converted with the configured rates like a comparison
  min_date,
  max_int,
  max_decimal,
  max_money,
  max_date,
  abs_int,
  abs_decimal,
  abs_money,
  round_decimal,  // to the nearest int, half to even
  round_money,    // to whole currency units (minor units multiple of 10^exponent), half to even
  days_between,   // (from, to) -> to - from, in calendar days
  business_days_between,  // (from, to) -> business days in (from, to] of the scenario's calendar
  weekday,                // 1 = Monday … 7 = Sunday
  month_end,              // the last day of the date's month
  late_interest,          // (amount, since) -> interest on amount from since to today, company rate
  contains_string,        // (text, part) -> part occurs in text
  contains_list,          // (list, item) -> item is one of the list; also `item in list`
  contact,                // (role) -> the customer's contact with that role
};

struct BuiltinSignature {
  Builtin id;
  std::string_view name;
  std::vector<Type> params;
  Type result;
};

// Every overload, grouped by name.
std::span<const BuiltinSignature> builtin_signatures();
// The names scenarios can call, each once ("min", "max", …).
std::span<const std::string_view> builtin_names();
const BuiltinSignature& builtin_signature(Builtin id);

// The overload of `name` for exactly these argument types, if one exists. An int argument also
// matches a decimal parameter (the checker inserts the conversion): see `needs_decimal`.
std::optional<Builtin> find_overload(std::string_view name, std::span<const Type> args);

// "(money, money)" — the parameter list of an overload, for diagnostics.
std::string describe_params(std::span<const Type> params);

}  // namespace dun::dsl
