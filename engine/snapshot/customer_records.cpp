#include "engine/snapshot/customer_records.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>

#include "engine/snapshot/record_walk.hpp"

namespace dun {
namespace {

// An other customer's record in 8 bytes: the top 24 bits of its id's hash, then its offset.
constexpr int kOffsetBits = 40;
constexpr std::uint64_t kOffsetMask = kMaxCustomerScanBytes;

std::uint64_t hash_tag(std::string_view id) {
  return static_cast<std::uint64_t>(std::hash<std::string_view>{}(id)) >> kOffsetBits;
}

}  // namespace

CustomerRecords find_customer_records(std::span<char> text, CsvPosition body,
                                      const CustomerRecordQuery& query) {
  CustomerRecords found;
  const bool ids_matter = query.id_field.has_value() && query.find_repeated_ids;
  std::vector<std::string> own_ids;
  std::vector<std::uint64_t> other_ids;  // hash_tag << kOffsetBits | offset, in file order
  if (ids_matter) other_ids.reserve(text.size() / 64);
  bool previous_was_own = false;

  const RecordWalkFields fields{query.customer_field, query.id_field, query.max_field_lines};
  walk_records(text, body, fields,
               [&](CsvPosition at, std::string_view customer, std::string_view id) {
                 if (query.invoice && !found.invoice_customer && id == *query.invoice) {
                   found.invoice_customer = std::string(customer);
                   if (query.stop_at_invoice) return false;
                 }
                 const bool own = customer == query.customer;
                 if (own) {
                   if (previous_was_own) {
                     ++found.own.back().records;
                   } else {
                     found.own.push_back({at, 1});
                   }
                   if (ids_matter) own_ids.emplace_back(id);
                 } else if (ids_matter) {
                   other_ids.push_back(hash_tag(id) << kOffsetBits | at.offset);
                 }
                 previous_was_own = own;
                 return true;
               });

  if (ids_matter && !found.own.empty()) {
    // Only an earlier row makes one of the customer's rows a duplicate.
    const std::size_t last_own = found.own.back().start.offset;
    std::vector<std::uint64_t> tags;
    for (const std::string& id : own_ids) tags.push_back(hash_tag(id));
    std::sort(tags.begin(), tags.end());
    for (const std::uint64_t other : other_ids) {
      const std::size_t offset = other & kOffsetMask;
      if (offset >= last_own) break;
      if (std::binary_search(tags.begin(), tags.end(), other >> kOffsetBits)) {
        found.elsewhere.push_back(offset);
      }
    }
  }
  return found;
}

}  // namespace dun
