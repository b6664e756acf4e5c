// Scenario tests (language.md §6): parse-tree nodes of grammar.hpp → ast::Test.
#include <cstdint>

#include "dsl/grammar.hpp"
#include "dsl/tree_builder.hpp"

namespace dun::dsl {

namespace g = grammar;

ast::Test TreeBuilder::test(const Node& node) {
  ast::Test test;
  test.range = range(node);
  for (const auto& child : node.children) {
    if (child->is_type<g::test_name>()) test.name = text(*child);
    if (child->is_type<g::test_for_scenario>()) test.scenario = name(*child);
    if (child->is_type<g::test_customer>()) test.customers.push_back(test_customer(*child));
    if (child->is_type<g::test_invoice>()) {
      test.invoices.push_back(test_invoice(*child));
      test.invoice_customer.push_back(test.customers.empty() ? SIZE_MAX
                                                             : test.customers.size() - 1);
    }
    if (child->is_type<g::test_on>()) test.events.push_back(test_event(*child));
    if (child->is_type<g::recovered>()) test.incomplete = true;
  }
  return test;
}

ast::TestCustomer TreeBuilder::test_customer(const Node& node) {
  ast::TestCustomer customer;
  customer.range = range(node);
  std::optional<SourcePos> seen_name, segment, language, country, currency, email, scenario, limit;
  for (const auto& child : node.children) {
    const Node& option = *child;
    const Node* value = last_child(option);
    if (option.is_type<g::customer_id>()) customer.id = text(option);
    if (value == nullptr) continue;
    if (option.is_type<g::customer_name>() && once(seen_name, option, "'name'")) {
      customer.name = text(*value);
    } else if (option.is_type<g::customer_segment>() && once(segment, option, "'segment'")) {
      customer.segment = text(*value);
    } else if (option.is_type<g::customer_language>() && once(language, option, "'language'")) {
      customer.language = name(*value);
    } else if (option.is_type<g::customer_country>() && once(country, option, "'country'")) {
      customer.country = name(*value);
    } else if (option.is_type<g::customer_currency>() && once(currency, option, "'currency'")) {
      customer.currency = name(*value);
    } else if (option.is_type<g::customer_email>() && once(email, option, "'email'")) {
      customer.email = text(*value);
    } else if (option.is_type<g::customer_scenario>() && once(scenario, option, "'scenario'")) {
      customer.scenario = name(*value);
    } else if (option.is_type<g::customer_credit_limit>() &&
               once(limit, option, "'credit_limit'")) {
      customer.credit_limit = expr(*value);
    }
  }
  return customer;
}

ast::TestInvoice TreeBuilder::test_invoice(const Node& node) {
  ast::TestInvoice invoice;
  invoice.range = range(node);
  std::optional<SourcePos> number, due, balance, amount, issued, promised, disputed, credit_note,
      no_dunning;
  for (const auto& child : node.children) {
    const Node& option = *child;
    if (option.is_type<g::invoice_id>()) {
      if (const Node* bare = child_of<g::bare_invoice_id_raw>(option)) {
        invoice.id = ast::Text{std::string(bare->string_view()), range(*bare)};
      } else {
        invoice.id = text(option);
      }
    } else if (option.is_type<g::invoice_number>() && once(number, option, "'number'")) {
      if (const Node* value = last_child(option)) invoice.number = text(*value);
    } else if (option.is_type<g::invoice_due>() && once(due, option, "'due'")) {
      invoice.due = value_expr(option);
    } else if (option.is_type<g::invoice_balance>() && once(balance, option, "'balance'")) {
      invoice.balance = value_expr(option);
    } else if (option.is_type<g::invoice_amount>() && once(amount, option, "'amount'")) {
      invoice.amount = value_expr(option);
    } else if (option.is_type<g::invoice_issued>() && once(issued, option, "'issued'")) {
      invoice.issued = value_expr(option);
    } else if (option.is_type<g::invoice_promised>() && once(promised, option, "'promised'")) {
      invoice.promised = value_expr(option);
    } else if (option.is_type<g::invoice_disputed>()) {
      once(disputed, option, "'disputed'");
      invoice.disputed = true;
    } else if (option.is_type<g::invoice_credit_note>()) {
      once(credit_note, option, "'credit_note'");
      invoice.credit_note = true;
    } else if (option.is_type<g::invoice_no_dunning>()) {
      once(no_dunning, option, "'no_dunning'");
      invoice.no_dunning = true;
    }
  }
  if (!due) error_at(node, "a test invoice needs its due date: add 'due 2026-01-31'");
  if (!balance) error_at(node, "a test invoice needs its balance: add 'balance 120 EUR'");
  return invoice;
}

ast::TestEvent TreeBuilder::test_event(const Node& node) {
  ast::TestEvent event;
  event.range = range(node);
  if (const Node* date = child_of<g::event_date>(node))
    event.date_days = date_days(*date).value_or(0);
  const Node* what = last_child(node);
  if (what == nullptr) return event;
  if (const Node* invoice = child_of<g::event_invoice>(*what)) event.invoice = text(*invoice);
  if (what->is_type<g::expect_event>()) {
    const Node* expectation = last_child(*what);
    if (expectation == nullptr || expectation->is_type<g::expect_nothing>()) return event;
    event.kind = ast::TestEventKind::expect_action;
    ast::TestExpectAction expected{Channel::email, std::nullopt, {}};
    if (expectation->is_type<g::expect_letter>()) expected.channel = Channel::letter;
    if (expectation->is_type<g::expect_task>()) expected.channel = Channel::task;
    if (const Node* type = child_of<g::letter_type>(*expectation)) {
      expected.letter_type = parse_letter_type(name(*type).text);
    }
    if (const Node* template_node = child_of<g::expect_template>(*expectation)) {
      expected.text = text(*template_node);
    }
    event.expected = std::move(expected);
  } else if (what->is_type<g::pay_event>()) {
    event.kind = ast::TestEventKind::pay;
    if (!what->children.empty()) event.amount = expr(*what->children.front());
  } else if (what->is_type<g::promise_event>()) {
    event.kind = ast::TestEventKind::promise;
    if (!what->children.empty()) event.promise_date = expr(*what->children.front());
  } else if (what->is_type<g::confirm_event>()) {
    event.kind = ast::TestEventKind::confirm;
  } else if (what->is_type<g::complete_event>()) {
    event.kind = ast::TestEventKind::complete;
  } else if (what->is_type<g::cancel_event>()) {
    event.kind = ast::TestEventKind::cancel;
  } else if (what->is_type<g::dispute_event>()) {
    event.kind = ast::TestEventKind::dispute;
  } else if (what->is_type<g::resolve_event>()) {
    event.kind = ast::TestEventKind::resolve;
  }
  return event;
}

}  // namespace dun::dsl
