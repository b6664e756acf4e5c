#include "engine/day/delivery_columns.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "dsl/letter_status.hpp"

namespace dun {
namespace {

bool same_address(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The address an email reminder to the customer goes to: its `collection` contact's, else its
// billing email.
std::string_view collection_address(const Portfolio& portfolio, std::size_t row) {
  const RowIndex contact = portfolio.contact_with_role(static_cast<RowIndex>(row), "collection");
  return contact != kNoRow ? portfolio.contacts.email[contact] : portfolio.customers.email[row];
}

}  // namespace

DeliveryColumns delivery_columns(const Portfolio& portfolio, const DeliveryFacts& facts) {
  DeliveryColumns columns;
  const Invoices& invoices = portfolio.invoices;
  columns.last_letter_status.assign(invoices.size(), 0);
  if (!facts.last_letter_status.empty()) {
    for (std::size_t row = 0; row < invoices.size(); ++row) {
      const auto found = facts.last_letter_status.find(std::string(invoices.id[row]));
      if (found != facts.last_letter_status.end()) {
        columns.last_letter_status[row] = dsl::letter_status_code(found->second);
      }
    }
  }
  const Customers& customers = portfolio.customers;
  columns.email_bounced.assign(customers.size(), 0);
  for (std::size_t row = 0; row < customers.size(); ++row) {
    const auto found = facts.bounced_addresses.find(std::string(customers.id[row]));
    if (found == facts.bounced_addresses.end()) continue;
    const std::string_view address = collection_address(portfolio, row);
    for (const std::string& bounced : found->second) {
      if (same_address(address, bounced)) columns.email_bounced[row] = 1;
    }
  }
  return columns;
}

std::vector<std::string> bouncing_customers(const Portfolio& portfolio,
                                            const DeliveryColumns& columns) {
  std::vector<std::string> lines;
  for (std::size_t row = 0; row < columns.email_bounced.size(); ++row) {
    if (columns.email_bounced[row] == 0) continue;
    lines.push_back(std::string(portfolio.customers.id[row]) + " " +
                    std::string(portfolio.customers.name[row]) + ": " +
                    std::string(collection_address(portfolio, row)));
  }
  return lines;
}

}  // namespace dun
