#include "engine/portfolio/aggregate.hpp"

#include <gtest/gtest.h>

#include "engine/snapshot/load_csv.hpp"

namespace dun {
namespace {

Currency currency(std::string_view code) { return *Currency::from_code(code); }
std::int32_t day(const char* text) { return Date::parse(text)->days(); }

// Loaded through the real CSV loader, so the aggregates see exactly what a run would.
Portfolio portfolio() {
  CsvSnapshotTexts texts;
  texts.customers =
      "id,name,language,country,currency\n"
      "C1,Acme,fr,FR,EUR\n"
      "C2,Globex,de,DE,EUR\n"
      "C3,Initech,en,GB,GBP\n"
      "C4,Empty,en,GB,EUR\n";
  texts.invoices =
      "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
      "promise_date\n"
      "I1,C1,1,invoice,2026-10-01,2026-10-31,EUR,1000.00,1000.00,false,true,\n"
      "I2,C1,2,invoice,2026-10-01,2026-11-01,USD,0.20,0.20,false,true,\n"
      "I3,C1,3,invoice,2026-10-01,2026-12-31,USD,0.20,0.20,false,true,\n"
      "I4,C1,4,credit_note,2026-10-01,2026-11-10,EUR,50.00,50.00,false,true,\n"
      "I5,C1,5,invoice,2026-08-01,2026-09-01,EUR,300.00,0,false,true,\n"
      "I6,C1,6,invoice,2026-10-01,2026-11-22,EUR,200.00,120.50,true,false,2026-12-01\n"
      "I7,C2,7,invoice,2026-10-01,2026-11-02,JPY,1000,1000,false,true,\n"
      "I8,C3,8,invoice,2026-10-01,2026-11-03,USD,10.00,10.00,false,true,\n"
      "I9,C3,9,invoice,2026-10-01,2026-11-04,GBP,5.00,5.00,false,true,\n";
  auto loaded = load_csv_snapshot_from_memory(std::move(texts));
  EXPECT_TRUE(loaded.ok() && loaded->quarantine.empty());
  return std::move(loaded).value().portfolio;
}

RateTable rates() {
  RateTable table(currency("EUR"));
  EXPECT_TRUE(table.set(currency("USD"), "0.925").ok());
  EXPECT_TRUE(table.set(currency("JPY"), "0.0061").ok());
  return table;
}

const Date kToday = *Date::parse("2026-11-22");

TEST(Aggregate, SumsInTheCustomersCurrencyRoundingEachItemHalfEven) {
  const Portfolio p = portfolio();
  const CustomerAggregates a = compute_aggregates(p, kToday, rates());
  ASSERT_EQ(a.size(), 4u);
  // I2 and I3: 0.20 USD x 0.925 = 18.5 cents, half-even to 18 each (the sum of the two, 0.40
  // USD, would convert to 37: each item is rounded before summing).
  // open_total = 1000.00 + 0.18 + 0.18 - 50.00 (credit note) + 120.50 (disputed, opted out,
  // promised: still owed) = 1070.86; I5 is paid.
  EXPECT_EQ(a.open_total[0], 107086);
  // Overdue: I1 and I2; I6 is due today, so not overdue yet; I3 is due later.
  EXPECT_EQ(a.overdue_total[0], 100018);
  EXPECT_EQ(a.overdue_count[0], 2u);
  // Open invoices: I1, I2, I3, I6 (the credit note and the paid I5 are not).
  EXPECT_EQ(a.open_count[0], 4u);
  EXPECT_EQ(a.oldest_due_date[0], day("2026-10-31"));
  EXPECT_EQ(a.status[0], AggregateStatus::ok);
}

TEST(Aggregate, ConvertsBetweenCurrenciesWithDifferentExponents) {
  const CustomerAggregates a = compute_aggregates(portfolio(), kToday, rates());
  // 1000 JPY (no minor unit) x 0.0061 = 6.10 EUR.
  EXPECT_EQ(a.open_total[1], 610);
  EXPECT_EQ(a.overdue_total[1], 610);
  EXPECT_EQ(a.overdue_count[1], 1u);
  EXPECT_EQ(a.oldest_due_date[1], day("2026-11-02"));
}

TEST(Aggregate, AMissingRateIsReportedPerCustomerNeverGuessed) {
  const CustomerAggregates a = compute_aggregates(portfolio(), kToday, rates());
  // C3 is in GBP and there is no GBP rate: its USD invoice cannot be converted.
  EXPECT_EQ(a.status[2], AggregateStatus::missing_rate);
  EXPECT_EQ(a.problem_currency[2].code(), "USD");
  EXPECT_EQ(a.open_total[2], 500);  // only the GBP item; flagged as unusable
  EXPECT_EQ(a.open_count[2], 2u);   // counts need no rate and stay exact
  EXPECT_EQ(a.overdue_count[2], 2u);
  EXPECT_EQ(a.oldest_due_date[2], day("2026-11-03"));

  RateTable with_gbp = rates();
  ASSERT_TRUE(with_gbp.set(currency("GBP"), "1.15").ok());
  const CustomerAggregates fixed = compute_aggregates(portfolio(), kToday, with_gbp);
  EXPECT_EQ(fixed.status[2], AggregateStatus::ok);
  // 10.00 USD = 9.25 EUR = 9.25 / 1.15 GBP = 8.043… -> 8.04 GBP; plus 5.00 GBP.
  EXPECT_EQ(fixed.open_total[2], 1304);
}

TEST(Aggregate, ACustomerWithoutInvoicesHasZeroes) {
  const CustomerAggregates a = compute_aggregates(portfolio(), kToday, rates());
  EXPECT_EQ(a.open_total[3], 0);
  EXPECT_EQ(a.overdue_total[3], 0);
  EXPECT_EQ(a.open_count[3], 0u);
  EXPECT_EQ(a.overdue_count[3], 0u);
  EXPECT_EQ(a.oldest_due_date[3], kNoDate);
  EXPECT_EQ(a.status[3], AggregateStatus::ok);
}

// Each amount is within the loader's bound (row_checks.hpp), but 9,300 of the largest overflow
// int64 together.
TEST(Aggregate, AnOverflowingTotalIsFlagged) {
  CsvSnapshotTexts texts;
  texts.customers = "id,name,language,country,currency\nC1,Big,en,GB,EUR\n";
  texts.invoices = "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance\n";
  constexpr int kRows = 9300;
  for (int i = 1; i <= kRows; ++i) {
    *texts.invoices += "I" + std::to_string(i) +
                       ",C1,1,invoice,2026-01-01,2026-01-31,EUR,9999999999999.99,"
                       "9999999999999.99\n";
  }
  const auto loaded = load_csv_snapshot_from_memory(std::move(texts));
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->portfolio.invoices.size(), static_cast<std::size_t>(kRows));
  const CustomerAggregates a = compute_aggregates(loaded->portfolio, kToday, rates());
  EXPECT_EQ(a.status[0], AggregateStatus::overflow);
}

}  // namespace
}  // namespace dun
