// Money addition and subtraction across currencies (ir.hpp: the right operand is converted to the
// left operand's currency with the configured rates, half-even), as JIT-callable functions in the
// convention of stdlib/functions.hpp (int32 status, result through the out-pointer on success
// only), so the interpreter and the generated code share this one implementation.
// They belong with stdlib/functions.hpp; they live here until the stdlib adopts them.
#pragma once

#include <cstdint>

namespace dun {
class RateTable;
}

extern "C" {

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

}  // extern "C"
