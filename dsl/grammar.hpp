// The grammar of a scenario file (language.md §1, §2, §6), in PEGTL. A file is a sequence of
// `scenario … end` blocks and `test` blocks. Recovery points (grammar_control.hpp): each top-level
// block, each scenario member (option, `let`, `step`), each step clause and each test line.
#pragma once

#include "dsl/grammar_expr.hpp"

namespace dun::dsl::grammar {

// ---- values that follow a keyword: each says what it expected ----
// What a '(' inside the value closes is named after the clause: "')' to close the condition".
#define DUN_CLAUSE_VALUE(name, text, what)             \
  struct name : seq<expression> {                      \
    static constexpr std::string_view expected = text; \
    static constexpr std::string_view context = what;  \
  }
DUN_CLAUSE_VALUE(at_value, "a date expression after 'at'", "date expression");
DUN_CLAUSE_VALUE(until_value, "a date expression after 'until'", "date expression");
DUN_CLAUSE_VALUE(when_value, "a condition after 'when'", "condition");
DUN_CLAUSE_VALUE(wait_value, "a condition after 'wait until'", "condition");
DUN_CLAUSE_VALUE(applies_value, "a condition after 'applies when'", "condition");
DUN_CLAUSE_VALUE(pause_value, "a condition after 'pause when'", "condition");
DUN_CLAUSE_VALUE(stop_value, "a condition after 'stop when'", "condition");
DUN_CLAUSE_VALUE(let_value, "an expression after '='", "expression");
DUN_CLAUSE_VALUE(to_value, "a recipient after 'to'", "recipient");
DUN_CLAUSE_VALUE(copy_value, "'collector' or a recipient after 'copy'", "recipient");
DUN_CLAUSE_VALUE(assign_value, "'collector' or a person after 'assign'", "assignee");
DUN_CLAUSE_VALUE(balance_value, "an amount after 'balance', like 120 EUR", "amount");
DUN_CLAUSE_VALUE(amount_value, "an amount after 'amount', like 120 EUR", "amount");
DUN_CLAUSE_VALUE(pay_value, "an amount after 'pay', like 120 EUR", "amount");
DUN_CLAUSE_VALUE(credit_limit_value, "an amount after 'credit_limit', like 5000 EUR", "amount");
DUN_CLAUSE_VALUE(due_value, "a date after 'due', like 2026-01-31", "date");
DUN_CLAUSE_VALUE(issued_value, "a date after 'issued', like 2026-01-31", "date");
DUN_CLAUSE_VALUE(promised_value, "a date after 'promised', like 2026-01-31", "date");
DUN_CLAUSE_VALUE(promise_value, "a date after 'promise', like 2026-01-31", "date");
#undef DUN_CLAUSE_VALUE

// ---- scenario options and clauses ----
struct scenario_name : token<identifier_raw> {
  static constexpr bool names = true;
  static constexpr std::string_view expected = "a scenario name after 'scenario'";
};
struct scenario_title : string_token {
  static constexpr std::string_view expected = "the scenario's title in quotes after its name";
};
struct scenario_header : seq<must<scenario_name>, must<scenario_title>> {};

struct calendar_code : token<country_code_raw> {
  static constexpr std::string_view expected =
      "a country code in capitals after 'calendar', like FR";
};
struct calendar_option : seq<kw_calendar, must<calendar_code>> {};

struct send_on : kw_on {
  static constexpr std::string_view expected = "'on business days' after 'send'";
};
struct send_business : kw_business {
  static constexpr std::string_view expected = "'business days' after 'send on'";
};
struct send_days : unit_days {
  static constexpr std::string_view expected = "'days' after 'send on business'";
};
struct send_option : seq<kw_send, must<send_on>, must<send_business>, must<send_days>> {};

struct catch_up_word : kw_up {
  static constexpr std::string_view expected = "'up' after 'catch' (catch up N days)";
};
struct catch_up_count : token<integer_raw> {
  static constexpr std::string_view expected = "a whole number of days after 'catch up'";
};
struct catch_up_days : unit_days {
  static constexpr std::string_view expected = "'days' after the number of 'catch up'";
};
struct catch_up_option
    : seq<kw_catch, must<catch_up_word>, must<catch_up_count>, must<catch_up_days>> {};

// ---- the customer's view (language.md §3.2) ----
struct group_by : kw_by {
  static constexpr std::string_view expected = "'by customer' after 'group'";
};
struct group_by_customer : kw_customer {
  static constexpr std::string_view expected = "'customer' after 'group by'";
};
struct group_option : seq<kw_group, must<group_by>, must<group_by_customer>> {};

struct limit_most : kw_most {
  static constexpr std::string_view expected =
      "'most' after 'at' (a contact limit: at most N email every D days)";
};
struct limit_count : token<integer_raw> {
  static constexpr std::string_view expected = "a whole number after 'at most'";
};
struct limit_channel : token<sor<kw_email_raw, kw_letter_raw>> {
  static constexpr std::string_view expected =
      "'email' or 'letter' after the number of 'at most' (tasks are never limited)";
};
struct limit_every : kw_every {
  static constexpr std::string_view expected = "'every' after the channel of 'at most'";
};
struct limit_days_count : token<integer_raw> {
  static constexpr std::string_view expected = "a whole number of days after 'every'";
};
struct limit_days : unit_days {
  static constexpr std::string_view expected = "'days' after the number of 'every'";
};
struct limit_option : seq<kw_at, must<limit_most>, must<limit_count>, must<limit_channel>,
                          must<limit_every>, must<limit_days_count>, must<limit_days>> {};

struct when_after_applies : kw_when {
  static constexpr std::string_view expected = "'when' after 'applies'";
};
struct when_after_pause : kw_when {
  static constexpr std::string_view expected = "'when' after 'pause'";
};
struct when_after_stop : kw_when {
  static constexpr std::string_view expected = "'when' after 'stop'";
};
struct applies_clause : seq<kw_applies, must<when_after_applies>, must<applies_value>> {};
struct pause_clause : seq<kw_pause, must<when_after_pause>, must<pause_value>> {};
struct stop_clause : seq<kw_stop, must<when_after_stop>, must<stop_value>> {};

struct let_name : token<identifier_raw> {
  static constexpr bool names = true;
  static constexpr std::string_view expected = "a name after 'let'";
};
struct let_equals : token<one<'='>> {
  static constexpr std::string_view expected = "'=' after the name of the 'let'";
};
struct let_decl : seq<kw_let, must<let_name>, must<let_equals>, must<let_value>> {};

// ---- actions ----
struct template_name : string_token {
  static constexpr std::string_view expected = "the template name in quotes";
};
struct letter_template_name : string_token {
  static constexpr std::string_view expected =
      "the template name in quotes (or 'standard', 'registered', 'electronic') after 'letter'";
  static constexpr Level suggest_level = Level::step;
};
struct task_text : string_token {
  static constexpr std::string_view expected = "the task's text in quotes after 'task'";
};
struct letter_type : token<sor<kw_standard_raw, kw_registered_raw, kw_electronic_raw>> {};

struct postage_value : token<sor<kw_priority_raw, kw_economy_raw, kw_ecopli_raw>> {
  static constexpr std::string_view expected = "'priority', 'economy' or 'ecopli' after 'postage'";
};
struct postage_option : seq<kw_postage, must<postage_value>> {};

struct to_option : seq<kw_to, must<to_value>> {};
struct copy_option : seq<kw_copy, must<copy_value>> {};
struct grouped_flag : kw_grouped {};
struct confirm_flag : kw_confirm {};
struct assign_option : seq<kw_assign, must<assign_value>> {};
struct due_count : token<integer_raw> {
  static constexpr std::string_view expected = "a whole number of days after 'due'";
};
struct due_days : unit_days {
  static constexpr std::string_view expected = "'days' after the number of 'due'";
};
struct due_option : seq<kw_due, must<due_count>, must<due_days>> {};

struct email_action : seq<kw_email, must<template_name>,
                          star<sor<to_option, copy_option, grouped_flag, confirm_flag>>> {};
struct letter_action : seq<kw_letter, opt<letter_type>, must<letter_template_name>,
                           star<sor<to_option, grouped_flag, confirm_flag, postage_option>>> {};
struct task_action : seq<kw_task, must<task_text>, star<sor<assign_option, due_option>>> {};

// ---- steps ----
struct repeat_every : kw_every {
  static constexpr std::string_view expected = "'every' after 'repeat' (repeat every D days)";
};
struct repeat_count : token<integer_raw> {
  static constexpr std::string_view expected = "a whole number of days after 'repeat every'";
};
struct repeat_days : unit_days {
  static constexpr std::string_view expected = "'days' after the number of 'repeat every'";
};
struct repeat_times_count : token<integer_raw> {
  static constexpr std::string_view expected = "a whole number after 'at most'";
};
struct repeat_times : kw_times {
  static constexpr std::string_view expected = "'times' after the number of 'at most'";
};
// `at most` only: a plain `at` after `repeat every D days` is the step's own `at` clause.
struct repeat_bound : seq<kw_at, kw_most, must<repeat_times_count>, must<repeat_times>> {};
struct repeat_clause
    : seq<kw_repeat, must<repeat_every>, must<repeat_count>, must<repeat_days>, opt<repeat_bound>> {
};

struct step_name : token<identifier_raw> {
  static constexpr bool names = true;
  static constexpr std::string_view expected = "a step name after 'step'";
};
struct until_after_wait : kw_until {
  static constexpr std::string_view expected = "'until' after 'wait'";
};
struct at_clause : seq<kw_at, must<at_value>> {};
struct until_clause : seq<kw_until, must<until_value>> {};
struct when_clause : seq<kw_when, must<when_value>> {};
struct wait_clause : seq<kw_wait, must<until_after_wait>, must<wait_value>> {};
struct step_clause : sor<at_clause, until_clause, when_clause, wait_clause, repeat_clause,
                         email_action, letter_action, task_action> {};
struct step_decl : seq<kw_step, must<step_name>, star<recover<step_clause, Level::step>>> {};

// ---- scenario ----
struct stray_in_scenario : failure {
  static constexpr std::string_view expected =
      "'step', 'let', a scenario option or 'end' in scenario '{scenario}'";
  static constexpr Level stray = Level::scenario;
};
struct scenario_member
    : sor<calendar_option, send_option, catch_up_option, group_option, limit_option, applies_clause,
          pause_clause, stop_clause, let_decl, step_decl, pegtl::raise<stray_in_scenario>> {};
struct scenario_body_end : sor<kw_end, kw_scenario, kw_test, eof> {};
struct missing_end : failure {
  static constexpr std::string_view expected = "'end' to close scenario '{scenario}'";
};
struct scenario_block
    : seq<kw_scenario, recover<scenario_header, Level::scenario>,
          star<not_at<scenario_body_end>, recover<scenario_member, Level::scenario>>,
          sor<kw_end, report<missing_end>>> {};

// ---- tests (language.md §6) ----
struct test_text : string_token {
  static constexpr std::string_view expected = "a text in quotes";
};
struct test_country : token<country_code_raw> {
  static constexpr std::string_view expected = "a country code in capitals, like FR";
};
struct test_currency : token<currency_code_raw> {
  static constexpr std::string_view expected = "a currency code in capitals, like EUR";
};
struct test_language : token<language_code_raw> {
  static constexpr std::string_view expected = "a two-letter language code, like fr";
};
struct test_scenario_ref : token<sor<kw_none_raw, identifier_raw>> {};

struct customer_id : string_token {};
struct customer_name : seq<kw_name, must<test_text>> {};
struct customer_segment : seq<kw_segment, must<test_text>> {};
struct customer_language : seq<kw_language, must<test_language>> {};
struct customer_country : seq<kw_country, must<test_country>> {};
struct customer_currency : seq<kw_currency, must<test_currency>> {};
struct customer_email : seq<kw_email, must<test_text>> {};
// `scenario NAME` followed by a title would be the next scenario block, not this option.
struct customer_scenario : seq<kw_scenario, test_scenario_ref, not_at<one<'"'>>> {};
struct customer_credit_limit : seq<kw_credit_limit, must<credit_limit_value>> {};
struct test_customer
    : seq<kw_customer, opt<customer_id>,
          star<sor<customer_name, customer_segment, customer_language, customer_country,
                   customer_currency, customer_email, customer_scenario, customer_credit_limit>>> {
};

// `invoice "INV-1"` or bare `invoice I1`: a bare id starts with a capital letter, so it is never
// taken for one of the invoice's lower-case options (`due`, `balance`, …).
struct bare_invoice_id_raw : seq<upper, star<sor<word_char, one<'-'>>>> {};
struct invoice_id : sor<string_token, token<bare_invoice_id_raw>> {};
struct invoice_due : seq<kw_due, must<due_value>> {};
struct invoice_balance : seq<kw_balance, must<balance_value>> {};
struct invoice_amount : seq<kw_amount, must<amount_value>> {};
struct invoice_issued : seq<kw_issued, must<issued_value>> {};
struct invoice_promised : seq<kw_promised, must<promised_value>> {};
struct invoice_number : seq<kw_number, must<test_text>> {};
struct invoice_disputed : kw_disputed {};
struct invoice_credit_note : kw_credit_note {};
struct invoice_no_dunning : kw_no_dunning {};
struct test_invoice
    : seq<kw_invoice, opt<invoice_id>,
          star<sor<invoice_due, invoice_balance, invoice_amount, invoice_issued, invoice_promised,
                   invoice_number, invoice_disputed, invoice_credit_note, invoice_no_dunning>>> {};

struct event_date : token<date_raw> {
  static constexpr std::string_view expected = "a date like 2026-01-31 after 'on'";
};
struct event_invoice : string_token {};
struct expect_template : string_token {
  static constexpr std::string_view expected = "the template name (or task text) in quotes";
};
struct expect_nothing : kw_nothing {};
struct expect_email : seq<kw_email, must<expect_template>> {};
struct expect_letter : seq<kw_letter, opt<letter_type>, must<expect_template>> {};
struct expect_task : seq<kw_task, must<expect_template>> {};
struct expectation : sor<expect_nothing, expect_email, expect_letter, expect_task> {
  static constexpr std::string_view expected =
      "'nothing', 'email', 'letter' or 'task' after 'expect'";
  static constexpr Level suggest_level = Level::test;
};
struct expect_event : seq<kw_expect, must<expectation>> {};
struct pay_event : seq<kw_pay, must<pay_value>, opt<event_invoice>> {};
struct confirm_event : kw_confirm {};
struct complete_event : kw_complete {};
struct cancel_event : kw_cancel {};
struct dispute_event : seq<kw_dispute, opt<event_invoice>> {};
struct resolve_event : seq<kw_resolve, opt<event_invoice>> {};
struct promise_event : seq<kw_promise, must<promise_value>, opt<event_invoice>> {};
struct test_event : sor<expect_event, pay_event, confirm_event, complete_event, cancel_event,
                        dispute_event, resolve_event, promise_event> {
  static constexpr std::string_view expected =
      "what happens that day: 'expect', 'pay', 'confirm', 'complete', 'cancel', 'dispute', "
      "'resolve' or 'promise'";
  static constexpr Level suggest_level = Level::test;
};
struct test_on : seq<kw_on, must<event_date>, must<test_event>> {};

struct stray_in_test : failure {
  static constexpr std::string_view expected = "'on', 'invoice' or 'customer' in a test";
  static constexpr Level stray = Level::test;
};
struct test_name : string_token {
  static constexpr std::string_view expected = "the test's name in quotes after 'test'";
};
struct test_for_scenario : token<identifier_raw> {
  static constexpr bool names = true;
  static constexpr std::string_view expected = "a scenario name after 'for'";
};
struct test_header : seq<must<test_name>, opt<kw_for, must<test_for_scenario>>> {};
struct test_body_end : sor<kw_test, kw_scenario, eof> {};
struct test_member : sor<test_customer, test_invoice, test_on, pegtl::raise<stray_in_test>> {};
struct test_block : seq<kw_test, recover<test_header, Level::test>,
                        star<not_at<test_body_end>, recover<test_member, Level::test>>> {};

// ---- file ----
struct stray_at_top : failure {
  static constexpr std::string_view expected = "'scenario' or 'test'";
  static constexpr Level stray = Level::top;
};
struct top_item : sor<scenario_block, test_block, pegtl::raise<stray_at_top>> {};
struct file : seq<skip, star<not_at<eof>, recover<top_item, Level::top>>, eof> {};

// A `{…}` placeholder of a task text, parsed on its own.
struct placeholder_end : eof {
  static constexpr std::string_view expected = "'}' to close the placeholder";
};
struct placeholder_value : seq<expression> {
  static constexpr std::string_view expected = "a value between '{' and '}', like {invoice.number}";
  static constexpr std::string_view context = "placeholder";
};
struct placeholder : seq<skip, must<placeholder_value>, must<placeholder_end>> {};

}  // namespace dun::dsl::grammar
