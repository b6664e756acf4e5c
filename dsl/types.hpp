// The value types of the scenario language (language.md §4) as the checker and the typed IR see
// them. `error` never reaches a checked scenario: the checker gives it to an expression it has
// already reported, so that one mistake yields one diagnostic instead of a cascade.
#pragma once

#include <cstdint>
#include <string_view>

namespace dun::dsl {

enum class Type : std::uint8_t {
  error,
  boolean,
  integer,
  decimal,
  money,
  date,
  duration,
  string,
  string_list,
  contact,
};

// The word used for the type in diagnostics: "bool", "int", "money", "list of strings", …
std::string_view type_name(Type type);

// int and decimal: the operands of `+ - * /` between numbers and of money scaling.
constexpr bool is_number(Type type) { return type == Type::integer || type == Type::decimal; }

}  // namespace dun::dsl
