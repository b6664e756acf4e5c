// Lowers a checked scenario test to plain data (test_case.hpp). The defaults are documented in
// docs/scenario-tests.md: they make a one-line `invoice due D balance M` a complete, valid
// snapshot row.
#include <algorithm>
#include <cctype>
#include <cstdint>

#include "dsl/test_case.hpp"

namespace dun::dsl {
namespace {

// An invoice is issued this many days before it is due unless the test says `issued D`: the
// usual 30-day payment term, so steps before the due date (pre-due notes) can fire.
constexpr std::int32_t kDefaultTermDays = 30;

std::optional<Date> date_of(const ast::ExprPtr& expr) {
  if (!expr) return std::nullopt;
  if (const auto* literal = std::get_if<ast::DateLiteral>(&expr->node)) {
    return Date::from_days(literal->days);
  }
  return std::nullopt;
}

// The checker has accepted the literal (currency known, amount within its exponent), so a
// failure here cannot happen; zero in the currency keeps lowering total anyway.
std::optional<Money> money_of(const ast::ExprPtr& expr) {
  if (!expr) return std::nullopt;
  const auto* literal = std::get_if<ast::MoneyLiteral>(&expr->node);
  if (literal == nullptr) return std::nullopt;
  const std::optional<Currency> currency = Currency::from_code(literal->currency);
  if (!currency) return std::nullopt;
  auto minor = parse_minor_units(literal->amount_text, *currency);
  return Money{minor ? *minor : 0, *currency};
}

std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

TestCustomerData customer_data(const ast::TestCustomer* customer, std::string id,
                               const std::string& scenario, const std::string& default_country,
                               const std::string& default_language) {
  TestCustomerData data;
  data.id = std::move(id);
  data.name = data.id;
  data.language = default_language;
  data.country = default_country;
  data.email = lower_ascii(data.id) + "@customer.example";
  data.scenario = scenario;
  if (customer == nullptr) return data;
  if (customer->name) data.name = customer->name->value;
  if (customer->segment) data.segment = customer->segment->value;
  if (customer->language) data.language = customer->language->text;
  if (customer->country) data.country = customer->country->text;
  if (customer->currency) data.currency = customer->currency->text;
  if (customer->email) data.email = customer->email->value;
  if (customer->scenario) data.scenario = customer->scenario->text;
  if (auto limit = money_of(customer->credit_limit)) {
    data.credit_limit = format_minor_units(limit->minor, limit->currency);
  }
  return data;
}

TestInvoiceData invoice_data(const ast::TestInvoice& invoice, std::string id,
                             std::string customer_id) {
  TestInvoiceData data;
  data.id = std::move(id);
  data.customer_id = std::move(customer_id);
  data.number = invoice.number ? invoice.number->value : data.id;
  data.credit_note = invoice.credit_note;
  data.due = date_of(invoice.due).value_or(Date::from_days(0));
  data.issued =
      date_of(invoice.issued).value_or(Date::from_days(data.due.days() - kDefaultTermDays));
  data.balance = money_of(invoice.balance).value_or(Money{});
  data.amount = money_of(invoice.amount).value_or(data.balance);
  data.disputed = invoice.disputed;
  data.dunning = !invoice.no_dunning;
  data.promise_date = date_of(invoice.promised);
  return data;
}

TestDayEvent day_event(const ast::Test& test, const ast::TestEvent& event) {
  TestDayEvent day;
  day.line = event.range.begin.line;
  day.date = Date::from_days(event.date_days);
  day.kind = event.kind;
  if (event.expected) {
    day.expected = TestExpectation{event.expected->channel, event.expected->letter_type,
                                   event.expected->text.value};
  }
  day.amount = money_of(event.amount);
  day.promise_date = date_of(event.promise_date);
  if (event.invoice) {
    if (auto index = find_test_invoice(test, event.invoice->value)) day.invoices.push_back(*index);
  } else {
    // Without a name the event concerns every invoice of the test (the checker allows a `pay`
    // without one only when there is a single invoice).
    for (std::size_t i = 0; i < test.invoices.size(); ++i) day.invoices.push_back(i);
  }
  return day;
}

}  // namespace

std::string test_invoice_id(const ast::Test& test, std::size_t invoice) {
  const auto& id = test.invoices[invoice].id;
  return id ? id->value : "INV-" + std::to_string(invoice + 1);
}

std::string test_customer_id(const ast::Test& test, std::size_t customer) {
  if (customer >= test.customers.size()) return "C0";
  const auto& id = test.customers[customer].id;
  return id ? id->value : "C" + std::to_string(customer + 1);
}

std::optional<std::size_t> find_test_invoice(const ast::Test& test, std::string_view id) {
  for (std::size_t i = 0; i < test.invoices.size(); ++i) {
    if (test_invoice_id(test, i) == id) return i;
  }
  return std::nullopt;
}

TestCase lower_test(const ast::Test& test, const ast::Scenario& source,
                    const ir::Scenario& scenario, const std::string& default_language) {
  TestCase lowered;
  lowered.name = test.name.value;
  lowered.scenario = scenario.name;
  lowered.line = test.range.begin.line;
  const std::string default_country = scenario.calendar.empty() ? "FR" : scenario.calendar;

  for (std::size_t c = 0; c < test.customers.size(); ++c) {
    lowered.customers.push_back(customer_data(&test.customers[c], test_customer_id(test, c),
                                              scenario.name, default_country, default_language));
  }
  const bool needs_default_customer =
      std::any_of(test.invoice_customer.begin(), test.invoice_customer.end(),
                  [&](std::size_t c) { return c >= test.customers.size(); });
  if (needs_default_customer) {
    lowered.customers.push_back(customer_data(nullptr, test_customer_id(test, SIZE_MAX),
                                              scenario.name, default_country, default_language));
  }
  for (std::size_t i = 0; i < test.invoices.size(); ++i) {
    const std::size_t owner =
        i < test.invoice_customer.size() ? test.invoice_customer[i] : SIZE_MAX;
    lowered.invoices.push_back(
        invoice_data(test.invoices[i], test_invoice_id(test, i), test_customer_id(test, owner)));
  }
  // A customer's currency, unless given, is that of its first invoice (EUR without invoices).
  for (TestCustomerData& customer : lowered.customers) {
    if (!customer.currency.empty()) continue;
    customer.currency = "EUR";
    for (const TestInvoiceData& invoice : lowered.invoices) {
      if (invoice.customer_id != customer.id) continue;
      customer.currency = std::string(invoice.balance.currency.code());
      break;
    }
  }

  for (const ast::TestEvent& event : test.events) lowered.events.push_back(day_event(test, event));
  std::stable_sort(lowered.events.begin(), lowered.events.end(),
                   [](const TestDayEvent& a, const TestDayEvent& b) { return a.date < b.date; });

  for (const ast::Step& step : source.steps) {
    for (const ast::Action& action : step.actions) {
      if (action.channel == Channel::task)
        lowered.task_sources.emplace_back(step.name.text, action.text.value);
    }
  }
  return lowered;
}

}  // namespace dun::dsl
