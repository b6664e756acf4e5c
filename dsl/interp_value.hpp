// The values of the reference interpreter (dsl/interp.hpp): one small tagged value per IR type,
// and evaluation errors as values (cel-cpp style) — an expression that cannot be computed for an
// invoice yields a Value whose error() says why, never an exception.
//
// Strings are views: of the portfolio's string columns, of the IR's literals, or of static text
// ("invoice", ISO codes). A Value is therefore valid only while the BatchInput it was read from
// and the ir::Scenario it was evaluated with are alive.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/batch.hpp"
#include "dsl/ir.hpp"
#include "dsl/types.hpp"
#include "stdlib/money.hpp"

namespace dun::dsl {

// A contact (language.md §2: `collector`, `contact("role")`) as the views of its three fields.
struct ContactValue {
  static constexpr std::uint32_t kNoRow = 0xFFFFFFFFu;
  std::string_view name;
  std::string_view email;
  std::string_view phone;
  // The snapshot's contacts row of a customer's contact (`contact("legal")`), for what the
  // recorder reads beside the value (its postal address, its language); kNoRow for a collector.
  std::uint32_t row = kNoRow;
  bool operator==(const ContactValue&) const = default;
};

class Value {
 public:
  Value() = default;
  static Value of_bool(bool value);
  static Value of_int(std::int64_t value);
  static Value of_decimal(std::int64_t scaled);  // × ir::kDecimalScale
  static Value of_money(std::int64_t minor, std::uint16_t currency);
  static Value of_money(Money money) { return of_money(money.minor, money.currency.index()); }
  static Value of_date(std::int32_t days);
  static Value of_duration(ir::Duration duration);
  static Value of_string(std::string_view text);
  static Value of_list(std::vector<std::string_view> items);
  static Value of_contact(ContactValue contact);
  // An evaluation error; `site` (a clause_site) may be attributed later by the caller that
  // knows which clause was being evaluated.
  static Value failure(EvalError error, std::uint16_t site = 0);

  bool failed() const { return error_ != EvalError::none; }
  // Type::error for a failure.
  Type type() const { return type_; }
  EvalError error() const { return error_; }
  std::uint16_t error_site() const { return site_; }
  // The innermost clause wins: a failure inside `let x` keeps `let x` as its site when it
  // surfaces through the `when` that read x.
  void attribute_to(std::uint16_t site) {
    if (site_ == 0) site_ = site;
  }

  // Accessors; each has the matching type() as precondition.
  bool boolean() const { return number_ != 0; }
  std::int64_t integer() const { return number_; }
  std::int64_t decimal() const { return number_; }
  std::int64_t minor() const { return number_; }
  std::uint16_t currency() const { return currency_; }
  Money money() const { return Money{number_, Currency::from_index(currency_)}; }
  std::int32_t date() const { return static_cast<std::int32_t>(number_); }
  ir::Duration duration() const { return ir::Duration{number_, unit_}; }
  std::string_view string() const { return contact_.name; }
  std::span<const std::string_view> list() const { return list_; }
  const ContactValue& contact() const { return contact_; }

  bool operator==(const Value&) const = default;

 private:
  static Value of_number(Type type, std::int64_t number);

  Type type_ = Type::error;
  EvalError error_ = EvalError::none;
  std::uint16_t site_ = 0;
  ir::DurationUnit unit_ = ir::DurationUnit::days;
  std::uint16_t currency_ = 0;
  // bool (0/1), int, decimal (scaled), money (minor units), date (day number), duration (count).
  std::int64_t number_ = 0;
  ContactValue contact_;  // a string is kept in contact_.name
  std::vector<std::string_view> list_;
};

// "missing exchange rate", "absent value", … for error records and `dun explain`.
std::string_view eval_error_message(EvalError error);
// "applies", "stop", "pause", "let big_account", "when of step first", … for a clause_site.
std::string describe_site(const ir::Scenario& scenario, std::uint16_t site);

// The value as text, for task texts, action payloads and `dun explain`: money "1234.50 EUR",
// dates ISO "2026-01-31", decimals with their significant decimals ("0.5", "3.0"), durations
// "3 days", contacts "Name <email>", lists ["a", "b"], failures "error: <message>".
std::string format_value(const Value& value);

}  // namespace dun::dsl
