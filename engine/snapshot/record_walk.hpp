// A walk over the records of one CSV table's text that reads only two fields of each: the one
// naming the record's customer and (optionally) its id. What the customer prefilter
// (customer_records.hpp) and the customer index (customer_index.hpp) both need, without parsing
// the other fields.
//
// A record may span lines (a quoted field holding line breaks), so a line start is not always a
// record start, and where records start after a stray quote only a reader going through the text
// from its start knows. The walk therefore goes through the records from the start of the body as
// CsvReader does, but cheaply: a line without a double quote is one record (CsvReader ends a
// record at LF or CRLF outside quotes and keeps a lone CR in its field), whose few fields needed
// it finds with a byte loop; a line holding a quote is handed to a CsvReader, which reads that one
// record exactly as a reader of the whole text would and says where the next starts. Blank lines
// are passed over as CsvReader passes them, so positions and line numbers come out the same.
//
// Reads `text` only (CsvReader in read-only mode). No state: any number of walks may run at once.
#pragma once

#include <cstddef>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>

#include "engine/snapshot/csv_reader.hpp"

namespace dun {

struct RecordWalkFields {
  std::size_t customer_field;           // the field (header position) naming the record's customer
  std::optional<std::size_t> id_field;  // the record's id field, if the walk wants it
  int max_field_lines = CsvReader::kDefaultMaxFieldLines;
};

namespace record_walk_detail {

// Field `k` of the quote-free record text [begin, end), empty when the record is shorter (as
// the loader's mapping reads a short record). A byte loop: the fields wanted come first in a
// record and are a few bytes long, where a call to memchr per comma costs more than it scans.
inline std::string_view field_of_line(const char* begin, const char* end, std::size_t k) {
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

inline std::string_view field_of_record(const CsvRecord& record, std::size_t k) {
  return k < record.fields.size() ? record.fields[k] : std::string_view();
}

}  // namespace record_walk_detail

// Calls visit(CsvPosition record_start, std::string_view customer, std::string_view id) for each
// record of `text` from `body` (the first record after the header, as a whole-buffer CsvReader
// reported it), in file order, until it returns false. `id` is empty without fields.id_field.
// REQUIRES: `text` is the whole file; CR line endings already made LF (the header's reader does
// that). The views passed to `visit` live until the next call.
template <typename Visit>
void walk_records(std::span<char> text, CsvPosition body, const RecordWalkFields& fields,
                  Visit&& visit) {
  using record_walk_detail::field_of_line;
  using record_walk_detail::field_of_record;
  const char* const data = text.data();
  const std::size_t size = text.size();
  CsvReader reader(text, body, fields.max_field_lines);
  CsvRecord record;
  const auto find_quote = [&](std::size_t from) {
    const auto* quote = static_cast<const char*>(std::memchr(data + from, '"', size - from));
    return quote != nullptr ? static_cast<std::size_t>(quote - data) : size;
  };
  std::size_t pos = body.offset;
  std::int64_t line = body.line;
  std::size_t next_quote = pos < size ? find_quote(pos) : size;
  while (pos < size) {
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
      if (!visit(
              CsvPosition{pos, line}, field_of_record(record, fields.customer_field),
              fields.id_field ? field_of_record(record, *fields.id_field) : std::string_view())) {
        return;
      }
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
    if (!visit(
            CsvPosition{pos, line}, field_of_line(begin, end, fields.customer_field),
            fields.id_field ? field_of_line(begin, end, *fields.id_field) : std::string_view())) {
      return;
    }
    pos = line_end + 1;
    ++line;
  }
}

}  // namespace dun
