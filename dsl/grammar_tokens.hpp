// The lexical layer of the scenario grammar (language.md §1): blanks and comments, keywords,
// identifiers, numbers, dates, strings, country and currency codes.
//
// Every token swallows the blanks that follow it, so a rule that fails always fails at the start
// of a token: that is where "expected …" errors point (language.md §7). A token's `_raw` rule is
// the exact text, which the parse tree keeps for source ranges.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "dsl/keywords.hpp"

namespace dun::dsl::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;  // NOLINT: the grammar reads as PEG; the namespace is the grammar's own

// ---- blanks ----
struct comment : seq<one<'#'>, until<eolf>> {};
struct blank : sor<plus<space>, comment> {};
struct skip : star<blank> {};
template <typename Raw>
struct token : seq<Raw, skip> {};

// A word boundary: the letters that may continue an identifier or a keyword.
struct word_char : sor<alnum, one<'_'>> {};
template <typename Text>
struct word : seq<Text, not_at<word_char>> {};

// ---- identifiers ----
// `[a-z_][a-z0-9_]*` that is not a reserved keyword (keywords.hpp). A custom rule: one scan and
// one lookup instead of a long ordered choice over every keyword.
struct identifier_raw {
  using rule_t = identifier_raw;
  using subs_t = empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const std::string_view rest(in.current(), in.size());
    const std::size_t length = identifier_length(rest);
    if (length == 0 || is_reserved(rest.substr(0, length))) return false;
    in.bump(length);
    return true;
  }
};
struct identifier : token<identifier_raw> {};

// A field name after `.`: any word, keywords included (`invoice.number`, `customer.language`).
struct field_name_raw : seq<sor<alpha, one<'_'>>, star<word_char>> {};

// ---- codes ----
struct upper : range<'A', 'Z'> {};
struct country_code_raw : seq<upper, upper, not_at<word_char>> {};
struct currency_code_raw : seq<upper, upper, upper, not_at<word_char>> {};
struct language_code_raw : seq<range<'a', 'z'>, range<'a', 'z'>, not_at<word_char>> {};

// ---- numbers and dates ----
// `1_000`: an underscore only between digits.
struct digits : seq<digit, star<opt<one<'_'>>, digit>> {};
struct integer_raw : seq<digits, not_at<word_char>> {};
struct number_raw : seq<digits, opt<one<'.'>, digits>, not_at<word_char>> {};
struct date_raw
    : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<word_char>> {};

// ---- strings ----
struct string_close : one<'"'> {
  static constexpr std::string_view expected = "'\"' to close the string on its line";
};
struct escape_code : one<'"', '\\', 'n', 't', '{', '}'> {};
struct escape_sequence : seq<one<'\\'>, must<escape_code>> {};
struct string_char : sor<escape_sequence, not_one<'"', '\\', '\n', '\r'>> {};
struct string_raw : seq<one<'"'>, star<string_char>, must<string_close>> {};
struct string_token : token<string_raw> {};

// ---- keywords ----
#define DUN_KEYWORD(name)                               \
  struct kw_##name##_raw : TAO_PEGTL_KEYWORD(#name) {}; \
  struct kw_##name : token<kw_##name##_raw> {}
DUN_KEYWORD(scenario);
DUN_KEYWORD(end);
DUN_KEYWORD(step);
DUN_KEYWORD(at);
DUN_KEYWORD(until);
DUN_KEYWORD(when);
DUN_KEYWORD(wait);
DUN_KEYWORD(let);
DUN_KEYWORD(applies);
DUN_KEYWORD(pause);
DUN_KEYWORD(stop);
DUN_KEYWORD(calendar);
DUN_KEYWORD(send);
DUN_KEYWORD(on);
DUN_KEYWORD(business);
DUN_KEYWORD(catch);
DUN_KEYWORD(up);
DUN_KEYWORD(email);
DUN_KEYWORD(letter);
DUN_KEYWORD(task);
DUN_KEYWORD(to);
DUN_KEYWORD(copy);
DUN_KEYWORD(grouped);
DUN_KEYWORD(confirm);
DUN_KEYWORD(standard);
DUN_KEYWORD(registered);
DUN_KEYWORD(electronic);
DUN_KEYWORD(postage);
DUN_KEYWORD(priority);
DUN_KEYWORD(economy);
DUN_KEYWORD(ecopli);
DUN_KEYWORD(assign);
DUN_KEYWORD(due);
DUN_KEYWORD(test);
DUN_KEYWORD(for);
DUN_KEYWORD(and);
DUN_KEYWORD(or);
DUN_KEYWORD(not );
DUN_KEYWORD(in);
DUN_KEYWORD(if);
DUN_KEYWORD(then);
DUN_KEYWORD(else);
DUN_KEYWORD(true);
DUN_KEYWORD(false);
DUN_KEYWORD(invoice);
DUN_KEYWORD(customer);
DUN_KEYWORD(company);
DUN_KEYWORD(expect);
DUN_KEYWORD(nothing);
DUN_KEYWORD(pay);
DUN_KEYWORD(complete);
DUN_KEYWORD(cancel);
DUN_KEYWORD(dispute);
DUN_KEYWORD(resolve);
DUN_KEYWORD(promise);
// Contextual words of test lines: not reserved, so analysts may still name a `let` `amount`.
DUN_KEYWORD(balance);
DUN_KEYWORD(amount);
DUN_KEYWORD(issued);
DUN_KEYWORD(disputed);
DUN_KEYWORD(promised);
DUN_KEYWORD(number);
DUN_KEYWORD(credit_note);
DUN_KEYWORD(no_dunning);
DUN_KEYWORD(name);
DUN_KEYWORD(segment);
DUN_KEYWORD(language);
DUN_KEYWORD(country);
DUN_KEYWORD(currency);
DUN_KEYWORD(credit_limit);
DUN_KEYWORD(none);
// Contextual words of the contact options and `repeat` (language.md §3.2): not reserved either,
// so scenarios that named a `let` or a step `group`, `every` or `times` keep checking.
DUN_KEYWORD(group);
DUN_KEYWORD(by);
DUN_KEYWORD(most);
DUN_KEYWORD(every);
DUN_KEYWORD(repeat);
DUN_KEYWORD(times);
#undef DUN_KEYWORD

// Duration units: `1 day`, `3 days`, `2 weeks`, `5 business days`.
struct unit_day_raw : sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")> {};
struct unit_week_raw : sor<TAO_PEGTL_KEYWORD("weeks"), TAO_PEGTL_KEYWORD("week")> {};
struct unit_days : token<unit_day_raw> {};
struct unit_weeks : token<unit_week_raw> {};

}  // namespace dun::dsl::grammar

namespace tao::pegtl {
// identifier_raw is hand-written: tell analyze() it consumes input when it succeeds.
template <typename Name>
struct analyze_traits<Name, dun::dsl::grammar::identifier_raw> : analyze_any_traits<> {};
}  // namespace tao::pegtl
