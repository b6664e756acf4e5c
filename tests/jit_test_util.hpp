// Helpers of the JIT's test suites: every scenario of a file through the real parser and checker,
// a varied synthetic portfolio (every sequence state, absent values, three currencies, a missing
// rate), and the comparison of the JIT's decisions with the reference interpreter's.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

#include "dsl/jit.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/money.hpp"
#include "tests/interp_test_util.hpp"

namespace dun::dsl::testing {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every scenario of `text` (checked against `templates` when given); any error fails the test.
inline std::vector<std::unique_ptr<ir::Scenario>> compile_all(
    const std::string& name, const std::string& text,
    std::optional<std::filesystem::path> templates = std::nullopt) {
  const SourceFile source(name, text);
  Diagnostics diagnostics;
  const ast::File file = parse(source, diagnostics);
  CheckOptions options;
  options.templates_dir = templates;
  CheckedFile checked = check(file, source, options, diagnostics);
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::error) {
      ADD_FAILURE() << name << ":" << d.pos.line << ":" << d.pos.column << ": " << d.message;
    }
  }
  std::vector<std::unique_ptr<ir::Scenario>> scenarios;
  for (ir::Scenario& scenario : checked.scenarios) {
    scenarios.push_back(std::make_unique<ir::Scenario>(std::move(scenario)));
  }
  return scenarios;
}

inline std::unique_ptr<CompiledScenario> jit_or_fail(const ir::Scenario& scenario, int opt_level,
                                                     std::filesystem::path cache_dir = {}) {
  JitOptions options;
  options.opt_level = opt_level;
  options.cache_dir = std::move(cache_dir);
  options.cache_key = "test";
  auto compiled = compile_jit(scenario, options);
  EXPECT_TRUE(compiled.ok()) << (compiled.ok() ? "" : compiled.error().message);
  return compiled.ok() ? std::move(compiled).value() : nullptr;
}

// What DUN_JIT_DUMP leaves of `scenario` compiled at --opt 2: its optimised IR and machine code.
// The dump folder is this process's own: ctest runs a suite's tests in parallel processes.
struct JitDump {
  std::string ir;
  std::string assembly;
  std::string object;  // the relocatable object the JIT linked
};
inline JitDump dump_jit(const ir::Scenario& scenario, int opt_level = 2) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("dun-jit-dump-" + scenario.name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  setenv("DUN_JIT_DUMP", dir.c_str(), 1);
  auto jit = jit_or_fail(scenario, opt_level);
  unsetenv("DUN_JIT_DUMP");
  EXPECT_NE(jit, nullptr);
  JitDump dump{read_text(dir / ("scenario_" + scenario.name + ".ll")),
               read_text(dir / ("scenario_" + scenario.name + ".s")),
               read_text(dir / ("scenario_" + scenario.name + ".o"))};
  std::filesystem::remove_all(dir);
  return dump;
}

inline std::string describe(const Decision& d) {
  std::ostringstream out;
  out << "{flags " << int(d.flags) << ", outcome " << int(d.outcome) << ", step " << int(d.step)
      << ", skipped " << int(d.first_skipped) << "+" << int(d.skipped_count) << " reasons "
      << d.skip_reasons << ", error " << int(d.error) << " site " << d.error_site << "}";
  return out.str();
}

// The interpreter's decisions and the JIT's at -O0, -O2 and -O3 (each with its own first pass, or
// none) for the same batch: equal, row by row. Returns the interpreter's, so a test can also check
// what they contain.
inline std::vector<Decision> expect_backends_agree(const ir::Scenario& scenario,
                                                   const BatchInput& batch) {
  auto interpreter = Interpreter::create(scenario);
  EXPECT_TRUE(interpreter.ok());
  std::vector<Decision> expected(batch.row_count);
  if (interpreter.ok()) interpreter->evaluate(batch, expected);
  for (const int opt_level : {0, 2, 3}) {
    auto jit = jit_or_fail(scenario, opt_level);
    if (jit == nullptr) continue;
    std::vector<Decision> actual(batch.row_count);
    jit->evaluate(batch, actual);
    int mismatches = 0;
    for (std::size_t row = 0; row < expected.size() && mismatches < 5; ++row) {
      if (!(actual[row] == expected[row])) {
        ++mismatches;
        ADD_FAILURE() << scenario.name << " -O" << opt_level << " row " << row << ": interpreter "
                      << describe(expected[row]) << ", JIT " << describe(actual[row]);
      }
    }
  }
  return expected;
}

