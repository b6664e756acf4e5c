// Helpers of the interpreter's test suites: scenarios from text through the real parser and
// checker, a hand-filled columnar portfolio, and one-row batches.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/batch.hpp"
#include "dsl/check.hpp"
#include "dsl/interp.hpp"
#include "dsl/parse.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/date.hpp"

namespace dun::dsl::testing {

inline std::int32_t day(std::string_view iso) { return Date::parse(iso)->days(); }
inline std::uint16_t currency(std::string_view code) { return Currency::from_code(code)->index(); }

// The first scenario of `text`, parsed and checked (no template folder); any error fails the test.
inline std::unique_ptr<ir::Scenario> compile(const std::string& text) {
  const SourceFile source("test.dun", text);
  Diagnostics diagnostics;
  const ast::File file = parse(source, diagnostics);
  CheckedFile checked = check(file, source, CheckOptions{}, diagnostics);
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::error) {
      ADD_FAILURE() << d.pos.line << ":" << d.pos.column << ": " << d.message << "\n" << text;
    }
  }
  if (checked.scenarios.empty()) return std::make_unique<ir::Scenario>();
  return std::make_unique<ir::Scenario>(std::move(checked.scenarios[0]));
}

// Strings in the StringColumn layout (bytes + offsets), indexed by row.
struct StringsBuilder {
  std::string bytes;
  std::vector<std::uint32_t> offsets{0};
  void add(std::string_view text) {
    bytes += text;
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
  StringColumn column() const { return {bytes.data(), offsets.data(), nullptr}; }
};

struct InvoiceSpec {
  std::string id = "INV-1";
  std::string number = "F2026-001";
  std::uint8_t kind = 0;
  std::int32_t issue_date = day("2025-12-01");
  std::int32_t due_date = day("2026-01-12");
  std::string currency = "EUR";
  std::int64_t amount = 12000;
  std::int64_t balance = 12000;
  bool disputed = false;
  std::int32_t promise_date = kNoDate;
  std::uint32_t customer = 0;
};

struct ContactSpec {
  std::string name, email, phone, role;
};

struct CustomerSpec {
  std::string id = "C1";
  std::string name = "Acme SARL";
  std::string segment = "sme";
  std::string country = "FR";
  std::string language = "fr";
  std::string scenario = "standard_b2b";
  std::string email = "ap@acme.example";
  std::string currency = "EUR";
  std::int64_t credit_limit = 0;
  bool has_credit_limit = false;
  bool has_collector = true;
  std::int64_t overdue_total = 0;
  std::int64_t open_total = 0;
  std::uint32_t open_count = 0;
  std::uint32_t overdue_count = 0;
  std::int32_t oldest_due_date = kNoDate;
  bool aggregates_missing_rate = false;
  bool aggregates_overflow = false;  // a total overflowed (wins over aggregates_missing_rate)
  std::vector<ContactSpec> contacts;
};

// A portfolio of hand-written invoices and customers; one collector (row 0).
class TestPortfolio {
 public:
  std::vector<InvoiceSpec> invoices{InvoiceSpec{}};
  std::vector<CustomerSpec> customers{CustomerSpec{}};

  const PortfolioColumns& columns() {
    build();
    return columns_;
  }

 private:
  void build();

