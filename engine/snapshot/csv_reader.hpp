// CsvReader: an RFC 4180 tokenizer over a buffer held in memory (a mapped file or a string).
//
// - Fields are separated by ',' and records end at LF or CRLF; a field in double quotes may hold
//   commas, CR, LF and doubled quotes ("" for "). A UTF-8 byte order mark at the start is skipped.
// - A file with CRs and no LF at all (old Mac exports) has CR line endings: every CR is read as
//   LF (rewritten in place), so such a file reads like any other, with the same line numbers.
// - Zero-copy: fields are string_views into the buffer. Quoted fields with doubled quotes are
//   unescaped in place, which is why the buffer is mutable; the views stay valid as long as it.
// - Empty lines between records are skipped (a trailing newline makes no empty record).
// - Syntax errors (a quote inside an unquoted field, text after a closing quote, a quote never
//   closed) do not stop the reader: the record is still returned, with `error` set, and reading
//   goes on at the next record, so one bad line costs one row.
// - A quoted field that runs over more than `max_field_lines` line breaks, or is never closed, or
//   spans lines and has text after its closing quote, is most likely a stray '"': the record is
//   returned with `error` set, and reading resumes at the line after the one where the field
//   opened, so one stray quote cannot swallow the rest of the file.
//
// The reader keeps a pointer into `buffer`, which must outlive it and every field it returned;
// CsvRecord::fields is overwritten by the next call to next(). Not thread-safe; one reader per
// buffer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dun {

struct CsvSyntaxError {
  std::size_t field;  // index of the field where it was found
  std::string reason;
};

struct CsvRecord {
  std::vector<std::string_view> fields;  // reused between records: no allocation once warm
  std::int64_t line = 0;                 // physical line where the record starts (1-based)
  std::optional<CsvSyntaxError> error;
};

class CsvReader {
 public:
  static constexpr int kDefaultMaxFieldLines = 16;

  explicit CsvReader(std::span<char> buffer, int max_field_lines = kDefaultMaxFieldLines);

  // Reads the next record into `record`; false at the end of the buffer.
  bool next(CsvRecord& record);

 private:
  std::string_view read_unquoted(CsvRecord& record);
  std::string_view read_quoted(CsvRecord& record);
  void set_error(CsvRecord& record, std::string reason) const;
  bool at_record_end() const;
  // Gives up the record whose quoted field opened at `open`: reading resumes at the next line.
  std::string_view resynchronise(CsvRecord& record, std::size_t open, std::string reason);

  char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  int max_field_lines_;
  bool resynchronised_ = false;  // the record being read was given up (resynchronise)
};

}  // namespace dun