// A varied portfolio and sequence states: `count` invoices over a few customers, due dates
// around `today`, balances zero, small, large and negative, EUR/USD/GBP/CHF (no CHF rate), absent
// promise dates, credit limits and collectors, and every sequence status and flag.
struct SyntheticBatch {
  TestPortfolio portfolio;
  std::vector<SequenceState> states;

  SyntheticBatch(std::size_t count, std::size_t step_count, std::int32_t today,
                 std::uint32_t seed) {
    std::mt19937 random(seed);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const char* currencies[] = {"EUR", "EUR", "EUR", "USD", "GBP", "CHF"};
    const char* segments[] = {"sme", "public", "key_account", "retail"};
    portfolio.customers.clear();
    for (int c = 0; c < 8; ++c) {
      CustomerSpec customer;
      customer.id = "C" + std::to_string(c);
      customer.segment = segments[pick(4)];
      customer.currency = c == 7 ? "USD" : "EUR";
      customer.overdue_total = std::int64_t{pick(5)} * 40'000'00 / 4;
      customer.open_total = customer.overdue_total + pick(100'000);
      customer.open_count = static_cast<std::uint32_t>(pick(4));
      customer.overdue_count = static_cast<std::uint32_t>(pick(3));
      customer.oldest_due_date = pick(4) == 0 ? kNoDate : today - pick(200);
      customer.has_credit_limit = pick(2) == 0;
      customer.credit_limit = pick(50'000'00);
      customer.has_collector = pick(5) != 0;
      customer.aggregates_missing_rate = pick(9) == 0;
      if (pick(2) == 0) customer.contacts.push_back({"Ann", "ann@x.example", "1", "billing"});
      portfolio.customers.push_back(customer);
    }
    portfolio.invoices.clear();
    for (std::size_t i = 0; i < count; ++i) {
      InvoiceSpec invoice;
      invoice.id = "INV-" + std::to_string(i);
      invoice.kind = pick(8) == 0 ? 1 : 0;
      invoice.due_date = pick(20) == 0 ? kNoDate : today - 60 + pick(120);
      invoice.issue_date = invoice.due_date == kNoDate ? today - 30 : invoice.due_date - 30;
      invoice.currency = currencies[pick(6)];
      const int balance_kind = pick(6);
      invoice.balance = balance_kind == 0   ? 0
                        : balance_kind == 1 ? -pick(10'000)
                        : balance_kind == 2 ? pick(6'000)
                                            : pick(3'000'000);
      invoice.amount = invoice.balance + pick(1000);
      invoice.disputed = pick(6) == 0;
      const int promise = pick(4);
      invoice.promise_date = promise == 0   ? today + pick(10)
                             : promise == 1 ? today - pick(10)
                                            : kNoDate;
      invoice.customer = static_cast<std::uint32_t>(pick(8));
      portfolio.invoices.push_back(invoice);

      SequenceState state;
      state.status = static_cast<SequenceStatus>(pick(8) < 4 ? 1 : pick(4));
      const int flags = pick(10);
      state.flags = flags == 0   ? kSequencePaused
                    : flags == 1 ? kSequenceAwaiting
                    : flags == 2 ? kSequenceActedToday
                                 : 0;
      state.last_step = static_cast<std::int8_t>(pick(static_cast<int>(step_count) + 1) - 1);
      for (std::size_t k = 0; k < step_count; ++k) {
        const bool reached = static_cast<int>(k) <= state.last_step;
        state.step_dates.push_back(reached && pick(12) != 0 ? today - pick(40) : kNoDate);
      }
      states.push_back(state);
    }
  }
};

// EUR base; USD and GBP known, CHF deliberately missing.
inline const RateTable& test_rates() {
  static const RateTable rates = [] {
    RateTable table(*Currency::from_code("EUR"));
    table.set_scaled(*Currency::from_code("USD"), 1'080'000'000);
    table.set_scaled(*Currency::from_code("GBP"), 850'000'000);
    return table;
  }();
  return rates;
}

inline const LateInterestRate& test_late_interest() {
  static const LateInterestRate rate = LateInterestRate::parse("ECB+10").value();
  return rate;
}

}  // namespace dun::dsl::testing
