// The one catalogue of the data a scenario can read (language.md §5): every `object.field` and
// the bare `collector`, with its type. The checker resolves names against it, the interpreter and
// the code generator read the columnar portfolio by FieldId, and templates use the same names.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "dsl/types.hpp"

namespace dun::dsl {

enum class FieldId : std::uint8_t {
  invoice_id,
  invoice_number,
  invoice_kind,
  invoice_issue_date,
  invoice_due_date,
  invoice_amount,
  invoice_balance,
  invoice_currency,
  invoice_disputed,
  invoice_promised,
  invoice_promise_date,
  invoice_days_overdue,
  customer_id,
  customer_name,
  customer_segment,
  customer_country,
  customer_language,
  customer_scenario,
  customer_overdue_total,
  customer_open_total,
  customer_open_count,
  customer_overdue_count,
  customer_oldest_due_date,
  customer_credit_limit,
  customer_email,
  collector,  // the bare name `collector`: the customer's collector as a contact
  collector_name,
  collector_email,
  collector_phone,
  company_name,
  company_address,
  company_email,
  company_phone,
  company_iban,
  company_bic,
  company_late_interest_rate,
  // Delivery facts the daily run reads from the state store (docs/delivery.md, "What a scenario
  // reads of delivery"): not in the snapshot, so templates cannot show them.
  invoice_last_letter_status,
  customer_email_bounced,
};

struct FieldInfo {
  FieldId id;
  std::string_view object;  // "invoice", "customer", "collector", "company"
  std::string_view name;    // "balance"; empty for the bare `collector`
  Type type;
  // The value may be absent for an invoice (no promise, no credit limit, no overdue invoice):
  // reading it then is an evaluation error for that invoice, so scenarios guard it
  // (`invoice.promised and invoice.promise_date >= today`; `and`/`or`/`if` short-circuit).
  bool may_be_absent;
  // Company fields are configuration, shown in templates; scenario expressions cannot use them.
  bool templates_only;
  // Delivery facts come from the state store, which a template's rendering does not read: a
  // template cannot show them (and its `{if}` sees "" and false).
  bool scenarios_only;
};

std::span<const FieldInfo> all_fields();
const FieldInfo& field_info(FieldId id);
// "invoice.balance", or "collector" for the bare contact.
std::string field_display_name(FieldId id);
// The field `object.name` (name empty for a bare object name), if it exists.
std::optional<FieldId> find_field(std::string_view object, std::string_view name);
bool is_field_object(std::string_view object);

// Values only templates can show, computed per action when it is rendered: `{today}` (the run
// date, in words), `{items_list}` (the
// invoices of a grouped action, one per line), `{total_overdue}` (their total balance),
// `{late_interest}` (the interest due on them to date) and `{recovery_indemnity}` (the company's
// fixed indemnity per invoice). Templates can also show every field above, company ones included.
std::span<const std::string_view> template_values();

}  // namespace dun::dsl
