// The values of `invoice.last_letter_status` (docs/delivery.md, "What a scenario reads of
// delivery"): the status of the latest letter sent for the invoice, as the state store knows it
// (its latest tracking status, else its delivery status), or "" when the invoice had no letter.
// The batch ABI carries it as one byte per invoice row, the index of the word in this table, so
// that both back ends read it without strings in the columns. Constant data: safe from any
// thread.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace dun::dsl {

// Index 0 is "" (no letter). Never reordered: both back ends and the engine agree on the bytes
// through this table only, but a value's meaning must not change between builds of a cache.
std::span<const std::string_view> letter_statuses();
// The byte of a status word, or 0 ("") for a word that is not in the table.
std::uint8_t letter_status_code(std::string_view status);
// The word of a byte; "" for 0 or a byte beyond the table.
std::string_view letter_status_word(std::uint8_t code);

}  // namespace dun::dsl
