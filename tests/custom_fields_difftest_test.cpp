// The differential test of custom fields (dun.toml [fields]): scenarios that read a custom field
// of every type (string, bool, int, decimal, date, money), on invoices and on customers, in every
// clause kind, evaluated by every back end (the reference interpreter, the JIT at -O0 and -O2)
// on random portfolios (tests/difftest/random_batch.hpp) to which random custom columns are
// added: values at the edges of their types, absent cells, money in the row's own currency with
// and without a rate. Every back end must make the reference's decisions, row for row.
#include <gtest/gtest.h>

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "dsl/check.hpp"
#include "dsl/parse.hpp"
#include "stdlib/date.hpp"
#include "tests/difftest/backends.hpp"
#include "tests/difftest/random.hpp"
#include "tests/difftest/random_batch.hpp"
#include "tests/difftest_test_util.hpp"

namespace dun::difftest {
namespace {

// The declared fields, in slot order.
std::vector<CustomFieldDeclaration> declarations() {
  const auto field = [](CustomFieldTable table, std::string name, CustomFieldType type) {
    CustomFieldDeclaration declaration;
    declaration.table = table;
    declaration.name = std::move(name);
    declaration.type = type;
    return declaration;
  };
  using enum CustomFieldType;
  return {field(CustomFieldTable::invoices, "ref", string),
          field(CustomFieldTable::invoices, "flagged", boolean),
          field(CustomFieldTable::invoices, "count", integer),
          field(CustomFieldTable::invoices, "rate", decimal),
          field(CustomFieldTable::invoices, "follow_up", date),
          field(CustomFieldTable::invoices, "deposit", money),
          field(CustomFieldTable::customers, "tag", string),
          field(CustomFieldTable::customers, "autopay", boolean),
          field(CustomFieldTable::customers, "score", integer),
          field(CustomFieldTable::customers, "discount", decimal),
          field(CustomFieldTable::customers, "since", date),
          field(CustomFieldTable::customers, "allowance", money)};
}

// Scenarios, each reading custom fields in another way; `and`/`or`/`if` guard some reads, so
// that absent cells make errors on some rows only.
const char* const kScenarios[] = {
    R"(scenario a "A"
  applies when invoice.ref != "" or customer.autopay
  pause when customer.autopay and invoice.count > 3
  stop when invoice.rate * 2 > 7.5
  step s
    at invoice.follow_up - 2 days
    when invoice.deposit >= 10 EUR or customer.allowance < invoice.balance
    email "t"
  step t
    at previous + 3 days
    wait until customer.score * 3 + invoice.count > 5
    email "t"
end
)",
    R"(scenario b "B"
  let m = invoice.deposit + invoice.balance
  let late = today - customer.since
  step s
    at if invoice.flagged then invoice.due_date else customer.since + 30 days
    until invoice.follow_up + 60 days
    when (m > customer.allowance) and (late > 10 or customer.discount >= 0.25)
    email "t"
end
)",
    R"(scenario c "C"
  applies when invoice.ref in ["a", "bb", ""] or contains(customer.tag, "k")
  step s
    at invoice.due_date + 1 days
    when invoice.rate + customer.discount < 1.5 and customer.tag == "key" and not invoice.flagged
    email "t"
  step t
    at previous + 5 days
    when invoice.deposit * customer.discount > invoice.balance / 10
    email "t"
end
)",
};

constexpr const char* kWords[] = {"", "a", "bb", "key", "kiwi", "élan"};
constexpr const char* kCurrencies[] = {"EUR", "USD", "GBP", "JPY", "PLN"};

// Random custom columns for a portfolio of `invoices` and `customers` rows.
class RandomCustomColumns {
 public:
  RandomCustomColumns(std::uint64_t seed, const dsl::PortfolioColumns& portfolio) : rng_(seed) {
    const std::vector<CustomFieldDeclaration> fields = declarations();
    values_.resize(fields.size());
    present_.resize(fields.size());
    bytes_.resize(fields.size());
    offsets_.resize(fields.size());
    for (std::size_t k = 0; k < fields.size(); ++k) {
      const bool on_customer = fields[k].table == CustomFieldTable::customers;
      const std::uint32_t rows = on_customer ? portfolio.customer_count : portfolio.invoice_count;
      offsets_[k].push_back(0);
      for (std::uint32_t row = 0; row < rows; ++row) {
        present_[k].push_back(rng_.percent(85) ? 1 : 0);
        values_[k].push_back(value(fields[k].type));
        const std::string word = rng_.pick(kWords);
        bytes_[k] += word;
        offsets_[k].push_back(static_cast<std::uint32_t>(bytes_[k].size()));
      }
      dsl::CustomFieldColumn column;
      column.values = fields[k].type == CustomFieldType::string ? nullptr : values_[k].data();
      column.text = {bytes_[k].data(), offsets_[k].data(), nullptr};
      column.present = present_[k].data();
      column.on_customer = on_customer ? 1 : 0;
      columns_.push_back(column);
    }
  }
  const std::vector<dsl::CustomFieldColumn>& columns() const { return columns_; }

