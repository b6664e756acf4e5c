#include "dsl/fields.hpp"

#include <array>

namespace dun::dsl {
namespace {

using enum FieldId;
constexpr Type kBool = Type::boolean;
constexpr Type kInt = Type::integer;
constexpr Type kMoney = Type::money;
constexpr Type kDate = Type::date;
constexpr Type kString = Type::string;

// In FieldId order (field_info indexes it).
constexpr FieldInfo kFields[] = {
    {invoice_id, "invoice", "id", kString, false, false, false},
    {invoice_number, "invoice", "number", kString, false, false, false},
    {invoice_kind, "invoice", "kind", kString, false, false, false},
    {invoice_issue_date, "invoice", "issue_date", kDate, false, false, false},
    {invoice_due_date, "invoice", "due_date", kDate, false, false, false},
    {invoice_amount, "invoice", "amount", kMoney, false, false, false},
    {invoice_balance, "invoice", "balance", kMoney, false, false, false},
    {invoice_currency, "invoice", "currency", kString, false, false, false},
    {invoice_disputed, "invoice", "disputed", kBool, false, false, false},
    {invoice_promised, "invoice", "promised", kBool, false, false, false},
    {invoice_promise_date, "invoice", "promise_date", kDate, true, false, false},
    {invoice_days_overdue, "invoice", "days_overdue", kInt, false, false, false},
    {customer_id, "customer", "id", kString, false, false, false},
    {customer_name, "customer", "name", kString, false, false, false},
    {customer_segment, "customer", "segment", kString, false, false, false},
    {customer_country, "customer", "country", kString, false, false, false},
    {customer_language, "customer", "language", kString, false, false, false},
    {customer_scenario, "customer", "scenario", kString, false, false, false},
    {customer_overdue_total, "customer", "overdue_total", kMoney, false, false, false},
    {customer_open_total, "customer", "open_total", kMoney, false, false, false},
    {customer_open_count, "customer", "open_count", kInt, false, false, false},
    {customer_overdue_count, "customer", "overdue_count", kInt, false, false, false},
    {customer_oldest_due_date, "customer", "oldest_due_date", kDate, true, false, false},
    {customer_credit_limit, "customer", "credit_limit", kMoney, true, false, false},
    {customer_email, "customer", "email", kString, false, false, false},
    {collector, "collector", "", Type::contact, true, false, false},
    {collector_name, "collector", "name", kString, true, false, false},
    {collector_email, "collector", "email", kString, true, false, false},
    {collector_phone, "collector", "phone", kString, true, false, false},
    {company_name, "company", "name", kString, false, true, false},
    {company_address, "company", "address", kString, false, true, false},
    {company_email, "company", "email", kString, false, true, false},
    {company_phone, "company", "phone", kString, false, true, false},
    {company_iban, "company", "iban", kString, false, true, false},
    {company_bic, "company", "bic", kString, false, true, false},
    {company_late_interest_rate, "company", "late_interest_rate", kString, false, true, false},
    {invoice_last_letter_status, "invoice", "last_letter_status", kString, false, false, true},
    {customer_email_bounced, "customer", "email_bounced", kBool, false, false, true},
};

constexpr bool catalogue_is_in_id_order() {
  for (std::size_t i = 0; i < std::size(kFields); ++i) {
    if (static_cast<std::size_t>(kFields[i].id) != i) return false;
  }
  return true;
}
static_assert(catalogue_is_in_id_order(), "kFields must list the fields in FieldId order");

constexpr std::string_view kTemplateValues[] = {"today", "items_list", "total_overdue",
                                                "late_interest", "recovery_indemnity"};

}  // namespace

std::span<const std::string_view> template_values() { return kTemplateValues; }

std::span<const FieldInfo> all_fields() { return kFields; }

const FieldInfo& field_info(FieldId id) { return kFields[static_cast<std::size_t>(id)]; }

std::string field_display_name(FieldId id) {
  const FieldInfo& info = field_info(id);
  std::string name(info.object);
  if (!info.name.empty()) name.append(".").append(info.name);
  return name;
}

std::optional<FieldId> find_field(std::string_view object, std::string_view name) {
  for (const FieldInfo& info : kFields) {
    if (info.object == object && info.name == name) return info.id;
  }
  return std::nullopt;
}

bool is_field_object(std::string_view object) {
  for (const FieldInfo& info : kFields) {
    if (info.object == object) return true;
  }
  return false;
}

}  // namespace dun::dsl
