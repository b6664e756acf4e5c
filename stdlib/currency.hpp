// ISO 4217 currencies: the code and the minor-unit exponent that fixes how amounts are parsed,
// stored (int64 minor units) and formatted. A Currency is a small index into the built-in table,
// cheap to store per invoice in the columnar portfolio.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace dun {

class Currency {
 public:
  constexpr Currency() = default;
  // nullopt unless `code` is an active ISO 4217 currency code (upper case, three letters).
  static std::optional<Currency> from_code(std::string_view code);
  static constexpr Currency from_index(std::uint16_t index) { return Currency(index); }

  std::string_view code() const;
  // Digits after the decimal point: EUR 2, JPY 0, KWD 3, CLF 4.
  int exponent() const;
  constexpr std::uint16_t index() const { return index_; }
  constexpr bool operator==(const Currency&) const = default;

 private:
  constexpr explicit Currency(std::uint16_t index) : index_(index) {}
  std::uint16_t index_ = 0;
};

// Number of currencies in the table (for per-currency arrays).
std::uint16_t currency_count();

}  // namespace dun
