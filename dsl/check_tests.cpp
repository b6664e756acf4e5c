// Scenario tests (language.md §6): which scenario a test exercises, and the types of its
// portfolio data (dates and amounts written as literals).
#include <algorithm>
#include <string>
#include <vector>

#include "dsl/check_context.hpp"
#include "dsl/test_case.hpp"
#include "stdlib/currency.hpp"

namespace dun::dsl::check_detail {
namespace {

void check_data(Checker& checker, const ast::ExprPtr& expr, Type expected, std::string_view what) {
  if (!expr) return;
  const Scope literals_only{};
  ir::ExprPtr value = checker.check_typed(expr.get(), literals_only, expected, what);
  if (value->type == Type::money) {
    if (const auto* constant = std::get_if<ir::MoneyConst>(&value->node);
        constant != nullptr && constant->value.minor < 0) {
      checker.error(value->range.begin, std::string(what) + " cannot be negative");
    }
  }
}

void check_currency_code(Checker& checker, const std::optional<ast::Name>& code) {
  if (!code || Currency::from_code(code->text)) return;
  checker.error(code->range.begin, "unknown currency '" + code->text + "'");
}

void check_portfolio(Checker& checker, const ast::Test& test) {
  for (const ast::TestCustomer& customer : test.customers) {
    check_currency_code(checker, customer.currency);
    check_data(checker, customer.credit_limit, Type::money, "'credit_limit'");
  }
  for (const ast::TestInvoice& invoice : test.invoices) {
    check_data(checker, invoice.due, Type::date, "'due'");
    check_data(checker, invoice.balance, Type::money, "'balance'");
    check_data(checker, invoice.amount, Type::money, "'amount'");
    check_data(checker, invoice.issued, Type::date, "'issued'");
    check_data(checker, invoice.promised, Type::date, "'promised'");
  }
  for (const ast::TestEvent& event : test.events) {
    check_data(checker, event.amount, Type::money, "'pay'");
    check_data(checker, event.promise_date, Type::date, "'promise'");
  }
}

// Ids must be unique within a test (they become snapshot rows), and an event that names an
// invoice must name one of the test's.
void check_names(Checker& checker, const ast::Test& test) {
  std::vector<std::string> invoice_ids;
  for (std::size_t i = 0; i < test.invoices.size(); ++i) {
    const std::string id = test_invoice_id(test, i);
    if (std::find(invoice_ids.begin(), invoice_ids.end(), id) != invoice_ids.end()) {
      checker.error(test.invoices[i].range.begin,
                    "invoice '" + id + "' is declared twice in this test; give it another id");
    }
    invoice_ids.push_back(id);
  }
  std::vector<std::string> customer_ids;
  for (std::size_t c = 0; c < test.customers.size(); ++c) {
    const std::string id = test_customer_id(test, c);
    if (std::find(customer_ids.begin(), customer_ids.end(), id) != customer_ids.end()) {
      checker.error(test.customers[c].range.begin,
                    "customer '" + id + "' is declared twice in this test; give it another id");
    }
    customer_ids.push_back(id);
  }
  std::vector<std::string_view> names(invoice_ids.begin(), invoice_ids.end());
  for (const ast::TestEvent& event : test.events) {
    if (event.invoice) {
      if (!find_test_invoice(test, event.invoice->value)) {
        checker.error(event.invoice->range.begin,
                      "unknown invoice '" + event.invoice->value + "' in this test" +
                          suggest_or_list(event.invoice->value, names, "the test declares"));
      }
    } else if (event.kind == ast::TestEventKind::pay && test.invoices.size() > 1) {
      checker.error(event.range.begin,
                    "this test has " + std::to_string(test.invoices.size()) +
                        " invoices: say which one is paid, like 'pay 100 EUR \"" +
                        invoice_ids.front() + "\"'");
    } else if (event.kind == ast::TestEventKind::pay && test.invoices.empty()) {
      checker.error(event.range.begin, "there is no invoice to pay: add an 'invoice' line");
    }
  }
}

}  // namespace

std::optional<std::size_t> test_scenario(Checker& checker, const ast::Test& test,
                                         const std::vector<ast::Scenario>& scenarios) {
  check_portfolio(checker, test);
  check_names(checker, test);
  const std::string quoted = "test \"" + test.name.value + "\"";
  if (test.scenario) {
    std::vector<std::string_view> names;
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      if (scenarios[i].name.text == test.scenario->text) return i;
      names.push_back(scenarios[i].name.text);
    }
    checker.error(test.scenario->range.begin,
                  "unknown scenario '" + test.scenario->text + "'" +
                      suggest_or_list(test.scenario->text, names, "this file declares"));
    return std::nullopt;
  }
  if (scenarios.size() == 1) return 0;
  if (scenarios.empty()) {
    checker.error(test.name.range.begin,
                  quoted + " has no scenario to run: this file declares none");
  } else {
    checker.error(test.name.range.begin,
                  quoted + " must name its scenario ('for SCENARIO'): this file declares " +
                      std::to_string(scenarios.size()) + " scenarios");
  }
  return std::nullopt;
}

}  // namespace dun::dsl::check_detail
