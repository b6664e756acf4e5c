// Host functions that JIT'd scenario code calls besides the stdlib's (stdlib/functions.hpp):
// string comparisons, list membership and the contact lookup, which need the engine's string
// layout rather than a language-level function. They follow the stdlib's convention (plain C
// values, no exceptions) and are registered with the JIT as absolute symbols, together with the
// few C library functions LLVM may emit calls to (memcpy, memmove, memset): the JIT never
// resolves anything from the process itself.
#pragma once

#include <cstdint>
#include <span>

#include "dsl/batch.hpp"
#include "stdlib/functions.hpp"

namespace dun::dsl {

// A string as generated code passes it: bytes and length (a string list is an array of them).
struct JitString {
  const char* data;
  std::int64_t size;
};
static_assert(sizeof(JitString) == 16);

// The amounts (minor units, either sign) whose comparison with a money constant the fast pass
// decides through dun_jit_money_thresholds; a row beyond goes to the branching form. 2^48 keeps the
// rate table's 128-bit product (amount x scaled rate < 2^63 x 10^exponent <= 10^4) far from
// overflowing.
inline constexpr std::int64_t kJitMoneyBound = std::int64_t{1} << 48;

// Every host symbol the generated code may call, the stdlib's included.
std::span<const FunctionSymbol> jit_runtime_symbols();

}  // namespace dun::dsl

extern "C" {

// -1, 0 or 1: the byte order of std::string_view::compare.
std::int32_t dun_jit_string_compare(const char* a, std::int64_t a_size, const char* b,
                                    std::int64_t b_size);
// 1 when `part` occurs in `text` (contains(text, part)), else 0.
std::int32_t dun_jit_string_contains(const char* text, std::int64_t text_size, const char* part,
                                     std::int64_t part_size);
// 1 when the item is one of the list's strings, else 0.
std::int32_t dun_jit_list_contains(const dun::dsl::JitString* items, std::int64_t count,
                                   const char* item, std::int64_t item_size);
// 1 when the customer has a contact with that role (contact("role")), else 0.
std::int32_t dun_jit_has_contact(const dun::dsl::PortfolioColumns* portfolio,
                                 std::uint32_t customer, const char* role, std::int64_t role_size);

// The last business day of the calendar on or before `day` (a day number, possibly outside
// 0001-01-01..9999-12-31; a later day counts from 9999-12-31), or INT32_MIN when there is none from
// 0001-01-01 on. The fast pass's thresholds for `send on business days` (docs/jit.md): a step whose
// `at` is moved to the next business day is due on `today` exactly when at <= this of today.
std::int32_t dun_jit_last_business_day(std::int32_t calendar_id, std::int64_t day);

// `amount (currency k) >= constant` — or `>` when `strict` is non-zero — as dun_money_compare
// orders them (same currency: as they are; else both converted to the base currency), written for
// every currency index k < count as a threshold: for |amount| <= kJitMoneyBound the comparison
// holds exactly when amount >= out[k]. out[k] is INT64_MIN where it cannot be decided so (no rate
// table, a missing rate, a conversion out of range): the branching form then calls
// dun_money_compare, which reports the error. out[count] is INT64_MIN (an index beyond the
// currency table). The batch function fills its tables once per call, before its loop.
void dun_jit_money_thresholds(const dun::RateTable* rates, std::int64_t minor,
                              std::uint16_t currency, std::int32_t strict, std::int64_t* out,
                              std::int64_t count);

}  // extern "C"
