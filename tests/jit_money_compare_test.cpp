// Money compared with a constant across currencies inside the JIT's first pass
// (dsl/jit_money_compare.cpp, dsl/jit_runtime_money.cpp, docs/jit.md "Money across currencies"):
// the per-call thresholds split each currency's amounts exactly where dun_money_compare's order
// changes, half-even ties included, and rows at every currency's threshold (and one off either
// side) decide as the interpreter does, for every comparison operator with the constant on either
// side, in the base currency and in another one, with and without a rate table.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "dsl/jit_runtime.hpp"
#include "tests/jit_test_util.hpp"

namespace dun::dsl {
namespace {

using testing::compile;
using testing::day;
using testing::expect_backends_agree;
using testing::SequenceState;
using testing::SyntheticBatch;
using testing::TestBatch;

constexpr std::int64_t kUndecided = std::numeric_limits<std::int64_t>::min();

Currency currency(const char* code) { return *Currency::from_code(code); }

// EUR base. USD at 1.5 makes every odd amount of cents a half-cent tie in EUR (rounded to even);
// JPY has no minor unit, KWD three; CHF has no rate.
struct Rate {
  const char* code;
  std::int64_t scaled;
};
constexpr Rate kRates[] = {{"USD", 1'500'000'000},
                           {"GBP", 850'000'000},
                           {"JPY", 6'234'500},
                           {"KWD", 3'003'000'000},
                           {"PLN", 230'000'000}};

const RateTable& rates() {
  static const RateTable table = [] {
    RateTable t(currency("EUR"));
    for (const Rate& rate : kRates) t.set_scaled(currency(rate.code), rate.scaled);
    return t;
  }();
  return table;
}

// dun_money_compare's answer to `amount (of k) >= constant` (or `>`), or nullopt on its error.
std::optional<bool> reference(std::int64_t amount, Currency k, Money constant, bool strict,
                              const RateTable* table) {
  std::int32_t order = 0;
  if (dun_money_compare(amount, k.index(), constant.minor, constant.currency.index(), table,
                        &order) != kStatusOk) {
    return std::nullopt;
  }
  return strict ? order > 0 : order >= 0;
}

std::vector<std::int64_t> thresholds(const RateTable* table, Money constant, bool strict) {
  std::vector<std::int64_t> out(currency_count() + 1);
  dun_jit_money_thresholds(table, constant.minor, constant.currency.index(), strict ? 1 : 0,
                           out.data(), currency_count());
  return out;
}

TEST(JitMoneyThresholds, SplitEachCurrencysAmountsWhereTheComparisonChanges) {
  const Money constants[] = {{5000, currency("EUR")},  {1234, currency("GBP")},
                             {1'000, currency("JPY")}, {-3333, currency("USD")},
                             {1, currency("KWD")},     {0, currency("PLN")}};
  for (const Money& constant : constants) {
    for (bool strict : {false, true}) {
      const std::vector<std::int64_t> out = thresholds(&rates(), constant, strict);
      EXPECT_EQ(out[currency_count()], kUndecided);
      for (std::uint16_t k = 0; k < currency_count(); ++k) {
        const Currency other = Currency::from_index(k);
        const std::string where = std::string(constant.currency.code()) + " vs " +
                                  std::string(other.code()) + (strict ? " >" : " >=");
        if (out[k] == kUndecided) {
          // Only where dun_money_compare fails (no rate).
          EXPECT_FALSE(reference(0, other, constant, strict, &rates())) << where;
          continue;
        }
        for (std::int64_t amount = out[k] - 3; amount <= out[k] + 3; ++amount) {
          EXPECT_EQ(reference(amount, other, constant, strict, &rates()), amount >= out[k])
              << where << " at " << amount;
        }
        for (std::int64_t amount : {-kJitMoneyBound, kJitMoneyBound}) {
          EXPECT_EQ(reference(amount, other, constant, strict, &rates()), amount >= out[k])
              << where << " at " << amount;
        }
      }
    }
  }
}

TEST(JitMoneyThresholds, HalfEvenTiesAreThoseOfTheRateTable) {
  // 3333 USD cents are 4999.5 EUR cents, rounded to 5000 (even): >= 50 EUR from 3333 on; 3335
  // cents are 5002.5, rounded to 5002: > 50.02 EUR from 3336 on.
  EXPECT_EQ(thresholds(&rates(), {5000, currency("EUR")}, false)[currency("USD").index()], 3333);
  EXPECT_EQ(thresholds(&rates(), {5002, currency("EUR")}, true)[currency("USD").index()], 3336);
}

TEST(JitMoneyThresholds, WithoutARateTableOnlyTheConstantsCurrencyIsDecided) {
  const Money constant{1234, currency("GBP")};
  const std::vector<std::int64_t> out = thresholds(nullptr, constant, true);
  for (std::uint16_t k = 0; k <= currency_count(); ++k) {
    EXPECT_EQ(out[k], k == constant.currency.index() ? 1235 : kUndecided) << k;
  }
  // A constant beyond the rows' range: its own currency is clamped, the others left undecided.
  const std::vector<std::int64_t> huge =
      thresholds(&rates(), {std::numeric_limits<std::int64_t>::max(), currency("EUR")}, true);
  EXPECT_EQ(huge[currency("EUR").index()], kJitMoneyBound + 1);
  EXPECT_EQ(huge[currency("USD").index()], kUndecided);
}

// Invoices whose balances are within 4 minor units of each currency's threshold for `constant`
// (estimated in floating point, independently of the code under test), in every rated currency,
// the base, CHF (no rate) and amounts beyond kJitMoneyBound.
SyntheticBatch edge_batch(Money constant, std::int32_t today) {
  SyntheticBatch synthetic(1, 1, today, 5);
  const SequenceState state = synthetic.states.front();
  const testing::InvoiceSpec model = synthetic.portfolio.invoices.front();
  synthetic.portfolio.invoices.clear();
  synthetic.states.clear();
  auto scaled_rate = [](const std::string& code) -> double {
    if (code == "EUR") return 1e9;
    for (const Rate& rate : kRates) {
      if (code == rate.code) return static_cast<double>(rate.scaled);
    }
    return 1e9;  // CHF: no rate; any amount will do
  };
  const double base_value = static_cast<double>(constant.minor) *
                            scaled_rate(std::string(constant.currency.code())) /
                            std::pow(10.0, constant.currency.exponent());
  std::uint32_t n = 0;
  for (const char* code : {"EUR", "USD", "GBP", "JPY", "KWD", "PLN", "CHF"}) {
    const Currency c = currency(code);
    const auto centre =
        static_cast<std::int64_t>(base_value / scaled_rate(code) * std::pow(10.0, c.exponent()));
    std::vector<std::int64_t> amounts;
    for (std::int64_t delta = -4; delta <= 4; ++delta) amounts.push_back(centre + delta);
    amounts.push_back(kJitMoneyBound);
    amounts.push_back(kJitMoneyBound + 1);
    amounts.push_back(-kJitMoneyBound - 1);
    for (std::int64_t amount : amounts) {
      // Each amount with several sequence states (new, active, closed), so that `applies` shows.
      for (int status = 0; status < 3; ++status) {
        testing::InvoiceSpec invoice = model;
        invoice.id = "E" + std::to_string(n++);
        invoice.currency = code;
        invoice.balance = amount;
        invoice.amount = amount;
        invoice.due_date = today;
        synthetic.portfolio.invoices.push_back(invoice);
        SequenceState s = state;
        s.status = static_cast<SequenceStatus>(status);
        s.flags = 0;
        s.last_step = -1;
        s.step_dates = {kNoDate};
        synthetic.states.push_back(s);
      }
    }
  }
  return synthetic;
}

TEST(JitMoneyCompare, RowsAtEveryCurrencysThresholdDecideLikeTheInterpreter) {
  const std::int32_t today = day("2026-03-04");
  const char* ops[] = {">=", ">", "<", "<=", "==", "!="};
  for (const auto& [text, constant] : {std::pair{"50 EUR", Money{5000, currency("EUR")}},
                                       std::pair{"12.35 GBP", Money{1235, currency("GBP")}}}) {
    SyntheticBatch synthetic = edge_batch(constant, today);
    for (const char* op : ops) {
      for (bool constant_left : {false, true}) {
        const std::string comparison = constant_left
                                           ? std::string(text) + " " + op + " invoice.balance"
                                           : std::string("invoice.balance ") + op + " " + text;
        const std::string scenario_text = "scenario money \"M\"\n  applies when " + comparison +
                                          "\n  step one\n    at invoice.due_date\n"
                                          "    wait until invoice.amount " +
                                          op + " " + text + "\n    email \"x\"\nend\n";
        SCOPED_TRACE(scenario_text);
        const auto scenario = compile(scenario_text);
        for (bool with_rates : {true, false}) {
          EvalEnvironment environment;
          if (with_rates) environment.rates = &rates();
          const TestBatch batch(synthetic.portfolio, 1, synthetic.states, today, environment);
          const std::vector<Decision> decisions = expect_backends_agree(*scenario, batch.input());
          // The batch holds both answers and, without rates, errors.
          auto count = [&](Outcome outcome) {
            return std::count_if(decisions.begin(), decisions.end(),
                                 [&](const Decision& d) { return d.outcome == outcome; });
          };
          EXPECT_GT(count(Outcome::fire) + count(Outcome::hold), 0);
          EXPECT_GT(count(Outcome::error), 0);
        }
      }
    }
  }
}

// The shared synthetic batch (customers in EUR and USD, a customer aggregate compared with a
// constant of another currency in `applies`, which the first pass gathers for every row).
TEST(JitMoneyCompare, CustomerAggregatesInAnotherCurrencyDecideLikeTheInterpreter) {
  const auto scenario = compile(
      "scenario aggregates \"A\"\n  applies when customer.overdue_total <= 9000 USD or "
      "invoice.balance > 20 GBP\n  step one\n    at invoice.due_date\n    email \"x\"\nend\n");
  const std::int32_t today = day("2026-03-04");
  SyntheticBatch synthetic(2500, 1, today, 11);
  for (const RateTable* table : {&rates(), &testing::test_rates()}) {
    EvalEnvironment environment;
    environment.rates = table;
    const TestBatch batch(synthetic.portfolio, 1, synthetic.states, today, environment);
    expect_backends_agree(*scenario, batch.input());
  }
}

}  // namespace
}  // namespace dun::dsl
