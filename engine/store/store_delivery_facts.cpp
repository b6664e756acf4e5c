// The delivery facts a scenario reads (docs/delivery.md, "What a scenario reads of delivery"):
// each invoice's latest letter status and each customer's bounced addresses.
#include <algorithm>
#include <cctype>

#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {
namespace {

// Oldest first: a later letter of the same invoice replaces an earlier one's status. An electronic
// letter's `accepted` is the recipient's only once the notification went out (`sent` or
// `awaiting_signature` before it); before, it is the provider's own acceptance, which a scenario
// reads as the delivery status `sent`, so that `accepted` means one thing.
constexpr std::string_view kSelectLetterStatuses = R"sql(
SELECT ai.invoice_id,
  CASE WHEN a.letter_type = 'electronic' AND a.tracking = 'accepted' AND NOT EXISTS (
         SELECT 1 FROM tracking_events t
         WHERE t.action_id = a.id AND t.status IN ('sent', 'awaiting_signature'))
       THEN a.status
       ELSE COALESCE(a.tracking, a.status) END
FROM action_invoices ai JOIN actions a ON a.id = ai.action_id
WHERE a.channel = 'letter' AND a.status <> 'cancelled')sql";
constexpr std::string_view kLetterStatusesInOrder = " ORDER BY a.created_on, a.rowid";

// An email whose To address bounced hard: a `bounced` tracking event names the address that
// bounced first ("ADDRESS: 5.1.1 …", adapters/bounces/sync_bounces.cpp), so that the bounce of a
// copy (Cc, Bcc) does not flag the customer's own address.
constexpr std::string_view kSelectBounced = R"sql(
SELECT DISTINCT a.customer_id, a.recipient
FROM actions a JOIN tracking_events t ON t.action_id = a.id
WHERE a.channel = 'email' AND t.status = 'bounced' AND a.recipient IS NOT NULL
  AND lower(substr(t.provider_status, 1, length(a.recipient) + 1)) = lower(a.recipient) || ':')sql";

// Appended to the queries for the facts of one invoice, one customer (their indexes).
constexpr std::string_view kOfInvoice = " AND ai.invoice_id = ?1";
constexpr std::string_view kOfCustomer = " AND a.customer_id = ?1";

struct Pair {
  std::string key;
  std::string value;
};

Result<Pair> read_pair(const sqlite::Statement& row, std::string_view) {
  return Pair{std::string(row.column_text(0)), std::string(row.column_text(1))};
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Adds letter statuses, oldest first: a later letter of an invoice replaces an earlier one's.
void add_letter_statuses(const std::vector<Pair>& letters, DeliveryFacts& facts) {
  for (const Pair& letter : letters) facts.last_letter_status[letter.key] = letter.value;
}

// Adds bounced addresses, each once per customer, lowercase.

void add_bounced(const std::vector<Pair>& bounced, DeliveryFacts& facts) {
  for (const Pair& bounce : bounced) {
    std::vector<std::string>& addresses = facts.bounced_addresses[bounce.key];
    std::string address = lowercase(bounce.value);
    if (std::find(addresses.begin(), addresses.end(), address) == addresses.end()) {
      addresses.push_back(std::move(address));
    }
  }
}

}  // namespace

Result<DeliveryFacts> StateStore::load_delivery_facts() {
  DeliveryFacts facts;
  auto letters = store_rows::select_all<Pair>(
      database_, std::string(kSelectLetterStatuses) + std::string(kLetterStatusesInOrder),
      read_pair);
  if (!letters) return letters.error();
  add_letter_statuses(*letters, facts);
  auto bounced = store_rows::select_all<Pair>(database_, kSelectBounced, read_pair);
  if (!bounced) return bounced.error();
  add_bounced(*bounced, facts);
  return facts;
}

Result<DeliveryFacts> StateStore::load_delivery_facts_of(const std::string& customer_id,
                                                         std::span<const std::string> invoice_ids) {
  DeliveryFacts facts;
  const std::string letters_of_invoice = std::string(kSelectLetterStatuses) +
                                         std::string(kOfInvoice) +
                                         std::string(kLetterStatusesInOrder);
  for (const std::string& invoice : invoice_ids) {
    auto letters = store_rows::select_all<Pair>(database_, letters_of_invoice, read_pair, invoice);
    if (!letters) return letters.error();
    add_letter_statuses(*letters, facts);
  }
  auto bounced = store_rows::select_all<Pair>(
      database_, std::string(kSelectBounced) + std::string(kOfCustomer), read_pair, customer_id);
  if (!bounced) return bounced.error();
  add_bounced(*bounced, facts);
  return facts;
}

}  // namespace dun
