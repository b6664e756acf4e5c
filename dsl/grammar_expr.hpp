// Expressions (language.md §4), loosest first:
//   if C then A else B  <  or  <  and  <  not  <  comparison, `in`  <  + -  <  * /  <  unary -
//   <  primary (literal, name, field, call, list, parentheses).
// Comparisons do not chain (`a < b < c` is an error). A binary level is kept in the parse tree
// as operand, operator, operand, …; the tree builder folds it to the left.
#pragma once

#include "dsl/grammar_control.hpp"
#include "dsl/grammar_tokens.hpp"

namespace dun::dsl::grammar {

struct expression;

// `invoice.balance`: an object, a dot, any field name. The object is checked by the checker, so
// `invoce.balance` gets "unknown object … did you mean" rather than a syntax error.
struct object_raw : sor<identifier_raw, kw_invoice_raw, kw_customer_raw, kw_company_raw> {};
struct field_name : token<field_name_raw> {
  static constexpr std::string_view expected = "a field name after '.'";
};
struct field_ref : seq<object_raw, one<'.'>, must<field_name>> {};

struct name_ref : token<identifier_raw> {};

struct open_paren : token<one<'('>> {};
struct close_paren_raw : one<')'> {};
struct comma : token<one<','>> {};

struct call_argument : seq<expression> {
  static constexpr std::string_view expected = "an argument after ','";
};
struct call_close : token<close_paren_raw> {
  static constexpr std::string_view expected = "')' to close the list of arguments";
};
struct call : seq<token<identifier_raw>, open_paren,
                  opt<expression, star<comma, must<call_argument>>>, must<call_close>> {};

struct paren_inner : seq<expression> {
  static constexpr std::string_view expected = "an expression after '('";
};
struct paren_close : token<close_paren_raw> {
  static constexpr std::string_view expected = "')' to close the {context}";
};
struct parenthesized : seq<open_paren, must<paren_inner>, must<paren_close>> {};

struct open_bracket : token<one<'['>> {};
struct close_bracket_raw : one<']'> {};
struct list_item : seq<expression> {
  static constexpr std::string_view expected = "a list item after ','";
};
struct list_close : token<close_bracket_raw> {
  static constexpr std::string_view expected = "']' to close the list";
};
struct list_literal
    : seq<open_bracket, opt<expression, star<comma, must<list_item>>>, must<list_close>> {};

// `50 EUR`, `1_200.50 USD`, `3 days`, `1 day`, `2 weeks`, `5 business days`, `12`, `0.5`.
struct business_unit : unit_days {
  static constexpr std::string_view expected = "'days' after 'business'";
};
struct business_days : seq<kw_business_raw, skip, must<business_unit>> {};
struct quantity_suffix : sor<token<currency_code_raw>, business_days, unit_days, unit_weeks> {};
struct numeric_literal : seq<token<number_raw>, opt<quantity_suffix>> {};
struct date_literal : token<date_raw> {};
struct string_literal : string_token {};
struct bool_literal : token<sor<kw_true_raw, kw_false_raw>> {};

struct primary : sor<parenthesized, list_literal, date_literal, numeric_literal, string_literal,
                     bool_literal, call, field_ref, name_ref> {};

// ---- operators: the raw text is kept for the operator's source range ----
struct minus_raw : one<'-'> {};
struct plus_raw : one<'+'> {};
struct times_raw : one<'*'> {};
struct divide_raw : one<'/'> {};
struct equal_raw : string<'=', '='> {};
struct not_equal_raw : string<'!', '='> {};
struct less_equal_raw : string<'<', '='> {};
struct greater_equal_raw : string<'>', '='> {};
struct less_raw : one<'<'> {};
struct greater_raw : one<'>'> {};

#define DUN_OPERAND(name, operand, text)               \
  struct name : seq<operand> {                         \
    static constexpr std::string_view expected = text; \
  }

struct unary;
DUN_OPERAND(negation_operand, unary, "an expression after '-'");
struct negation : seq<token<minus_raw>, must<negation_operand>> {};
struct unary : sor<negation, primary> {};

DUN_OPERAND(times_operand, unary, "an expression after '*'");
DUN_OPERAND(divide_operand, unary, "an expression after '/'");
struct multiplicative : seq<unary, star<sor<seq<token<times_raw>, must<times_operand>>,
                                            seq<token<divide_raw>, must<divide_operand>>>>> {};

DUN_OPERAND(plus_operand, multiplicative, "an expression after '+'");
DUN_OPERAND(minus_operand, multiplicative, "an expression after '-'");
// `a - b` but not the `-` of a date literal's day: dates are tried first in `primary`.
struct additive : seq<multiplicative, star<sor<seq<token<plus_raw>, must<plus_operand>>,
                                               seq<token<minus_raw>, must<minus_operand>>>>> {};

DUN_OPERAND(comparison_operand, additive, "an expression after the comparison operator");
DUN_OPERAND(in_operand, additive, "a list after 'in', like [\"a\", \"b\"]");
struct comparison_operator
    : sor<equal_raw, not_equal_raw, less_equal_raw, greater_equal_raw, less_raw, greater_raw> {};
// `=` alone is the commonest slip in a condition: say so instead of a vague error.
struct single_equals : failure {
  static constexpr std::string_view expected = "'==' to compare (a single '=' only names a 'let')";
};
struct comparison
    : seq<additive,
          opt<sor<seq<token<comparison_operator>, must<comparison_operand>>,
                  seq<kw_in, must<in_operand>>,
                  seq<at<one<'='>, not_at<string<'=', '='>>>, pegtl::raise<single_equals>>>>> {};

struct not_expr;
DUN_OPERAND(not_operand, not_expr, "an expression after 'not'");
struct logical_not : seq<kw_not, must<not_operand>> {};
struct not_expr : sor<logical_not, comparison> {};

DUN_OPERAND(and_operand, not_expr, "an expression after 'and'");
struct and_expr : seq<not_expr, star<kw_and, must<and_operand>>> {};

DUN_OPERAND(or_operand, and_expr, "an expression after 'or'");
struct or_expr : seq<and_expr, star<kw_or, must<or_operand>>> {};

DUN_OPERAND(if_condition, expression, "a condition after 'if'");
DUN_OPERAND(if_then_value, expression, "a value after 'then'");
DUN_OPERAND(if_else_value, expression, "a value after 'else'");
struct if_then : kw_then {
  static constexpr std::string_view expected = "'then' after the condition of 'if'";
};
struct if_else : kw_else {
  static constexpr std::string_view expected = "'else' after the value of 'then'";
};
#undef DUN_OPERAND

struct if_expr : seq<kw_if, must<if_condition>, must<if_then>, must<if_then_value>, must<if_else>,
                     must<if_else_value>> {};

struct expression : sor<if_expr, or_expr> {};

}  // namespace dun::dsl::grammar
