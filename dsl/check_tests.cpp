// Scenario tests (language.md §6): which scenario a test exercises, and the types of its
// portfolio data (dates and amounts written as literals).
#include <string>
#include <vector>

#include "dsl/check_context.hpp"
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

}  // namespace

std::optional<std::size_t> test_scenario(Checker& checker, const ast::Test& test,
                                         const std::vector<ast::Scenario>& scenarios) {
  check_portfolio(checker, test);
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
