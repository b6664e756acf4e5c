// The synthetic evaluation workload of the decision benchmarks (interp_bench, jit_compile_bench):
// 1,000,000 invoices over 20,000 customers, with the sequences spread over every step and state
// (not started, active at each step, paused, awaiting, closed), some USD invoices compared with
// EUR thresholds through a rate table, disputes, promises and credit notes.
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/batch.hpp"
#include "dsl/check.hpp"
#include "dsl/parse.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/date.hpp"
#include "stdlib/money.hpp"

namespace dun::dsl::bench {

inline constexpr std::uint32_t kInvoices = 1'000'000;
inline constexpr std::uint32_t kCustomers = 20'000;

// The first scenario of `text`, checked without templates; null when it does not check.
inline std::unique_ptr<ir::Scenario> check_first_scenario(const std::string& text) {
  const SourceFile source("bench.dun", text);
  Diagnostics diagnostics;
  const ast::File file = parse(source, diagnostics);
  CheckedFile checked = check(file, source, CheckOptions{}, diagnostics);
  if (checked.scenarios.empty()) return nullptr;
  return std::make_unique<ir::Scenario>(std::move(checked.scenarios[0]));
}

inline std::string read_source(const std::string& relative_path) {
  std::ifstream in(std::string(DUN_SOURCE_DIR) + "/" + relative_path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A small deterministic generator (no <random> distribution differences between libraries).
struct Lcg {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  std::uint32_t next(std::uint32_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((state >> 33) % bound);
  }
};

struct Strings {
  std::string bytes;
  std::vector<std::uint32_t> offsets{0};
  void add(const std::string& text) {
    bytes += text;
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
  StringColumn column() const { return {bytes.data(), offsets.data(), nullptr}; }
};

struct SyntheticRun {
  std::int32_t today = Date::from_ymd(2026, 3, 2).days();
  std::vector<std::uint32_t> invoice_customer, rows, collector, open_count, overdue_count,
      contact_begin;
  std::vector<std::uint8_t> kind, disputed, has_limit, missing_rate, flags;
  std::vector<std::int32_t> issue, due, promise, oldest, step_dates;
  std::vector<std::uint16_t> invoice_currency, customer_currency;
  std::vector<std::int64_t> amount, balance, limit, overdue_total, open_total;
  std::vector<SequenceStatus> status;
  std::vector<std::int8_t> last_step;
  Strings invoice_id, invoice_number, customer_id, customer_name, text, collector_text;
  PortfolioColumns columns;
  RateTable rates{*Currency::from_code("EUR")};
  BatchInput batch;

  explicit SyntheticRun(std::size_t step_count) {
    Lcg random;
    const std::uint16_t eur = Currency::from_code("EUR")->index();
    const std::uint16_t usd = Currency::from_code("USD")->index();
    rates.set_scaled(*Currency::from_code("USD"), 920'000'000);
    for (std::uint32_t c = 0; c < kCustomers; ++c) {
      customer_id.add("C" + std::to_string(c));
      customer_name.add("Customer " + std::to_string(c));
      text.add("sme");
      customer_currency.push_back(eur);
      limit.push_back(0);
      has_limit.push_back(0);
      collector.push_back(c % 7 == 0 ? kNoIndex : 0);
      overdue_total.push_back(std::int64_t{random.next(300'000)});
      open_total.push_back(std::int64_t{random.next(600'000)});
      open_count.push_back(random.next(50));
      overdue_count.push_back(random.next(20));
      oldest.push_back(today - static_cast<std::int32_t>(random.next(120)));
      missing_rate.push_back(random.next(200) == 0 ? 1 : 0);
      contact_begin.push_back(0);
    }
    contact_begin.push_back(0);
    collector_text.add("Claire Martin");
    step_dates.assign(std::size_t{kInvoices} * step_count, kNoDate);  // a column per step
    for (std::uint32_t i = 0; i < kInvoices; ++i) {
      invoice_customer.push_back(random.next(kCustomers));
      kind.push_back(random.next(30) == 0 ? 1 : 0);
      const std::int32_t due_date = today - 60 + static_cast<std::int32_t>(random.next(90));
      due.push_back(due_date);
      issue.push_back(due_date - 30);
      invoice_currency.push_back(random.next(10) == 0 ? usd : eur);
      amount.push_back(std::int64_t{random.next(500'000)});
      balance.push_back(random.next(12) == 0 ? 0 : amount.back());
      disputed.push_back(random.next(25) == 0 ? 1 : 0);
      promise.push_back(
          random.next(20) == 0 ? today + static_cast<std::int32_t>(random.next(20)) - 10 : kNoDate);
      invoice_id.add("I" + std::to_string(i));
      invoice_number.add("F" + std::to_string(i));
      rows.push_back(i);
      // Where the sequence stands: the steps whose usual date has passed are reached.
      const std::int32_t overdue = today - due_date;
      std::int8_t last = -1;
      if (overdue >= -3) last = 0;
      if (overdue >= 7) last = 1;
      if (overdue >= 17) last = 2;
      if (overdue >= 32) last = 3;
      if (random.next(3) == 0 && last >= 0) --last;  // some are due today or late
      last_step.push_back(last);
      const std::int32_t at[] = {due_date - 3, due_date + 7, due_date + 17, due_date + 32,
                                 due_date + 42};
      for (std::size_t k = 0; k < step_count; ++k) {
        if (static_cast<std::int8_t>(k) <= last) {
          step_dates[step_date_index(k, kInvoices, i)] = at[k];
        }
      }
      const std::uint32_t state = random.next(40);
      status.push_back(last < 0 && state < 20 ? SequenceStatus::none
                       : state == 0           ? SequenceStatus::closed
                                              : SequenceStatus::active);
      flags.push_back(state == 1 ? kSequencePaused : (state == 2 ? kSequenceAwaiting : 0));
    }
    fill_columns();
  }

  void fill_columns() {
    PortfolioColumns& c = columns;
    c.invoice_count = kInvoices;
    c.customer_count = kCustomers;
    c.invoice_customer = invoice_customer.data();
    c.invoice_kind = kind.data();
    c.issue_date = issue.data();
    c.due_date = due.data();
    c.invoice_currency = invoice_currency.data();
    c.amount = amount.data();
    c.balance = balance.data();
    c.disputed = disputed.data();
    c.promise_date = promise.data();
    c.invoice_id = invoice_id.column();
    c.invoice_number = invoice_number.column();
    c.customer_id = customer_id.column();
    c.customer_name = customer_name.column();
    c.customer_segment = text.column();
    c.customer_country = text.column();
    c.customer_language = text.column();
    c.customer_scenario = text.column();
    c.customer_email = text.column();
    c.customer_currency = customer_currency.data();
    c.credit_limit = limit.data();
    c.has_credit_limit = has_limit.data();
    c.customer_collector = collector.data();
    c.overdue_total = overdue_total.data();
    c.open_total = open_total.data();
    c.open_count = open_count.data();
    c.overdue_count = overdue_count.data();
    c.oldest_due_date = oldest.data();
    c.aggregates_missing_rate = missing_rate.data();
    c.collector_name = collector_text.column();
    c.collector_email = collector_text.column();
    c.collector_phone = collector_text.column();
    c.contact_begin = contact_begin.data();
    batch.portfolio = &columns;
    batch.rows = rows.data();
    batch.row_count = kInvoices;
    batch.sequences = {status.data(), flags.data(), last_step.data(), step_dates.data()};
    batch.today = today;
    batch.environment.rates = &rates;
  }
};

}  // namespace dun::dsl::bench
