// The parser builds the AST of language.md's examples, with the usual precedence, every literal
// form and exact source positions; it survives hostile input.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar.hpp"
#include "parse_test_util.hpp"
#include "stdlib/date.hpp"

namespace dun::dsl {
namespace {

using testing::messages;
using testing::parse_text;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

template <typename T>
const T& as(const ast::ExprPtr& expr) {
  EXPECT_NE(expr, nullptr);
  EXPECT_TRUE(std::holds_alternative<T>(expr->node));
  return std::get<T>(expr->node);
}

// Renders an expression with explicit parentheses, to check precedence.
std::string show(const ast::ExprPtr& expr) {
  if (!expr) return "<null>";
  return std::visit(
      [](const auto& node) -> std::string {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::Binary>) {
          static constexpr const char* kOps[] = {"or", "and", "==", "!=", "<", "<=", ">",
                                                 ">=", "in",  "+",  "-",  "*", "/"};
          return "(" + show(node.lhs) + " " + kOps[static_cast<int>(node.op)] + " " +
                 show(node.rhs) + ")";
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          return std::string(node.op == ast::UnaryOp::negate ? "(-" : "(not ") +
                 show(node.operand) + ")";
        } else if constexpr (std::is_same_v<T, ast::IfElse>) {
          return "(if " + show(node.condition) + " then " + show(node.then_value) + " else " +
                 show(node.else_value) + ")";
        } else if constexpr (std::is_same_v<T, ast::NameRef>) {
          return node.name;
        } else if constexpr (std::is_same_v<T, ast::IntLiteral>) {
          return std::to_string(node.value);
        } else if constexpr (std::is_same_v<T, ast::FieldRef>) {
          return node.object + "." + node.field;
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          std::string out = node.function + "(";
          for (std::size_t i = 0; i < node.args.size(); ++i) {
            out += (i ? ", " : "") + show(node.args[i]);
          }
          return out + ")";
        } else if constexpr (std::is_same_v<T, ast::ListLiteral>) {
          std::string out = "[";
          for (std::size_t i = 0; i < node.items.size(); ++i) {
            out += (i ? ", " : "") + show(node.items[i]);
          }
          return out + "]";
        } else {
          return "?";
        }
      },
      expr->node);
}

// The expression of `let x = TEXT`.
testing::Parsed parse_expr(const std::string& text) {
  return parse_text("scenario s \"t\"\n  let x = " + text + "\nend\n");
}
const ast::ExprPtr& value_of(const testing::Parsed& parsed) {
  return parsed.file.scenarios.at(0).lets.at(0).value;
}
std::string shape(const std::string& text) {
  const auto parsed = parse_expr(text);
  EXPECT_EQ(messages(parsed.diagnostics), std::vector<std::string>{}) << text;
  return show(value_of(parsed));
}

TEST(Grammar, AnalyzeFindsNoIssues) {
  EXPECT_EQ(tao::pegtl::analyze<grammar::file>(-1), 0u);
  EXPECT_EQ(tao::pegtl::analyze<grammar::placeholder>(-1), 0u);
}

TEST(Parse, LanguageExampleHasTheExpectedShape) {
  const auto parsed = parse_text(read_file(DUN_SOURCE_DIR "/scenarios/standard_b2b.dun"));
  EXPECT_EQ(messages(parsed.diagnostics), std::vector<std::string>{});
  ASSERT_EQ(parsed.file.scenarios.size(), 1u);
  const ast::Scenario& scenario = parsed.file.scenarios[0];
  EXPECT_EQ(scenario.name.text, "standard_b2b");
  EXPECT_EQ(scenario.title.value, "Standard B2B follow-up");
  ASSERT_TRUE(scenario.calendar);
  EXPECT_EQ(scenario.calendar->text, "FR");
  EXPECT_TRUE(scenario.send_on_business_days);
  EXPECT_FALSE(scenario.catch_up_days);
  EXPECT_EQ(show(scenario.applies), "((invoice.kind == ?) and (invoice.balance > 0))");
  EXPECT_EQ(show(scenario.pause),
            "(invoice.disputed or (invoice.promised and (invoice.promise_date >= today)))");
  ASSERT_EQ(scenario.lets.size(), 1u);
  EXPECT_EQ(scenario.lets[0].name.text, "big_account");
  EXPECT_FALSE(scenario.incomplete);

  ASSERT_EQ(scenario.steps.size(), 5u);
  const std::vector<std::string> names = {"pre_due", "first", "second", "formal", "call"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(scenario.steps[i].name.text, names[i]);
    EXPECT_NE(scenario.steps[i].at, nullptr);
    ASSERT_EQ(scenario.steps[i].actions.size(), 1u);
  }
  EXPECT_NE(scenario.steps[0].until, nullptr);
  EXPECT_EQ(show(scenario.steps[2].at), "(first + ?)");
  const auto& duration =
      as<ast::DurationLiteral>(std::get<ast::Binary>(scenario.steps[2].at->node).rhs);
  EXPECT_EQ(duration.count, 10);
  EXPECT_EQ(duration.unit, ast::DurationUnit::days);

  const ast::Action& first = scenario.steps[1].actions[0];
  EXPECT_EQ(first.channel, Channel::email);
  EXPECT_EQ(first.text.value, "first_reminder");
  EXPECT_TRUE(first.grouped);
  EXPECT_FALSE(first.confirm);
  EXPECT_EQ(as<ast::NameRef>(first.copy).name, "collector");
  EXPECT_NE(scenario.steps[1].when, nullptr);

  const ast::Action& formal = scenario.steps[3].actions[0];
  EXPECT_EQ(formal.channel, Channel::letter);
  EXPECT_EQ(formal.letter_type, LetterType::registered);
  EXPECT_EQ(formal.text.value, "formal_notice");
  EXPECT_TRUE(formal.confirm);

  const ast::Action& call = scenario.steps[4].actions[0];
  EXPECT_EQ(call.channel, Channel::task);
  EXPECT_EQ(call.text.value, "Call {customer.name} about invoice {invoice.number}");
  ASSERT_EQ(call.placeholders.size(), 2u);
  EXPECT_EQ(show(call.placeholders[0].expr), "customer.name");
  EXPECT_EQ(show(call.placeholders[1].expr), "invoice.number");
  // `    task "Call {customer.name}`: the brace is column 16 of line 35.
  EXPECT_EQ(call.placeholders[0].range.begin.line, 35u);
  EXPECT_EQ(call.placeholders[0].range.begin.column, 16u);
  EXPECT_EQ(call.placeholders[0].expr->range.begin.column, 17u);
  EXPECT_EQ(as<ast::NameRef>(call.assign).name, "collector");

  // The §1 example's two tests come first; the shipped file adds more that cover every step.
  ASSERT_GE(parsed.file.tests.size(), 2u);
  const ast::Test& second_test = parsed.file.tests[1];
  EXPECT_EQ(second_test.name.value, "first reminder a week after due, second ten days later");
  ASSERT_EQ(second_test.invoices.size(), 1u);
  EXPECT_EQ(second_test.invoice_customer, std::vector<std::size_t>{SIZE_MAX});
  const auto& balance = as<ast::MoneyLiteral>(second_test.invoices[0].balance);
  EXPECT_EQ(balance.amount_text, "120");
  EXPECT_EQ(balance.currency, "EUR");
  EXPECT_EQ(as<ast::DateLiteral>(second_test.invoices[0].due).days,
            Date::from_ymd(2026, 1, 12).days());
  ASSERT_EQ(second_test.events.size(), 2u);
  EXPECT_EQ(second_test.events[0].date_days, Date::from_ymd(2026, 1, 19).days());
  EXPECT_EQ(second_test.events[0].kind, ast::TestEventKind::expect_action);
  ASSERT_TRUE(second_test.events[0].expected);
  EXPECT_EQ(second_test.events[0].expected->channel, Channel::email);
  EXPECT_EQ(second_test.events[0].expected->text.value, "first_reminder");
  EXPECT_EQ(parsed.file.tests[0].events.at(0).kind, ast::TestEventKind::expect_nothing);
}

TEST(Parse, ShippedScenariosParseCleanly) {
  for (const char* name : {"key_accounts", "small_customers"}) {
    const auto parsed =
        parse_text(read_file(std::string(DUN_SOURCE_DIR "/scenarios/") + name + ".dun"));
    EXPECT_EQ(messages(parsed.diagnostics), std::vector<std::string>{}) << name;
    EXPECT_EQ(parsed.file.scenarios.size(), 1u);
  }
}

TEST(Parse, Precedence) {
  EXPECT_EQ(shape("a or b and c"), "(a or (b and c))");
  EXPECT_EQ(shape("a and b or c"), "((a and b) or c)");
  EXPECT_EQ(shape("not a and b"), "((not a) and b)");
  EXPECT_EQ(shape("not a == b"), "(not (a == b))");
  EXPECT_EQ(shape("a == b + c * d"), "(a == (b + (c * d)))");
  EXPECT_EQ(shape("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(shape("a / b * c"), "((a / b) * c)");
  EXPECT_EQ(shape("-a * b"), "((-a) * b)");
  EXPECT_EQ(shape("- - a"), "(-(-a))");
  EXPECT_EQ(shape("(a + b) * c"), "((a + b) * c)");
  EXPECT_EQ(shape("a + b in [c, d] and e"), "(((a + b) in [c, d]) and e)");
  EXPECT_EQ(shape("if a or b then c + 1 else d"), "(if (a or b) then (c + 1) else d)");
  EXPECT_EQ(shape("if a then if b then c else d else e"),
            "(if a then (if b then c else d) else e)");
  EXPECT_EQ(shape("max(a, b + 1, min(c))"), "max(a, (b + 1), min(c))");
  EXPECT_EQ(shape("f()"), "f()");
  EXPECT_EQ(shape("a <= b"), "(a <= b)");
  EXPECT_EQ(shape("a != b"), "(a != b)");
  EXPECT_EQ(shape("a >= b or a < b or a > b"), "(((a >= b) or (a < b)) or (a > b))");
  EXPECT_EQ(shape("invoice.balance"), "invoice.balance");
  EXPECT_EQ(shape("company.name"), "company.name");
  EXPECT_EQ(shape("collector.email"), "collector.email");
  EXPECT_EQ(shape("customer.language"), "customer.language");  // a keyword after '.' is a field
  EXPECT_EQ(shape("invoice.end"), "invoice.end");
}

TEST(Parse, ComparisonsDoNotChain) {
  const auto parsed = parse_expr("a < b < c");
  EXPECT_TRUE(parsed.diagnostics.has_errors());
}

TEST(Parse, LiteralForms) {
  EXPECT_EQ(as<ast::IntLiteral>(value_of(parse_expr("12"))).value, 12);
  EXPECT_EQ(as<ast::IntLiteral>(value_of(parse_expr("1_000"))).value, 1000);
  EXPECT_EQ(as<ast::IntLiteral>(value_of(parse_expr("9223372036854775807"))).value, INT64_MAX);
  EXPECT_EQ(as<ast::DecimalLiteral>(value_of(parse_expr("0.5"))).text, "0.5");
  EXPECT_EQ(as<ast::DecimalLiteral>(value_of(parse_expr("1_012.75"))).text, "1012.75");
  const auto money = parse_expr("1_200.50 USD");
  EXPECT_EQ(as<ast::MoneyLiteral>(value_of(money)).amount_text, "1200.50");
  EXPECT_EQ(as<ast::MoneyLiteral>(value_of(money)).currency, "USD");
  EXPECT_EQ(as<ast::MoneyLiteral>(value_of(parse_expr("50 EUR"))).amount_text, "50");
  EXPECT_EQ(as<ast::DateLiteral>(value_of(parse_expr("2026-01-31"))).days,
            Date::from_ymd(2026, 1, 31).days());
  EXPECT_EQ(as<ast::DateLiteral>(value_of(parse_expr("2028-02-29"))).days,
            Date::from_ymd(2028, 2, 29).days());
  const auto duration = [](const std::string& text) {
    const auto parsed = parse_expr(text);
    EXPECT_FALSE(parsed.diagnostics.has_errors()) << text;
    const auto& literal = as<ast::DurationLiteral>(value_of(parsed));
    return std::pair(literal.count, literal.unit);
  };
  EXPECT_EQ(duration("1 day"), std::pair(std::int64_t{1}, ast::DurationUnit::days));
  EXPECT_EQ(duration("3 days"), std::pair(std::int64_t{3}, ast::DurationUnit::days));
  EXPECT_EQ(duration("1 week"), std::pair(std::int64_t{1}, ast::DurationUnit::weeks));
  EXPECT_EQ(duration("2 weeks"), std::pair(std::int64_t{2}, ast::DurationUnit::weeks));
  EXPECT_EQ(duration("5 business days"),
            std::pair(std::int64_t{5}, ast::DurationUnit::business_days));
  EXPECT_EQ(duration("1 business day"),
            std::pair(std::int64_t{1}, ast::DurationUnit::business_days));
  EXPECT_EQ(as<ast::StringLiteral>(value_of(parse_expr(R"("a \"b\" \\ \n\t")"))).value,
            "a \"b\" \\ \n\t");
  EXPECT_EQ(as<ast::StringLiteral>(value_of(parse_expr(R"("")"))).value, "");
  EXPECT_TRUE(as<ast::BoolLiteral>(value_of(parse_expr("true"))).value);
  EXPECT_FALSE(as<ast::BoolLiteral>(value_of(parse_expr("false"))).value);
  EXPECT_EQ(as<ast::NameRef>(value_of(parse_expr("today"))).name, "today");
  EXPECT_EQ(as<ast::NameRef>(value_of(parse_expr("previous"))).name, "previous");
  EXPECT_EQ(as<ast::ListLiteral>(value_of(parse_expr("[]"))).items.size(), 0u);
  EXPECT_EQ(as<ast::ListLiteral>(value_of(parse_expr(R"(["a", "b"])"))).items.size(), 2u);
}

TEST(Parse, BadLiteralsAreErrors) {
  EXPECT_EQ(messages(parse_expr("9223372036854775808").diagnostics),
            std::vector<std::string>{
                "2:11: the number 9223372036854775808 is too large (at most 9223372036854775807)"});
  EXPECT_EQ(messages(parse_expr("2026-02-30").diagnostics),
            std::vector<std::string>{
                "2:11: '2026-02-30' is not a valid date (February 2026 has 28 days)"});
  EXPECT_TRUE(parse_expr("1.5 days").diagnostics.has_errors());
  EXPECT_TRUE(parse_expr("1_ EUR").diagnostics.has_errors());
  EXPECT_TRUE(parse_expr("3days").diagnostics.has_errors());
  EXPECT_TRUE(parse_expr(R"("\q")").diagnostics.has_errors());
}

TEST(Parse, ReservedWordsAreNotNames) {
  for (const char* word : {"when", "step", "end", "at", "until", "let", "if", "and", "true",
                           "invoice", "days", "test", "for", "in", "not"}) {
    const auto parsed = parse_text(std::string("scenario s \"t\"\n  let ") + word + " = 1\nend\n");
    EXPECT_TRUE(parsed.diagnostics.has_errors()) << word;
  }
  // Contextual words of test lines stay usable as names.
  EXPECT_FALSE(parse_expr("amount + balance + name").diagnostics.has_errors());
}

TEST(Parse, PositionsCountCharactersAndTabs) {
  // Line 2: a tab, then `let x = ` then the value; é and € are one character each.
  const auto parsed = parse_text("scenario s \"é€\"\n\tlet x = \"é\" + invoice.balance\nend\n");
  ASSERT_EQ(messages(parsed.diagnostics), std::vector<std::string>{});
  const ast::Scenario& scenario = parsed.file.scenarios.at(0);
  EXPECT_EQ(scenario.title.range.begin.column, 12u);
  EXPECT_EQ(scenario.title.range.end.column, 16u);
  const ast::Let& let = scenario.lets.at(0);
  EXPECT_EQ(let.name.range.begin.line, 2u);
  EXPECT_EQ(let.name.range.begin.column, 6u);
  const auto& sum = as<ast::Binary>(let.value);
  EXPECT_EQ(sum.op_range.begin.column, 14u);
  EXPECT_EQ(sum.lhs->range.begin.column, 10u);
  EXPECT_EQ(sum.lhs->range.end.column, 13u);
  const auto& field = as<ast::FieldRef>(sum.rhs);
  EXPECT_EQ(field.field_range.begin.column, 24u);
  EXPECT_EQ(field.field_range.end.column, 31u);
  EXPECT_EQ(let.value->range.end.column, 31u);
  EXPECT_EQ(scenario.range.begin.line, 1u);
  EXPECT_EQ(scenario.range.end.line, 3u);
  EXPECT_EQ(scenario.range.end.column, 4u);

  const auto error = parse_text("scenario s \"é\"\n\t\tlet x = (é\nend\n");
  EXPECT_EQ(messages(error.diagnostics),
            std::vector<std::string>{"2:12: expected an expression after '('"});
}

TEST(Parse, DeepNestingIsAnErrorNotACrash) {
  for (const std::string_view open : {"(", "[", "-", "not ", "f(", "if "}) {
    std::string text = "scenario s \"t\"\n  let x = ";
    for (int i = 0; i < 10'000; ++i) text += open;
    text += "1\nend\n";
    const auto parsed = parse_text(text);
    ASSERT_TRUE(parsed.diagnostics.has_errors()) << open;
    EXPECT_NE(parsed.diagnostics.items().front().message.find("nested too deeply"),
              std::string::npos)
        << open;
  }
  // Just under the limit is fine.
  std::string text = "scenario s \"t\"\n  let x = ";
  for (int i = 0; i < 90; ++i) text += "(";
  text += "1";
  for (int i = 0; i < 90; ++i) text += ")";
  EXPECT_FALSE(parse_text(text + "\nend\n").diagnostics.has_errors());
}

TEST(Parse, RecoveryKeepsTheRestOfTheFile) {
  const auto parsed = parse_text(
      "scenario s \"t\"\n"
      "  step first\n"
      "    at invoice.due_date +\n"
      "    email \"a\"\n"
      "  stpe second\n"
      "    at first + 1 days\n"
      "  step third\n"
      "    at first + 2 days\n"
      "    email \"c\"\n"
      "end\n"
      "test \"t\"\n"
      "  on 2026-01-01 expect nothign\n"
      "  on 2026-01-02 expect nothing\n");
  EXPECT_EQ(
      messages(parsed.diagnostics),
      (std::vector<std::string>{
          "4:5: expected an expression after '+'", "5:3: unexpected 'stpe'; did you mean 'step'?",
          "12:24: expected 'nothing', 'email', 'letter' or 'task' after 'expect'; did you "
          "mean 'nothing'?"}));
  const ast::Scenario& scenario = parsed.file.scenarios.at(0);
  EXPECT_TRUE(scenario.incomplete);
  ASSERT_EQ(scenario.steps.size(), 2u);
  EXPECT_EQ(scenario.steps[0].name.text, "first");
  EXPECT_TRUE(scenario.steps[0].incomplete);
  EXPECT_EQ(scenario.steps[0].at, nullptr);
  ASSERT_EQ(scenario.steps[0].actions.size(), 1u);  // the clause after the error still parses
  EXPECT_EQ(scenario.steps[1].name.text, "third");
  EXPECT_FALSE(scenario.steps[1].incomplete);
  const ast::Test& test = parsed.file.tests.at(0);
  EXPECT_TRUE(test.incomplete);
  EXPECT_EQ(test.events.size(), 1u);
}

TEST(Parse, TestBlockForms) {
  const auto parsed = parse_text(
      "scenario a \"A\"\nend\nscenario b \"B\"\nend\n"
      "test \"all forms\" for b\n"
      "  customer \"C1\" name \"ACME\" segment \"sme\" language fr country FR currency EUR\n"
      "    email \"ap@acme.example\" scenario a credit_limit 5_000 EUR\n"
      "  invoice \"I1\" due 2026-01-10 balance 100 EUR amount 120 EUR issued 2025-12-10\n"
      "    disputed promised 2026-02-01 number \"F-1\" credit_note no_dunning\n"
      "  customer scenario none\n"
      "  invoice due 2026-01-11 balance 1 EUR\n"
      "  on 2026-01-17 expect letter registered \"formal_notice\"\n"
      "  on 2026-01-18 expect task \"Call\"\n"
      "  on 2026-01-19 pay 50 EUR \"I1\"\n"
      "  on 2026-01-20 confirm\n"
      "  on 2026-01-21 complete\n"
      "  on 2026-01-22 cancel\n"
      "  on 2026-01-23 dispute \"I1\"\n"
      "  on 2026-01-24 resolve\n"
      "  on 2026-01-25 promise 2026-02-01 \"I1\"\n");
  ASSERT_EQ(messages(parsed.diagnostics), std::vector<std::string>{});
  ASSERT_EQ(parsed.file.scenarios.size(), 2u);
  const ast::Test& test = parsed.file.tests.at(0);
  ASSERT_TRUE(test.scenario);
  EXPECT_EQ(test.scenario->text, "b");
  ASSERT_EQ(test.customers.size(), 2u);
  const ast::TestCustomer& customer = test.customers[0];
  EXPECT_EQ(customer.id->value, "C1");
  EXPECT_EQ(customer.name->value, "ACME");
  EXPECT_EQ(customer.segment->value, "sme");
  EXPECT_EQ(customer.language->text, "fr");
  EXPECT_EQ(customer.country->text, "FR");
  EXPECT_EQ(customer.currency->text, "EUR");
  EXPECT_EQ(customer.email->value, "ap@acme.example");
  EXPECT_EQ(customer.scenario->text, "a");
  EXPECT_NE(customer.credit_limit, nullptr);
  EXPECT_EQ(test.customers[1].scenario->text, "none");
  ASSERT_EQ(test.invoices.size(), 2u);
  const ast::TestInvoice& invoice = test.invoices[0];
  EXPECT_EQ(invoice.id->value, "I1");
  EXPECT_EQ(invoice.number->value, "F-1");
  EXPECT_NE(invoice.amount, nullptr);
  EXPECT_NE(invoice.issued, nullptr);
  EXPECT_NE(invoice.promised, nullptr);
  EXPECT_TRUE(invoice.disputed);
  EXPECT_TRUE(invoice.credit_note);
  EXPECT_TRUE(invoice.no_dunning);
  EXPECT_EQ(test.invoice_customer, (std::vector<std::size_t>{0, 1}));
  ASSERT_EQ(test.events.size(), 9u);
  EXPECT_EQ(test.events[0].expected->channel, Channel::letter);
  EXPECT_EQ(test.events[0].expected->letter_type, LetterType::registered);
  EXPECT_EQ(test.events[1].expected->channel, Channel::task);
  EXPECT_EQ(test.events[2].kind, ast::TestEventKind::pay);
  EXPECT_EQ(test.events[2].invoice->value, "I1");
  EXPECT_NE(test.events[2].amount, nullptr);
  EXPECT_EQ(test.events[3].kind, ast::TestEventKind::confirm);
  EXPECT_EQ(test.events[4].kind, ast::TestEventKind::complete);
  EXPECT_EQ(test.events[5].kind, ast::TestEventKind::cancel);
  EXPECT_EQ(test.events[6].kind, ast::TestEventKind::dispute);
  EXPECT_EQ(test.events[7].kind, ast::TestEventKind::resolve);
  EXPECT_FALSE(test.events[7].invoice);
  EXPECT_EQ(test.events[8].kind, ast::TestEventKind::promise);
  EXPECT_NE(test.events[8].promise_date, nullptr);
}

TEST(Parse, ActionOptionsInAnyOrder) {
  const auto parsed = parse_text(
      "scenario s \"t\"\n  step a\n    at today\n"
      "    email \"x\" confirm grouped copy customer.email to collector.email\n"
      "    letter electronic \"y\" grouped to customer.email\n"
      "    task \"T {invoice.number}\" due 3 days assign collector\n"
      "    wait until invoice.balance > 0\nend\n");
  ASSERT_EQ(messages(parsed.diagnostics), std::vector<std::string>{});
  const ast::Step& step = parsed.file.scenarios.at(0).steps.at(0);
  ASSERT_EQ(step.actions.size(), 3u);
  EXPECT_TRUE(step.actions[0].confirm);
  EXPECT_TRUE(step.actions[0].grouped);
  EXPECT_EQ(show(step.actions[0].copy), "customer.email");
  EXPECT_EQ(show(step.actions[0].to), "collector.email");
  EXPECT_EQ(step.actions[1].letter_type, LetterType::electronic);
  EXPECT_EQ(step.actions[2].due_days, 3);
  EXPECT_NE(step.actions[2].assign, nullptr);
  EXPECT_NE(step.wait_until, nullptr);
}

TEST(Parse, ALetterTakesAPostage) {
  const auto parsed = parse_text(
      "scenario s \"t\"\n  step a\n    at today\n"
      "    letter standard \"x\" postage priority grouped\n"
      "    letter \"y\" confirm postage ecopli\n"
      "    letter registered \"z\"\nend\n");
  ASSERT_EQ(messages(parsed.diagnostics), std::vector<std::string>{});
  const ast::Step& step = parsed.file.scenarios.at(0).steps.at(0);
  ASSERT_EQ(step.actions.size(), 3u);
  EXPECT_EQ(step.actions[0].postage, Postage::priority);
  EXPECT_TRUE(step.actions[0].grouped);
  EXPECT_EQ(step.actions[1].postage, Postage::ecopli);
  EXPECT_EQ(step.actions[2].postage, std::nullopt) << "none written: the adapter's default";
}

TEST(Parse, AnUnknownPostageSaysTheThreeWords) {
  const auto parsed = parse_text(
      "scenario s \"t\"\n  step a\n    at today\n    letter \"x\" postage express\nend\n");
  ASSERT_FALSE(messages(parsed.diagnostics).empty());
  EXPECT_NE(messages(parsed.diagnostics)[0].find(
                "4:24: expected 'priority', 'economy' or 'ecopli' after 'postage'"),
            std::string::npos)
      << messages(parsed.diagnostics)[0];
}

TEST(Parse, HostileInputNeverThrows) {
  for (const std::string& text :
       {std::string(""), std::string("\0\xff\xfe", 3), std::string("scenario"), std::string("\""),
        std::string("scenario s \"t\" step a task \"{\""), std::string("end end end"),
        std::string("test"), std::string("scenario s \"t\" let x = {"),
        std::string("scenario s \"t\" step a task \"{{{}}}\" end")}) {
    const auto parsed = parse_text(text);
    (void)parsed;
  }
}

// Cutting the example anywhere gives diagnostics inside the file, never a crash.
TEST(Parse, EveryPrefixOfTheExampleIsHandled) {
  const std::string example = read_file(DUN_SOURCE_DIR "/scenarios/standard_b2b.dun");
  for (std::size_t length = 0; length <= example.size(); ++length) {
    const auto parsed = parse_text(example.substr(0, length));
    for (const Diagnostic& diagnostic : parsed.diagnostics.items()) {
      ASSERT_LE(diagnostic.pos.offset, length);
      ASSERT_LE(diagnostic.pos.line, parsed.source.line_count());
    }
  }
}

}  // namespace
}  // namespace dun::dsl
