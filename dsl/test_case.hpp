// A scenario test (language.md §6) lowered to plain data: the tiny portfolio it builds and the
// days it walks, with every literal evaluated and every default filled in, ready for the engine to
// write as snapshots and run (docs/scenario-tests.md says which defaults and why).
//
// Lowering expects a test the checker accepted (check.hpp): literals are well typed and every
// invoice an event names exists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/ir.hpp"
#include "stdlib/date.hpp"
#include "stdlib/money.hpp"

namespace dun::dsl {

struct TestCustomerData {
  std::string id;
  std::string name;
  std::string segment;
  std::string language;
  std::string country;
  std::string currency;
  std::string email;
  std::string scenario;      // "none" = no follow-up
  std::string credit_limit;  // decimal text, empty when absent
};

struct TestInvoiceData {
  std::string id;
  std::string customer_id;
  std::string number;
  bool credit_note = false;
  Date issued;
  Date due;
  Money amount;
  Money balance;
  bool disputed = false;
  bool dunning = true;
  std::optional<Date> promise_date;
};

struct TestExpectation {
  Channel channel = Channel::email;
  std::optional<LetterType> letter_type;  // nullopt: any letter type
  std::string text;                       // template name, or task text
};

struct TestDayEvent {
  std::uint32_t line = 0;  // of the `on` line, for failure reports
  Date date;
  ast::TestEventKind kind = ast::TestEventKind::expect_nothing;
  std::optional<TestExpectation> expected;  // expect_action
  std::optional<Money> amount;              // pay
  std::optional<Date> promise_date;         // promise
  std::vector<std::size_t> invoices;        // pay/dispute/resolve/promise: indices into invoices
};

struct TestCase {
  std::string name;
  std::string scenario;
  std::uint32_t line = 0;  // of the `test` keyword
  std::vector<TestCustomerData> customers;
  std::vector<TestInvoiceData> invoices;
  std::vector<TestDayEvent> events;  // by date; same-day events keep their source order
  // Per step of the scenario, the task texts as written (with their `{placeholders}`): an
  // `expect task` may quote either these or the rendered text.
  std::vector<std::pair<std::string, std::string>> task_sources;  // (step, text)
};

// The id a test invoice gets when it names none: "INV-1", "INV-2"… by its position in the test.
std::string test_invoice_id(const ast::Test& test, std::size_t invoice);
// The id a test customer gets when it names none: "C1", "C2"… by position; invoices written
// before any `customer` line belong to a default customer "C0".
std::string test_customer_id(const ast::Test& test, std::size_t customer);
// Index of the invoice with that id (explicit or default), if any.
std::optional<std::size_t> find_test_invoice(const ast::Test& test, std::string_view id);

// `source` is the scenario as parsed (for the task texts as written), `scenario` the checked one.
TestCase lower_test(const ast::Test& test, const ast::Scenario& source,
                    const ir::Scenario& scenario, const std::string& default_language);

}  // namespace dun::dsl
