#include "stdlib/money.hpp"

#include <gtest/gtest.h>

namespace dun {
namespace {

Currency currency(std::string_view code) { return *Currency::from_code(code); }

TEST(Currency, KnowsIso4217CodesAndExponents) {
  EXPECT_EQ(currency("EUR").exponent(), 2);
  EXPECT_EQ(currency("JPY").exponent(), 0);
  EXPECT_EQ(currency("KWD").exponent(), 3);
  EXPECT_EQ(currency("PLN").code(), "PLN");
  EXPECT_FALSE(Currency::from_code("EUX"));
  EXPECT_FALSE(Currency::from_code("eur"));
  EXPECT_FALSE(Currency::from_code(""));
}

TEST(Money, ParsesWithTheCurrencyExponent) {
  EXPECT_EQ(*parse_minor_units("1234.50", currency("EUR")), 123450);
  EXPECT_EQ(*parse_minor_units("1234.5", currency("EUR")), 123450);
  EXPECT_EQ(*parse_minor_units("7", currency("JPY")), 7);
  EXPECT_EQ(*parse_minor_units("1.234", currency("KWD")), 1234);
  EXPECT_EQ(*parse_minor_units("-0.05", currency("EUR")), -5);
}

TEST(Money, RejectsMoreDecimalsThanTheCurrencyAllowsInsteadOfRounding) {
  const auto parsed = parse_minor_units("1.005", currency("EUR"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "amount '1.005' has more decimals than EUR allows (2)");
  EXPECT_FALSE(parse_minor_units("1.5", currency("JPY")).ok());
}

TEST(Money, RejectsWhatIsNotADecimal) {
  for (const char* text : {"", "-", "1e3", "1,50", "12.", ".5", "1.2.3", " 1", "1 ", "+1", "0x10",
                           "99999999999999999999"}) {
    EXPECT_FALSE(parse_minor_units(text, currency("EUR")).ok()) << text;
  }
}

TEST(Money, FormatsWithTheCurrencyExponent) {
  EXPECT_EQ(format_minor_units(123450, currency("EUR")), "1234.50");
  EXPECT_EQ(format_minor_units(-5, currency("EUR")), "-0.05");
  EXPECT_EQ(format_minor_units(7, currency("JPY")), "7");
  EXPECT_EQ(format_minor_units(1234, currency("KWD")), "1.234");
  EXPECT_EQ(format_money({9900, currency("USD")}), "99.00 USD");
}

TEST(Money, RoundsHalfToEven) {
  EXPECT_EQ(divide_round_half_even(5, 2), 2);
  EXPECT_EQ(divide_round_half_even(7, 2), 4);
  EXPECT_EQ(divide_round_half_even(-5, 2), -2);
  EXPECT_EQ(divide_round_half_even(-7, 2), -4);
  EXPECT_EQ(divide_round_half_even(10, 3), 3);
  EXPECT_EQ(divide_round_half_even(11, 3), 4);
}

TEST(RateTable, ConvertsThroughTheBaseCurrencyWithOneRounding) {
  RateTable rates(currency("EUR"));
  ASSERT_TRUE(rates.set(currency("USD"), "0.92").ok());
  ASSERT_TRUE(rates.set(currency("JPY"), "0.0062").ok());
  EXPECT_EQ(rates.convert(10000, currency("USD"), currency("EUR")), 9200);  // 100 USD = 92 EUR
  EXPECT_EQ(rates.convert(9200, currency("EUR"), currency("USD")), 10000);
  EXPECT_EQ(rates.convert(1000, currency("JPY"), currency("EUR")), 620);  // ¥1000 = 6.20 EUR
  EXPECT_EQ(rates.convert(1, currency("USD"), currency("EUR")), 1);       // 0.0092 -> 0.01
  EXPECT_EQ(rates.convert(125, currency("EUR"), currency("EUR")), 125);
  EXPECT_FALSE(rates.convert(100, currency("GBP"), currency("EUR")));  // no rate: no guess
  EXPECT_FALSE(rates.set(currency("GBP"), "-1").ok());
  EXPECT_FALSE(rates.set(currency("GBP"), "abc").ok());
}

}  // namespace
}  // namespace dun