  PortfolioColumns columns_;
  std::vector<std::uint32_t> invoice_customer_;
  std::vector<std::uint8_t> kind_, disputed_, has_credit_limit_, missing_rate_;
  std::vector<std::int32_t> issue_, due_, promise_, oldest_;
  std::vector<std::uint16_t> invoice_currency_, customer_currency_;
  std::vector<std::int64_t> amount_, balance_, credit_limit_, overdue_total_, open_total_;
  std::vector<std::uint32_t> open_count_, overdue_count_, collector_;
  std::vector<std::uint32_t> contact_begin_, contact_rows_;
  StringsBuilder invoice_id_, invoice_number_, customer_id_, customer_name_, segment_, country_,
      language_, scenario_, email_, collector_name_, collector_email_, collector_phone_,
      contact_name_, contact_email_, contact_phone_, contact_role_;
};

inline void TestPortfolio::build() {
  // Rebuilt from the specs each time, so a test may edit a spec and call columns() again.
  TestPortfolio fresh;
  fresh.invoices = invoices;
  fresh.customers = customers;
  for (const InvoiceSpec& invoice : invoices) {
    fresh.invoice_customer_.push_back(invoice.customer);
    fresh.kind_.push_back(invoice.kind);
    fresh.disputed_.push_back(invoice.disputed ? 1 : 0);
    fresh.issue_.push_back(invoice.issue_date);
    fresh.due_.push_back(invoice.due_date);
    fresh.promise_.push_back(invoice.promise_date);
    fresh.invoice_currency_.push_back(currency(invoice.currency));
    fresh.amount_.push_back(invoice.amount);
    fresh.balance_.push_back(invoice.balance);
    fresh.invoice_id_.add(invoice.id);
    fresh.invoice_number_.add(invoice.number);
  }
  fresh.contact_begin_.push_back(0);
  for (const CustomerSpec& customer : customers) {
    fresh.customer_id_.add(customer.id);
    fresh.customer_name_.add(customer.name);
    fresh.segment_.add(customer.segment);
    fresh.country_.add(customer.country);
    fresh.language_.add(customer.language);
    fresh.scenario_.add(customer.scenario);
    fresh.email_.add(customer.email);
    fresh.customer_currency_.push_back(currency(customer.currency));
    fresh.credit_limit_.push_back(customer.credit_limit);
    fresh.has_credit_limit_.push_back(customer.has_credit_limit ? 1 : 0);
    fresh.collector_.push_back(customer.has_collector ? 0 : kNoIndex);
    fresh.overdue_total_.push_back(customer.overdue_total);
    fresh.open_total_.push_back(customer.open_total);
    fresh.open_count_.push_back(customer.open_count);
    fresh.overdue_count_.push_back(customer.overdue_count);
    fresh.oldest_.push_back(customer.oldest_due_date);
    fresh.missing_rate_.push_back(customer.aggregates_overflow       ? kAggregatesOverflow
                                  : customer.aggregates_missing_rate ? 1
                                                                     : 0);
    for (const ContactSpec& contact : customer.contacts) {
      fresh.contact_rows_.push_back(static_cast<std::uint32_t>(fresh.contact_rows_.size()));
      fresh.contact_name_.add(contact.name);
      fresh.contact_email_.add(contact.email);
      fresh.contact_phone_.add(contact.phone);
      fresh.contact_role_.add(contact.role);
    }
    fresh.contact_begin_.push_back(static_cast<std::uint32_t>(fresh.contact_rows_.size()));
  }
  fresh.collector_name_.add("Claire Martin");
  fresh.collector_email_.add("claire@dun.example");
  fresh.collector_phone_.add("+33 1 23 45 67 89");
  *this = std::move(fresh);

  PortfolioColumns& c = columns_;
  c.invoice_count = static_cast<std::uint32_t>(invoices.size());
  c.customer_count = static_cast<std::uint32_t>(customers.size());
  c.invoice_customer = invoice_customer_.data();
  c.invoice_kind = kind_.data();
  c.issue_date = issue_.data();
  c.due_date = due_.data();
  c.invoice_currency = invoice_currency_.data();
  c.amount = amount_.data();
  c.balance = balance_.data();
  c.disputed = disputed_.data();
  c.promise_date = promise_.data();
  c.invoice_id = invoice_id_.column();
  c.invoice_number = invoice_number_.column();
  c.customer_id = customer_id_.column();
  c.customer_name = customer_name_.column();
  c.customer_segment = segment_.column();
  c.customer_country = country_.column();
  c.customer_language = language_.column();
  c.customer_scenario = scenario_.column();
  c.customer_email = email_.column();
  c.customer_currency = customer_currency_.data();
  c.credit_limit = credit_limit_.data();
  c.has_credit_limit = has_credit_limit_.data();
  c.customer_collector = collector_.data();
  c.overdue_total = overdue_total_.data();
  c.open_total = open_total_.data();
  c.open_count = open_count_.data();
  c.overdue_count = overdue_count_.data();
  c.oldest_due_date = oldest_.data();
  c.aggregates_missing_rate = missing_rate_.data();
  c.collector_name = collector_name_.column();
  c.collector_email = collector_email_.column();
  c.collector_phone = collector_phone_.column();
  c.contact_begin = contact_begin_.data();
  c.contact_rows = contact_rows_.data();
  c.contact_name = contact_name_.column();
  c.contact_email = contact_email_.column();
  c.contact_phone = contact_phone_.column();
  c.contact_role = contact_role_.column();
}

// Where one invoice stands in its sequence before the run.
struct SequenceState {
  SequenceState(SequenceStatus status_ = SequenceStatus::active, std::uint8_t flags_ = 0,
                std::int8_t last_step_ = -1, std::vector<std::int32_t> step_dates_ = {})
      : status(status_), flags(flags_), last_step(last_step_), step_dates(std::move(step_dates_)) {}
  SequenceStatus status;
  std::uint8_t flags;
  std::int8_t last_step;
  std::vector<std::int32_t> step_dates;  // empty: no step has a date
};

// A batch of every invoice of `portfolio` (row i = invoice i) with the given sequence states.
class TestBatch {
 public:
  TestBatch(TestPortfolio& portfolio, std::size_t step_count, std::vector<SequenceState> states,
            std::int32_t today, EvalEnvironment environment = {}) {
    const PortfolioColumns& columns = portfolio.columns();
    const std::size_t row_count = columns.invoice_count;
    dates_.assign(step_count * row_count, kNoDate);  // a column per step (dsl/batch.hpp)
    for (std::uint32_t row = 0; row < columns.invoice_count; ++row) {
      rows_.push_back(row);
      const SequenceState state = row < states.size() ? states[row] : SequenceState{};
      status_.push_back(state.status);
      flags_.push_back(state.flags);
      last_.push_back(state.last_step);
      for (std::size_t k = 0; k < step_count && k < state.step_dates.size(); ++k) {
        dates_[step_date_index(k, row_count, row)] = state.step_dates[k];
      }
    }
    input_.portfolio = &columns;
    input_.rows = rows_.data();
    input_.row_count = static_cast<std::uint32_t>(rows_.size());
    input_.sequences = {status_.data(), flags_.data(), last_.data(), dates_.data()};
    input_.today = today;
    input_.environment = environment;
  }
  const BatchInput& input() const { return input_; }

 private:
  std::vector<std::uint32_t> rows_;
  std::vector<SequenceStatus> status_;
  std::vector<std::uint8_t> flags_;
  std::vector<std::int8_t> last_;
  std::vector<std::int32_t> dates_;
  BatchInput input_;
};

// The decisions of `scenario` for every invoice of `portfolio`.
inline std::vector<Decision> decide(const ir::Scenario& scenario, TestPortfolio& portfolio,
                                    std::vector<SequenceState> states, std::int32_t today,
                                    EvalEnvironment environment = {}) {
  const TestBatch batch(portfolio, scenario.steps.size(), std::move(states), today, environment);
  auto interpreter = Interpreter::create(scenario);
  EXPECT_TRUE(interpreter.ok());
  std::vector<Decision> decisions(batch.input().row_count);
  if (interpreter.ok()) interpreter->evaluate(batch.input(), decisions);
  return decisions;
}

}  // namespace dun::dsl::testing
