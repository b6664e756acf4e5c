#include "lsp/docs_table.hpp"

#include <algorithm>
#include <span>
#include <utility>

namespace dun::lsp {
namespace {

using Entry = std::pair<std::string_view, std::string_view>;

constexpr Entry kFields[] = {
    {"invoice.id", "The invoice's identifier in the snapshot."},
    {"invoice.number", "The invoice number printed on it."},
    {"invoice.kind", "\"invoice\" or \"credit_note\"."},
    {"invoice.issue_date", "The date the invoice was issued."},
    {"invoice.due_date", "The date payment is due."},
    {"invoice.amount", "The invoice's total amount."},
    {"invoice.balance", "The amount still due on the invoice (0 when paid)."},
    {"invoice.currency", "The invoice's ISO currency code."},
    {"invoice.disputed", "True while the customer disputes the invoice."},
    {"invoice.promised", "True when a promise to pay is recorded (promise_date is set)."},
    {"invoice.promise_date",
     "The date the customer promised to pay; absent without a promise (guard it with "
     "invoice.promised)."},
    {"invoice.days_overdue", "today − due_date, in days (negative before the due date)."},
    {"customer.id", "The customer's identifier in the snapshot."},
    {"customer.name", "The customer's name."},
    {"customer.segment", "The customer's segment (\"sme\", \"key_account\"…)."},
    {"customer.country", "The customer's country code."},
    {"customer.language", "The customer's language code; picks the template's language."},
    {"customer.scenario", "The scenario assigned to the customer (empty: the default)."},
    {"customer.overdue_total", "The total balance of the customer's overdue invoices."},
    {"customer.open_total", "The total balance of the customer's open invoices."},
    {"customer.open_count", "How many open invoices the customer has."},
    {"customer.overdue_count", "How many overdue invoices the customer has."},
    {"customer.oldest_due_date",
     "The due date of the customer's oldest overdue invoice; absent when none is overdue."},
    {"customer.credit_limit", "The customer's credit limit; absent when none is set."},
    {"customer.email", "The customer's email address."},
    {"customer.email_bounced",
     "True when an email to the customer's collection address bounced (a hard bounce, 5.x.x) "
     "and no email was delivered to it since; read from the state store, scenarios only."},
    {"invoice.last_letter_status",
     "The status of the invoice's latest letter: \"\" when it had none, else its latest tracking "
     "status (delivered, signed, refused, neglected, accepted, …) or its delivery status "
     "(queued, sent, failed); read from the state store, scenarios only."},
    {"collector", "The customer's collector, as a contact (copy collector, assign collector)."},
    {"collector.name", "The collector's name."},
    {"collector.email", "The collector's email address."},
    {"collector.phone", "The collector's phone number."},
};

constexpr Entry kFunctions[] = {
    {"min", "The smaller of two values of the same type."},
    {"max", "The larger of two values of the same type."},
    {"abs", "The absolute value."},
    {"round", "Rounds to the nearest whole number (money: whole currency units), half to even."},
    {"days_between", "days_between(from, to): to − from in calendar days."},
    {"business_days_between",
     "business_days_between(from, to): the business days in (from, to] of the scenario's "
     "calendar."},
    {"weekday", "weekday(date): 1 = Monday … 7 = Sunday."},
    {"month_end", "month_end(date): the last day of the date's month."},
    {"late_interest",
     "late_interest(amount, since): the legal late interest on amount from since to today, at "
     "the company's rate."},
    {"contains",
     "contains(text, part): part occurs in text; contains(list, item): item is in list."},
    {"contact", "contact(role): the customer's contact with that role."},
};

constexpr Entry kKeywords[] = {
    {"scenario", "scenario NAME \"Title\" … end — one collection scenario (a follow-up plan)."},
    {"end", "Closes a scenario."},
    {"calendar", "calendar CC — business days and national public holidays of a country."},
    {"send",
     "send on business days — a step due on a weekend or holiday fires the next business "
     "day."},
    {"catch", "catch up N days — how late a missed step may still fire (default 7)."},
    {"applies", "applies when EXPR — invoices for which this is false are not handled."},
    {"pause", "pause when EXPR — while true, no step fires."},
    {"stop", "stop when EXPR — ends the sequence for good."},
    {"let", "let NAME = EXPR — a named value, usable in later expressions."},
    {"step", "step NAME — one step of the follow-up: at, until, when, wait until, actions."},
    {"at", "at DATE — the date the step becomes due."},
    {"until", "until DATE — after this date the step is skipped (expired)."},
    {"when", "when BOOL — evaluated the day the step is due; false skips the step."},
    {"wait", "wait until BOOL — the step stays due, without firing, until this holds."},
    {"email", "email \"TEMPLATE\" [to EXPR] [copy collector|EXPR] [grouped] [confirm]"},
    {"letter",
     "letter [standard|registered|electronic] \"TEMPLATE\" [to EXPR] [grouped] [confirm]"},
    {"task", "task \"TEXT with {placeholders}\" [assign EXPR] [due N days]"},
    {"grouped", "One action for all invoices of a customer whose same step fires the same day."},
    {"confirm", "The action waits in the agenda until a collector confirms it."},
    {"group",
     "group by customer — one email and one letter per customer per day (language.md §3.2)."},
    {"repeat",
     "repeat every D days [at most K times] — the last step is due again D days after it fired."},
    {"previous", "The event date of the step just before this one."},
    {"today", "The date of the run."},
    {"test", "test \"NAME\" [for SCENARIO] — a scenario test: a tiny portfolio and its days."},
};

std::string_view find(std::span<const Entry> table, std::string_view key) {
  const auto found = std::find_if(table.begin(), table.end(),
                                  [&](const Entry& entry) { return entry.first == key; });
  return found == table.end() ? std::string_view{} : found->second;
}

}  // namespace

std::string_view field_documentation(std::string_view qualified_name) {
  return find(kFields, qualified_name);
}
std::string_view function_documentation(std::string_view name) { return find(kFunctions, name); }
std::string_view keyword_documentation(std::string_view word) { return find(kKeywords, word); }

}  // namespace dun::lsp
