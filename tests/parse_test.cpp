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
  EXPECT_EQ(first.channel, ast::Channel::email);
  EXPECT_EQ(first.text.value, "first_reminder");
  EXPECT_TRUE(first.grouped);
  EXPECT_FALSE(first.confirm);
  EXPECT_EQ(as<ast::NameRef>(first.copy).name, "collector");
  EXPECT_NE(scenario.steps[1].when, nullptr);

  const ast::Action& formal = scenario.steps[3].actions[0];
  EXPECT_EQ(formal.channel, ast::Channel::letter);
  EXPECT_EQ(formal.letter_type, ast::LetterType::registered);
  EXPECT_EQ(formal.text.value, "formal_notice");
  EXPECT_TRUE(formal.confirm);

  const ast::Action& call = scenario.steps[4].actions[0];
  EXPECT_EQ(call.channel, ast::Channel::task);
  EXPECT_EQ(call.text.value, "Call {customer.name} about invoice {invoice.number}");
  ASSERT_EQ(call.placeholders.size(), 2u);
  EXPECT_EQ(show(call.placeholders[0].expr), "customer.name");
  EXPECT_EQ(show(call.placeholders[1].expr), "invoice.number");
  // `    task "Call {customer.name}`: the brace is column 16 of line 32.
  EXPECT_EQ(call.placeholders[0].range.begin.line, 32u);
  EXPECT_EQ(call.placeholders[0].range.begin.column, 16u);
  EXPECT_EQ(call.placeholders[0].expr->range.begin.column, 17u);
  EXPECT_EQ(as<ast::NameRef>(call.assign).name, "collector");

  ASSERT_EQ(parsed.file.tests.size(), 2u);
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
  EXPECT_EQ(second_test.events[0].expected->channel, ast::Channel::email);
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

}  // namespace
}  // namespace dun::dsl