 private:
  std::int64_t value(CustomFieldType type) {
    switch (type) {
      case CustomFieldType::boolean:
        return rng_.percent(50) ? 1 : 0;
      case CustomFieldType::integer:
        return rng_.percent(3) ? std::numeric_limits<std::int64_t>::max() - rng_.between(0, 3)
                               : rng_.between(-5, 10);
      case CustomFieldType::decimal:
        return rng_.between(-2'000'000, 5'000'000);
      case CustomFieldType::date:  // around the run dates, sometimes at the end of time
        return rng_.percent(2) ? Date::parse("9999-12-30")->days()
                               : Date::parse("2026-01-01")->days() + rng_.between(-90, 150);
      case CustomFieldType::money:
        return rng_.percent(3) ? std::numeric_limits<std::int64_t>::max() / 2
                               : rng_.between(-50'000, 500'000);
      case CustomFieldType::string:
        break;
    }
    return 0;
  }

  Rng rng_;
  std::vector<std::vector<std::int64_t>> values_;
  std::vector<std::vector<std::uint8_t>> present_;
  std::vector<std::string> bytes_;
  std::vector<std::vector<std::uint32_t>> offsets_;
  std::vector<dsl::CustomFieldColumn> columns_;
};

struct Checked {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::CheckedFile file;
};

Checked check_with_fields(const char* text) {
  Checked checked;
  checked.source = std::make_unique<dsl::SourceFile>("custom.dun", text);
  dsl::Diagnostics diagnostics;
  const dsl::ast::File file = dsl::parse(*checked.source, diagnostics);
  const std::vector<CustomFieldDeclaration> fields = declarations();
  dsl::CheckOptions options;
  options.fields = *dsl::FieldTable::with_custom(fields);
  checked.file = dsl::check(file, *checked.source, options, diagnostics);
  for (const dsl::Diagnostic& d : diagnostics.items()) {
    if (d.severity == dsl::Severity::error) {
      ADD_FAILURE() << d.pos.line << ":" << d.pos.column << ": " << d.message << "\n" << text;
    }
  }
  return checked;
}

TEST(CustomFieldsDifftest, EveryBackEndDecidesAsTheReferenceOnEveryCustomType) {
  constexpr std::uint64_t kSeeds = 120;
  std::size_t errors = 0, fired = 0, rows_seen = 0;
  for (const char* text : kScenarios) {
    const Checked checked = check_with_fields(text);
    ASSERT_EQ(checked.file.scenarios.size(), 1u);
    const dsl::ir::Scenario& scenario = checked.file.scenarios[0];
    const auto backends = testing::compile_on_every_backend(scenario);
    ASSERT_EQ(backends.size(), backend_factories().size());
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
      const RandomBatch batch(seed, scenario.steps.size());
      dsl::PortfolioColumns portfolio = *batch.input().portfolio;
      const RandomCustomColumns custom(seed * 7919, portfolio);
      portfolio.custom_fields = custom.columns().data();
      portfolio.custom_field_count = static_cast<std::uint32_t>(custom.columns().size());
      dsl::BatchInput input = batch.input();
      input.portfolio = &portfolio;
      const std::vector<dsl::Decision> reference =
          testing::expect_backends_agree(backends, input, batch, seed, text);
      for (const dsl::Decision& decision : reference) {
        errors += decision.outcome == dsl::Outcome::error ? 1 : 0;
        fired += decision.outcome == dsl::Outcome::fire ? 1 : 0;
      }
      rows_seen += reference.size();
    }
  }
  // The random data reaches both outcomes the test is about.
  EXPECT_GT(errors, rows_seen / 50);
  EXPECT_GT(fired, rows_seen / 500);
}

}  // namespace
}  // namespace dun::difftest
