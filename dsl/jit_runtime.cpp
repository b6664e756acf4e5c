#include "dsl/jit_runtime.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "stdlib/calendar.hpp"
#include "stdlib/date.hpp"

namespace {

std::string_view view(const char* data, std::int64_t size) {
  return {data, static_cast<std::size_t>(size)};
}

template <typename Function>
dun::FunctionSymbol symbol(std::string_view name, Function* function) {
  return {name, reinterpret_cast<std::uintptr_t>(function)};
}

}  // namespace

extern "C" {

std::int32_t dun_jit_string_compare(const char* a, std::int64_t a_size, const char* b,
                                    std::int64_t b_size) {
  const int order = view(a, a_size).compare(view(b, b_size));
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

std::int32_t dun_jit_string_contains(const char* text, std::int64_t text_size, const char* part,
                                     std::int64_t part_size) {
  return view(text, text_size).find(view(part, part_size)) != std::string_view::npos ? 1 : 0;
}

std::int32_t dun_jit_list_contains(const dun::dsl::JitString* items, std::int64_t count,
                                   const char* item, std::int64_t item_size) {
  const std::string_view needle = view(item, item_size);
  for (std::int64_t k = 0; k < count; ++k) {
    if (view(items[k].data, items[k].size) == needle) return 1;
  }
  return 0;
}

std::int32_t dun_jit_has_contact(const dun::dsl::PortfolioColumns* portfolio,
                                 std::uint32_t customer, const char* role, std::int64_t role_size) {
  // The interpreter's find_contact (interp_fields.cpp), reduced to whether one exists: clauses
  // never read a contact's fields (only actions do, through the interpreter).
  const dun::dsl::PortfolioColumns& p = *portfolio;
  if (p.contact_begin == nullptr) return 0;
  const std::string_view wanted = view(role, role_size);
  for (std::uint32_t k = p.contact_begin[customer]; k < p.contact_begin[customer + 1]; ++k) {
    if (p.contact_role.at(p.contact_rows[k]) == wanted) return 1;
  }
  return 0;
}

std::int32_t dun_jit_last_business_day(std::int32_t calendar_id, std::int64_t day) {
  // stdlib/functions_dates.cpp's range: 0001-01-01 .. 9999-12-31.
  constexpr std::int64_t kFirstDay = -719'162;
  constexpr std::int64_t kLastDay = 2'932'896;
  constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::min();
  const std::optional<dun::Calendar> calendar = dun::Calendar::from_id(calendar_id);
  if (!calendar || day < kFirstDay) return kNone;
  day = std::min(day, kLastDay);
  const dun::Date date = dun::Date::from_days(static_cast<std::int32_t>(day));
  if (calendar->is_business_day(date)) return date.days();
  // add_business_days wants a result within the range: a year back is safely inside it.
  if (day - 366 >= kFirstDay) return calendar->add_business_days(date, -1).days();
  for (std::int64_t earlier = day - 1; earlier >= kFirstDay; --earlier) {
    const dun::Date candidate = dun::Date::from_days(static_cast<std::int32_t>(earlier));
    if (calendar->is_business_day(candidate)) return candidate.days();
  }
  return kNone;
}

}  // extern "C"

namespace dun::dsl {

std::span<const FunctionSymbol> jit_runtime_symbols() {
  static const std::vector<FunctionSymbol> kSymbols = [] {
    std::vector<FunctionSymbol> symbols(function_symbols().begin(), function_symbols().end());
    symbols.push_back(symbol("dun_jit_string_compare", &dun_jit_string_compare));
    symbols.push_back(symbol("dun_jit_string_contains", &dun_jit_string_contains));
    symbols.push_back(symbol("dun_jit_list_contains", &dun_jit_list_contains));
    symbols.push_back(symbol("dun_jit_has_contact", &dun_jit_has_contact));
    symbols.push_back(symbol("dun_jit_last_business_day", &dun_jit_last_business_day));
    symbols.push_back(symbol("dun_jit_money_thresholds", &dun_jit_money_thresholds));
    // LLVM lowers large copies and fills of allocas to these library calls.
    symbols.push_back(symbol("memcpy", &std::memcpy));
    symbols.push_back(symbol("memmove", &std::memmove));
    symbols.push_back(symbol("memset", &std::memset));
    return symbols;
  }();
  return kSymbols;
}

}  // namespace dun::dsl
