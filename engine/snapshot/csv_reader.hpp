// CsvReader: an RFC 4180 tokenizer over a buffer held in memory (a mapped file or a string).
//
// - Fields are separated by ',' and records end at LF or CRLF; a field in double quotes may hold
//   commas, CR, LF and doubled quotes ("" for "). A UTF-8 byte order mark at the start is skipped.
// - A file with CRs and no LF at all (old Mac exports) has CR line endings: every CR is read as
//   LF (rewritten in place), so such a file reads like any other, with the same line numbers.
// - Zero-copy: fields are string_views into the buffer, but for a quoted field with doubled
//   quotes, which is unescaped into storage the reader owns (never in the buffer: in a mapped
//   file each page written is a copy-on-write fault). The buffer is written only to rewrite CR
//   line endings (below). That storage is reused from one record to the next (no allocation once
//   warm, and a file with "" on every row holds one record's copies), unless the caller asked to
//   keep every record's fields (keep_unescaped_fields()).
// - Empty lines between records are skipped (a trailing newline makes no empty record).
// - Syntax errors (a quote inside an unquoted field, text after a closing quote, a quote never
//   closed) do not stop the reader: the record is still returned, with `error` set, and reading
//   goes on at the next record, so one bad line costs one row.
// - A quoted field that runs over more than `max_field_lines` line breaks, or is never closed, or
//   spans lines and has text after its closing quote, is most likely a stray '"': the record is
//   returned with `error` set, and reading resumes at the line after the one where the field
//   opened, so one stray quote cannot swallow the rest of the file.
//
// - Resuming: a reader may start at a record boundary another reader reported (position()), and
//   may be given only the first part of a buffer; that is how a big file is read by two threads
//   (load_csv.cpp). A reader that resumes neither skips a byte order mark nor converts CR line
//   endings: the reader of the file's start did both for the whole buffer. A reader that resumes
//   never writes to the buffer, so other threads may read the same buffer meanwhile.
//
// The reader keeps a pointer into `buffer`, which must outlive it and every field it returned.
// CsvRecord::fields is overwritten by the next call to next(), and an unescaped field's view is
// valid until then too (after keep_unescaped_fields(), until reuse_unescaped_fields() or the
// reader's end). Not thread-safe; one reader per part of a buffer.
#pragma once

#include <cstdint>
#include <deque>
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
  std::size_t offset = 0;                // byte where the record starts in the buffer
  std::optional<CsvSyntaxError> error;
};

// Where the next record is looked for. At every record boundary `line` is one more than the
// number of LFs before `offset` (CR line endings having been made LF).
struct CsvPosition {
  std::size_t offset = 0;
  std::int64_t line = 1;
};

class CsvReader {
 public:
  static constexpr int kDefaultMaxFieldLines = 16;

  explicit CsvReader(std::span<char> buffer, int max_field_lines = kDefaultMaxFieldLines);
  // Resumes at `at`, a boundary a reader of the whole buffer reported (position()).
  // REQUIRES: at.offset <= buffer.size().
  // Never writes to `buffer`.
  CsvReader(std::span<char> buffer, CsvPosition at, int max_field_lines = kDefaultMaxFieldLines);

  // Reads the next record into `record`; false at the end of the buffer.
  bool next(CsvRecord& record);
  // Where the record after the last one returned starts (or the end of the buffer).
  CsvPosition position() const { return {pos_, line_}; }
  // Reads on from `at` instead, a boundary a reader of the whole buffer reaches (position()):
  // how the customer prefilter (customer_records.hpp) reads the records it needs alone.
  // REQUIRES: at.offset <= the buffer's size.
  void resume_at(CsvPosition at) {
    pos_ = at.offset;
    line_ = at.line;
  }
  // Whether some quoted field ran to the end of the buffer without its closing quote. For a
  // reader given only the first part of a file, the records from then on may read differently
  // in the whole file: the caller reads them again with a reader of the whole buffer.
  bool reached_end_in_quoted_field() const { return reached_end_in_quoted_field_; }
  // Every field unescaped from now on stays valid until reuse_unescaped_fields() or the reader's
  // end, not only until the next record: for a caller that keeps views of many records (the
  // loader's prepared rows view their text until they are committed). Costs one copy per field
  // with doubled quotes until then.
  void keep_unescaped_fields() { keep_unescaped_ = true; }
  // The fields kept so far are no longer read: their storage is reused by the next records
  // (a caller that keeps views a chunk of records at a time, load_csv.cpp's add_records).
  void reuse_unescaped_fields() { unescaped_used_ = 0; }
  // How many unescaped copies the reader holds (its storage for fields with doubled quotes).
  std::size_t unescaped_fields_held() const { return unescaped_.size(); }
  // Whether the whole-buffer constructor rewrote a CR-only text's line endings as LF in place:
  // then every byte ahead of the reader may differ from the file's.
  bool rewrote_line_endings() const { return rewrote_line_endings_; }

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
  bool reached_end_in_quoted_field_ = false;
  bool rewrote_line_endings_ = false;
  // The unescaped fields (only fields with doubled quotes). A deque never moves its elements, so
  // the views handed out stay valid as it grows. The first `unescaped_used_` hold the current
  // record's fields (every record's, with keep_unescaped_); the rest are reused, capacity and all.
  std::deque<std::string> unescaped_;
  std::size_t unescaped_used_ = 0;
  bool keep_unescaped_ = false;
};

// The first line start at or after `from` with an even number of double quotes before it, or
// text.size(). In a well-formed file a record starts there (a quoted field's line breaks are
// preceded by an odd count); a stray quote can make it wrong, so a caller splitting a file there
// must check the boundary (load_csv.cpp does). Quotes are found with memchr: cheap where they are
// rare, as in most exports.
std::size_t likely_record_start(std::span<const char> text, std::size_t from);

}  // namespace dun
