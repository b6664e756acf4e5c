#include "dsl/interp_value.hpp"

#include "stdlib/date.hpp"

namespace dun::dsl {

Value Value::of_number(Type type, std::int64_t number) {
  Value v;
  v.type_ = type;
  v.number_ = number;
  return v;
}

Value Value::of_bool(bool value) { return of_number(Type::boolean, value ? 1 : 0); }
Value Value::of_int(std::int64_t value) { return of_number(Type::integer, value); }
Value Value::of_decimal(std::int64_t scaled) { return of_number(Type::decimal, scaled); }
Value Value::of_date(std::int32_t days) { return of_number(Type::date, days); }

Value Value::of_money(std::int64_t minor, std::uint16_t currency) {
  Value v = of_number(Type::money, minor);
  v.currency_ = currency;
  return v;
}

Value Value::of_duration(ir::Duration duration) {
  Value v = of_number(Type::duration, duration.count);
  v.unit_ = duration.unit;
  return v;
}

Value Value::of_string(std::string_view text) {
  Value v;
  v.type_ = Type::string;
  v.contact_.name = text;
  return v;
}

Value Value::of_list(std::vector<std::string_view> items) {
  Value v;
  v.type_ = Type::string_list;
  v.list_ = std::move(items);
  return v;
}

Value Value::of_contact(ContactValue contact) {
  Value v;
  v.type_ = Type::contact;
  v.contact_ = contact;
  return v;
}

Value Value::failure(EvalError error, std::uint16_t site) {
  Value v;
  v.error_ = error;
  v.site_ = site;
  return v;
}

std::string_view eval_error_message(EvalError error) {
  switch (error) {
    case EvalError::none:
      return "no error";
    case EvalError::missing_rate:
      return "no exchange rate for the currencies involved";
    case EvalError::absent_value:
      return "a value the invoice does not have was read";
    case EvalError::division_by_zero:
      return "division by zero";
    case EvalError::overflow:
      return "arithmetic overflow";
    case EvalError::out_of_range:
      return "a date outside 0001-01-01..9999-12-31";
    case EvalError::no_interest_rule:
      return "no late-interest rate for that period";
    case EvalError::missing_step_date:
      return "a step this clause refers to has no event date";
  }
  return "unknown error";
}

std::string describe_site(const ir::Scenario& scenario, std::uint16_t site) {
  const std::uint16_t index = site_index(site);
  const auto step_name = [&]() -> std::string {
    return index < scenario.steps.size() ? scenario.steps[index].name : std::to_string(index);
  };
  switch (site_kind(site)) {
    case ClauseKind::applies:
      return "applies";
    case ClauseKind::stop:
      return "stop";
    case ClauseKind::pause:
      return "pause";
    case ClauseKind::let:
      return "let " +
             (index < scenario.lets.size() ? scenario.lets[index].name : std::to_string(index));
    case ClauseKind::at:
      return "at of step " + step_name();
    case ClauseKind::until:
      return "until of step " + step_name();
    case ClauseKind::when:
      return "when of step " + step_name();
    case ClauseKind::wait_until:
      return "wait until of step " + step_name();
  }
  return "expression";
}

namespace {

std::string format_decimal(std::int64_t scaled) {
  const bool negative = scaled < 0;
  // Unsigned so that the magnitude of INT64_MIN is representable.
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
  const auto scale = static_cast<std::uint64_t>(ir::kDecimalScale);
  std::string fraction = std::to_string(magnitude % scale);
  fraction.insert(0, static_cast<std::size_t>(ir::kDecimalDigits) - fraction.size(), '0');
  while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
  return (negative ? "-" : "") + std::to_string(magnitude / scale) + "." + fraction;
}

std::string format_duration(ir::Duration duration) {
  std::string text = std::to_string(duration.count);
  const bool one = duration.count == 1 || duration.count == -1;
  switch (duration.unit) {
    case ir::DurationUnit::days:
      return text + (one ? " day" : " days");
    case ir::DurationUnit::weeks:
      return text + (one ? " week" : " weeks");
    case ir::DurationUnit::business_days:
      return text + (one ? " business day" : " business days");
  }
  return text;
}

std::string format_contact(const ContactValue& contact) {
  std::string text(contact.name);
  if (!contact.email.empty())
    text += (text.empty() ? "<" : " <") + std::string(contact.email) + ">";
  if (!contact.phone.empty()) text += (text.empty() ? "" : ", ") + std::string(contact.phone);
  return text;
}

}  // namespace

std::string format_value(const Value& value) {
  if (value.failed()) return "error: " + std::string(eval_error_message(value.error()));
  switch (value.type()) {
    case Type::error:
      return "error";
    case Type::boolean:
      return value.boolean() ? "true" : "false";
    case Type::integer:
      return std::to_string(value.integer());
    case Type::decimal:
      return format_decimal(value.decimal());
    case Type::money:
      return format_money(value.money());
    case Type::date:
      return Date::from_days(value.date()).to_string();
    case Type::duration:
      return format_duration(value.duration());
    case Type::string:
      return std::string(value.string());
    case Type::string_list: {
      std::string text = "[";
      for (std::size_t i = 0; i < value.list().size(); ++i) {
        text += (i > 0 ? ", \"" : "\"") + std::string(value.list()[i]) + "\"";
      }
      return text + "]";
    }
    case Type::contact:
      return format_contact(value.contact());
  }
  return "";
}

}  // namespace dun::dsl
