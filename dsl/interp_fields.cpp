// FieldRead: the catalogue of dsl/fields.hpp read from the columnar portfolio, and the contacts
// (`collector`, `contact("role")`). Absent values (no promise date, no credit limit, no
// collector, money aggregates without a rate) are evaluation errors, never zeros.
#include "dsl/interp_eval.hpp"
#include "dsl/letter_status.hpp"
#include "stdlib/currency.hpp"

namespace dun::dsl::interp {
namespace {

Value present_date(std::int32_t days) {
  return days == kNoDate ? Value::failure(EvalError::absent_value) : Value::of_date(days);
}

// overdue_total / open_total: unknown when a conversion to the customer's currency lacked a rate
// or a total overflowed (batch.hpp, aggregates_missing_rate).
Value aggregate_money(const std::int64_t* column, const RowContext& context) {
  const PortfolioColumns& p = context.portfolio();
  const std::uint32_t c = context.customer;
  if (p.aggregates_missing_rate != nullptr && p.aggregates_missing_rate[c] != 0) {
    return Value::failure(p.aggregates_missing_rate[c] == kAggregatesOverflow
                              ? EvalError::overflow
                              : EvalError::missing_rate);
  }
  return Value::of_money(column[c], p.customer_currency[c]);
}

Value credit_limit(const RowContext& context) {
  const PortfolioColumns& p = context.portfolio();
  const std::uint32_t c = context.customer;
  if (p.credit_limit == nullptr || p.has_credit_limit == nullptr || p.has_credit_limit[c] == 0) {
    return Value::failure(EvalError::absent_value);
  }
  return Value::of_money(p.credit_limit[c], p.customer_currency[c]);
}

// The customer's collector row, or kNoIndex.
std::uint32_t collector_row(const RowContext& context) {
  const PortfolioColumns& p = context.portfolio();
  return p.customer_collector == nullptr ? kNoIndex : p.customer_collector[context.customer];
}

Value collector_field(FieldId field, const RowContext& context) {
  const std::uint32_t row = collector_row(context);
  if (row == kNoIndex) return Value::failure(EvalError::absent_value);
  const PortfolioColumns& p = context.portfolio();
  const ContactValue contact{p.collector_name.at(row), p.collector_email.at(row),
                             p.collector_phone.at(row)};
  switch (field) {
    case FieldId::collector_name:
      return Value::of_string(contact.name);
    case FieldId::collector_email:
      return Value::of_string(contact.email);
    case FieldId::collector_phone:
      return Value::of_string(contact.phone);
    default:
      return Value::of_contact(contact);
  }
}

}  // namespace

Value read_field(FieldId field, const RowContext& context) {
  const PortfolioColumns& p = context.portfolio();
  const std::uint32_t i = context.invoice;
  const std::uint32_t c = context.customer;
  switch (field) {
    case FieldId::invoice_id:
      return Value::of_string(p.invoice_id.at(i));
    case FieldId::invoice_number:
      return Value::of_string(p.invoice_number.at(i));
    case FieldId::invoice_kind:
      return Value::of_string(p.invoice_kind[i] == 0 ? "invoice" : "credit_note");
    case FieldId::invoice_issue_date:
      return present_date(p.issue_date[i]);
    case FieldId::invoice_due_date:
      return present_date(p.due_date[i]);
    case FieldId::invoice_amount:
      return Value::of_money(p.amount[i], p.invoice_currency[i]);
    case FieldId::invoice_balance:
      return Value::of_money(p.balance[i], p.invoice_currency[i]);
    case FieldId::invoice_currency:
      return Value::of_string(Currency::from_index(p.invoice_currency[i]).code());
    case FieldId::invoice_disputed:
      return Value::of_bool(p.disputed[i] != 0);
    case FieldId::invoice_promised:
      return Value::of_bool(p.promise_date[i] != kNoDate);
    case FieldId::invoice_promise_date:
      return present_date(p.promise_date[i]);
    case FieldId::invoice_days_overdue:
      if (p.due_date[i] == kNoDate) return Value::failure(EvalError::absent_value);
      return Value::of_int(std::int64_t{context.today()} - p.due_date[i]);
    case FieldId::customer_id:
      return Value::of_string(p.customer_id.at(c));
    case FieldId::customer_name:
      return Value::of_string(p.customer_name.at(c));
    case FieldId::customer_segment:
      return Value::of_string(p.customer_segment.at(c));
    case FieldId::customer_country:
      return Value::of_string(p.customer_country.at(c));
    case FieldId::customer_language:
      return Value::of_string(p.customer_language.at(c));
    case FieldId::customer_scenario:
      return Value::of_string(p.customer_scenario.at(c));
    case FieldId::customer_email:
      return Value::of_string(p.customer_email.at(c));
    case FieldId::customer_overdue_total:
      return aggregate_money(p.overdue_total, context);
    case FieldId::customer_open_total:
      return aggregate_money(p.open_total, context);
    case FieldId::customer_open_count:
      return Value::of_int(p.open_count[c]);
    case FieldId::customer_overdue_count:
      return Value::of_int(p.overdue_count[c]);
    case FieldId::customer_oldest_due_date:
      return present_date(p.oldest_due_date[c]);
    case FieldId::customer_credit_limit:
      return credit_limit(context);
    case FieldId::collector:
    case FieldId::collector_name:
    case FieldId::collector_email:
    case FieldId::collector_phone:
      return collector_field(field, context);
    case FieldId::company_name:
    case FieldId::company_address:
    case FieldId::company_email:
    case FieldId::company_phone:
    case FieldId::company_iban:
    case FieldId::company_bic:
    case FieldId::company_late_interest_rate:
      // Configuration for templates only (the checker refuses them in expressions): the
      // portfolio does not carry them.
      return Value::failure(EvalError::absent_value);
    case FieldId::invoice_last_letter_status:
      return Value::of_string(letter_status_word(
          p.last_letter_status == nullptr ? std::uint8_t{0} : p.last_letter_status[i]));
    case FieldId::customer_email_bounced:
      return Value::of_bool(p.email_bounced != nullptr && p.email_bounced[c] != 0);
  }
  return Value::failure(EvalError::absent_value);
}

Value read_custom_field(const ir::CustomFieldRead& node, Type type, const RowContext& context) {
  const PortfolioColumns& p = context.portfolio();
  if (p.custom_fields == nullptr || node.slot >= p.custom_field_count) {
    return Value::failure(EvalError::absent_value);
  }
  const CustomFieldColumn& column = p.custom_fields[node.slot];
  const std::uint32_t row = node.on_customer ? context.customer : context.invoice;
  if (column.present[row] == 0) return Value::failure(EvalError::absent_value);
  if (type == Type::string) return Value::of_string(column.text.at(row));
  const std::int64_t value = column.values[row];
  switch (type) {
    case Type::boolean:
      return Value::of_bool(value != 0);
    case Type::integer:
      return Value::of_int(value);
    case Type::decimal:
      return Value::of_decimal(value);
    case Type::date:
      return Value::of_date(static_cast<std::int32_t>(value));
    case Type::money:
      return Value::of_money(value, node.on_customer ? p.customer_currency[context.customer]
                                                     : p.invoice_currency[context.invoice]);
    default:
      return Value::failure(EvalError::absent_value);
  }
}

Value find_contact(std::string_view role, const RowContext& context) {
  const PortfolioColumns& p = context.portfolio();
  if (p.contact_begin == nullptr) return Value::failure(EvalError::absent_value);
  const std::uint32_t c = context.customer;
  for (std::uint32_t k = p.contact_begin[c]; k < p.contact_begin[c + 1]; ++k) {
    const std::uint32_t row = p.contact_rows[k];
    if (p.contact_role.at(row) == role) {
      return Value::of_contact(
          {p.contact_name.at(row), p.contact_email.at(row), p.contact_phone.at(row), row});
    }
  }
  return Value::failure(EvalError::absent_value);
}

}  // namespace dun::dsl::interp
