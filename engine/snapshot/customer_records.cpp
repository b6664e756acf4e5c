#include "engine/snapshot/customer_records.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>

namespace dun {
namespace {

// An other customer's record in 8 bytes: the top 24 bits of its id's hash, then its offset.
constexpr int kOffsetBits = 40;
constexpr std::uint64_t kOffsetMask = kMaxCustomerScanBytes;

std::uint64_t hash_tag(std::string_view id) {
  return static_cast<std::uint64_t>(std::hash<std::string_view>{}(id)) >> kOffsetBits;
}

// Field `k` of the quote-free record text [begin, end), empty when the record is shorter (as
// the loader's mapping reads a short record). A byte loop: the fields wanted come first in a
// record and are a few bytes long, where a call to memchr per comma costs more than it scans.
std::string_view field_of_line(const char* begin, const char* end, std::size_t k) {
  const char* field = begin;
  for (std::size_t i = 0; i < k; ++i) {
    while (field < end && *field != ',') ++field;
    if (field == end) return {};
    ++field;
  }
  const char* field_end = field;
  while (field_end < end && *field_end != ',') ++field_end;
  return {field, static_cast<std::size_t>(field_end - field)};
}

std::string_view field_of_record(const CsvRecord& record, std::size_t k) {
  return k < record.fields.size() ? record.fields[k] : std::string_view();
}

}  // namespace

CustomerRecords find_customer_records(std::span<char> text, CsvPosition body,
                                      const CustomerRecordQuery& query) {
  CustomerRecords found;
  const char* const data = text.data();
  const std::size_t size = text.size();
  const bool ids_matter = query.id_field.has_value() && query.find_repeated_ids;
  std::vector<std::string> own_ids;
  std::vector<std::uint64_t> other_ids;  // hash_tag << kOffsetBits | offset, in file order
  if (ids_matter) other_ids.reserve(size / 64);

  const auto visit = [&](CsvPosition at, std::string_view customer, std::string_view id) {
    if (query.invoice && !found.invoice_customer && id == *query.invoice) {
      found.invoice_customer = std::string(customer);
    }
    if (customer == query.customer) {
      found.own.push_back(at);
      if (ids_matter) own_ids.emplace_back(id);
    } else if (ids_matter) {
      other_ids.push_back(hash_tag(id) << kOffsetBits | at.offset);
    }
  };

  CsvReader reader(text, body, /*read_only=*/true, query.max_field_lines);
  CsvRecord record;
  const auto find_quote = [&](std::size_t from) {
    const auto* quote = static_cast<const char*>(std::memchr(data + from, '"', size - from));
    return quote != nullptr ? static_cast<std::size_t>(quote - data) : size;
  };
  std::size_t pos = body.offset;
  std::int64_t line = body.line;
  std::size_t next_quote = pos < size ? find_quote(pos) : size;
  while (pos < size && !(query.stop_at_invoice && found.invoice_customer)) {
    // Blank lines: CsvReader::next passes over LF and CRLF before a record.
    if (data[pos] == '\n') {
      ++pos;
      ++line;
      continue;
    }
    if (data[pos] == '\r' && pos + 1 < size && data[pos + 1] == '\n') {
      pos += 2;
      ++line;
      continue;
    }
    const auto* newline = static_cast<const char*>(std::memchr(data + pos, '\n', size - pos));
    const std::size_t line_end =
        newline != nullptr ? static_cast<std::size_t>(newline - data) : size;
    if (next_quote < pos) next_quote = find_quote(pos);
    if (next_quote < line_end) {
      // A quote: the reader reads this record (it may span lines, or be given up at a stray
      // quote) and knows where the next one starts.
      reader.resume_at({pos, line});
      reader.next(record);
      visit({pos, line}, field_of_record(record, query.customer_field),
            query.id_field ? field_of_record(record, *query.id_field) : std::string_view());
      const CsvPosition next = reader.position();
      pos = next.offset;
      line = next.line;
      continue;
    }
    // A CRLF's CR ends the record; a lone CR (at the end of the file) stays in its field.
    const std::size_t record_end =
        newline != nullptr && line_end > pos && data[line_end - 1] == '\r' ? line_end - 1
                                                                           : line_end;
    const char* begin = data + pos;
    const char* end = data + record_end;
    visit({pos, line}, field_of_line(begin, end, query.customer_field),
          query.id_field ? field_of_line(begin, end, *query.id_field) : std::string_view());
    pos = line_end + 1;
    ++line;
  }

  if (ids_matter && !found.own.empty()) {
    // Only an earlier row makes one of the customer's rows a duplicate.
    const std::size_t last_own = found.own.back().offset;
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
