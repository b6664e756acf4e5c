#include "engine/portfolio/portfolio.hpp"

namespace dun {

std::span<const RowIndex> Portfolio::contacts_of(RowIndex customer) const {
  return std::span<const RowIndex>(contact_rows)
      .subspan(contact_begin[customer], contact_begin[customer + 1] - contact_begin[customer]);
}

RowIndex Portfolio::contact_with_role(RowIndex customer, std::string_view role) const {
  const auto role_symbol = symbols.find(role);
  if (!role_symbol) return kNoRow;
  for (const RowIndex contact : contacts_of(customer)) {
    if (contacts.role[contact] == *role_symbol) return contact;
  }
  return kNoRow;
}

void Portfolio::index_contacts() {
  // Counting sort by customer: stable, so each customer's contacts keep their snapshot order.
  contact_begin.assign(customers.size() + 1, 0);
  for (const RowIndex customer : contacts.customer) ++contact_begin[customer + 1];
  for (std::size_t c = 0; c < customers.size(); ++c) contact_begin[c + 1] += contact_begin[c];
  contact_rows.assign(contacts.size(), 0);
  std::vector<std::uint32_t> next(contact_begin.begin(), contact_begin.end() - 1);
  for (std::size_t row = 0; row < contacts.size(); ++row) {
    contact_rows[next[contacts.customer[row]]++] = static_cast<RowIndex>(row);
  }
}

}  // namespace dun
