#include "engine/snapshot/csv_reader.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace dun {
namespace {

// Bytes that end or complicate an unquoted field; everything else is copied through untouched.
constexpr std::array<bool, 256> kSpecialBytes = [] {
  std::array<bool, 256> special{};
  special[static_cast<unsigned char>(',')] = true;
  special[static_cast<unsigned char>('\n')] = true;
  special[static_cast<unsigned char>('\r')] = true;
  special[static_cast<unsigned char>('"')] = true;
  return special;
}();

// Nonzero when some byte of `word` equals `byte` (the classic SWAR zero-byte test on word ^ byte).
constexpr std::uint64_t has_byte(std::uint64_t word, unsigned char byte) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  const std::uint64_t x = word ^ (kOnes * byte);
  return (x - kOnes) & ~x & (kOnes << 7);
}

// Flags (0x80 in the byte) the bytes among the eight at `bytes` that an unquoted field cannot
// simply pass over. The lowest flag is exact (higher ones may be false positives), which is all
// find_special_byte needs.
std::uint64_t special_byte_flags(const char* bytes) {
  std::uint64_t word;
  std::memcpy(&word, bytes, sizeof word);
  return has_byte(word, ',') | has_byte(word, '\n') | has_byte(word, '\r') | has_byte(word, '"');
}

// Position of the first special byte at or after `from`, or `size`.
std::size_t find_special_byte(const char* data, std::size_t from, std::size_t size) {
#ifdef __SSE2__
  // Sixteen bytes at a time (SSE2 is part of x86-64): one compare per special byte, and the
  // mask's lowest bit is the exact stop.
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  for (; from + 16 <= size; from += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + from));
    const __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(chunk, comma), _mm_cmpeq_epi8(chunk, newline)),
        _mm_or_si128(_mm_cmpeq_epi8(chunk, carriage_return), _mm_cmpeq_epi8(chunk, quote)));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special))) {
      return from + static_cast<std::size_t>(std::countr_zero(mask));
    }
  }
#endif
  // Eight bytes at a time while they are plain text; the flags then give the exact byte.
  for (; from + 8 <= size; from += 8) {
    if (const std::uint64_t flags = special_byte_flags(data + from)) {
      return from + static_cast<std::size_t>(std::countr_zero(flags)) / 8;
    }
  }
  while (from < size && !kSpecialBytes[static_cast<unsigned char>(data[from])]) ++from;
  return from;
}

// Rewrites the line endings of a CR-only file (a CR and no LF anywhere) as LF, in place; true
// if it did.
bool convert_cr_line_endings(char* data, std::size_t size) {
  // An empty file may have no buffer at all: memchr on a null pointer is undefined even for 0.
  if (size == 0 || std::memchr(data, '\n', size) != nullptr) return false;
  if (std::memchr(data, '\r', size) == nullptr) return false;
  std::replace(data, data + size, '\r', '\n');
  return true;
}

}  // namespace

CsvReader::CsvReader(std::span<char> buffer, int max_field_lines)
    : data_(buffer.data()), size_(buffer.size()), max_field_lines_(max_field_lines) {
  if (size_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  rewrote_line_endings_ = convert_cr_line_endings(data_ + pos_, size_ - pos_);
}

CsvReader::CsvReader(std::span<char> buffer, CsvPosition at, int max_field_lines)
    : data_(buffer.data()),
      size_(buffer.size()),
      pos_(at.offset),
      line_(at.line),
      max_field_lines_(max_field_lines) {}

void CsvReader::set_error(CsvRecord& record, std::string reason) const {
  if (!record.error) record.error = CsvSyntaxError{record.fields.size(), std::move(reason)};
}

bool CsvReader::at_record_end() const {
  return pos_ >= size_ || data_[pos_] == '\n' ||
         (data_[pos_] == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n');
}

std::string_view CsvReader::read_unquoted(CsvRecord& record) {
  const std::size_t start = pos_;
  for (;;) {
    pos_ = find_special_byte(data_, pos_, size_);
    if (pos_ >= size_ || data_[pos_] == ',' || at_record_end()) break;
    if (data_[pos_] == '"')
      set_error(record, "a quote inside an unquoted field (quote the whole field)");
    ++pos_;  // a stray quote or a lone CR: part of the field
  }
  return {data_ + start, pos_ - start};
}

std::string_view CsvReader::resynchronise(CsvRecord& record, std::size_t open, std::string reason) {
  set_error(record, std::move(reason));
  resynchronised_ = true;
  const auto* newline = static_cast<const char*>(std::memchr(data_ + open, '\n', size_ - open));
  const std::size_t line_end = newline ? static_cast<std::size_t>(newline - data_) : size_;
  // The field as far as its first line goes: enough to name the row in the quarantine.
  const std::string_view field(data_ + open + 1, line_end - std::min(line_end, open + 1));
  pos_ = newline ? line_end + 1 : size_;
  ++line_;
  return field;
}

std::string_view CsvReader::read_quoted(CsvRecord& record) {
  const std::size_t open = pos_;
  const std::size_t start = open + 1;
  // First find where the field ends, changing nothing: a field found bad is left as it was, so
  // that its lines can be read again as records.
  std::size_t scan = start;
  std::int64_t lines = 0;
  bool doubled_quotes = false;
  std::size_t close = size_;
  for (;;) {
    const auto* found = static_cast<const char*>(std::memchr(data_ + scan, '"', size_ - scan));
    const std::size_t quote = found ? static_cast<std::size_t>(found - data_) : size_;
    lines += std::count(data_ + scan, data_ + quote, '\n');
    if (lines > max_field_lines_) {
      return resynchronise(record, open,
                           "a quoted field runs over more than " +
                               std::to_string(max_field_lines_) +
                               " lines (a stray '\"'?); reading resumed at the next line");
    }
    if (quote >= size_) {
      reached_end_in_quoted_field_ = true;
      // Records after the field's first line are read again; on the last line it simply ends.
      const auto* newline = static_cast<const char*>(std::memchr(data_ + open, '\n', size_ - open));
      const bool more_records =
          newline && std::any_of(newline, static_cast<const char*>(data_ + size_),
                                 [](char c) { return c != '\n' && c != '\r'; });
      if (more_records) {
        return resynchronise(
            record, open,
            "a quoted field is never closed (a stray '\"'?); reading resumed at the next line");
      }
      pos_ = size_;
      set_error(record, "a quoted field is never closed (missing '\"')");
      return {data_ + start, size_ - start};
    }
    if (quote + 1 < size_ && data_[quote + 1] == '"') {
      doubled_quotes = true;
      scan = quote + 2;
      continue;
    }
    close = quote;
    break;
  }
  pos_ = close + 1;
  if (lines > 0 && pos_ < size_ && data_[pos_] != ',' && !at_record_end()) {
    return resynchronise(record, open,
                         "text after the closing quote of a quoted field that spans lines (a "
                         "stray '\"'?); reading resumed at the next line");
  }
  line_ += lines;
  std::string_view field(data_ + start, close - start);
  // "" stands for ": unescaped into a copy the reader owns, never in the buffer. Writing there
  // would copy each page it touches out of a mapped file's page cache (a copy-on-write fault
  // with a TLB flush on every CPU the process runs on): a generated customers file at 1M
  // invoices has a doubled quote on 3,443 of its 3,487 pages (bench/RESULTS.md, ninth round).
  if (doubled_quotes) {
    std::string& copy = unescaped_used_ < unescaped_.size() ? unescaped_[unescaped_used_]
                                                            : unescaped_.emplace_back();
    ++unescaped_used_;
    copy.clear();
    copy.reserve(field.size());
    for (std::size_t read = start; read < close; ++read) {
      copy += data_[read];
      if (data_[read] == '"') ++read;
    }
    field = copy;
  }
  if (pos_ < size_ && data_[pos_] != ',' && !at_record_end()) {
    set_error(record, "text after the closing quote of a quoted field");
    while (pos_ < size_ && data_[pos_] != ',' && !at_record_end()) ++pos_;
  }
  return field;
}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  record.error.reset();
  if (!keep_unescaped_) unescaped_used_ = 0;  // the last record's copies are reused
  while (pos_ < size_ && at_record_end()) {   // empty lines
    pos_ += data_[pos_] == '\r' ? 2 : 1;
    ++line_;
  }
  if (pos_ >= size_) return false;
  record.line = line_;
  record.offset = pos_;
  for (;;) {
    if (pos_ < size_ && data_[pos_] == '"') {
      record.fields.push_back(read_quoted(record));
      if (resynchronised_) {
        resynchronised_ = false;
        return true;
      }
    } else {
      // The common field: plain text up to ',' or the end of the line, scanned here without a
      // call. A stray quote or a lone CR takes the careful path in read_unquoted.
      const std::size_t start = pos_;
      pos_ = find_special_byte(data_, pos_, size_);
      if (pos_ < size_ && (data_[pos_] == '"' || (data_[pos_] == '\r' && !at_record_end()))) {
        pos_ = start;
        record.fields.push_back(read_unquoted(record));
      } else {
        record.fields.emplace_back(data_ + start, pos_ - start);
      }
    }
    if (pos_ >= size_) return true;
    if (data_[pos_] == ',') {
      ++pos_;
      continue;
    }
    pos_ += data_[pos_] == '\r' ? 2 : 1;  // LF or CRLF
    ++line_;
    return true;
  }
}

std::size_t likely_record_start(std::span<const char> text, std::size_t from) {
  const char* const data = text.data();
  const std::size_t size = text.size();
  const auto quotes_between = [&](std::size_t begin, std::size_t end) {
    std::size_t count = 0;
    while (begin < end) {
      const auto* quote = static_cast<const char*>(std::memchr(data + begin, '"', end - begin));
      if (quote == nullptr) break;
      ++count;
      begin = static_cast<std::size_t>(quote - data) + 1;
    }
    return count;
  };
  if (from == 0 || from >= size) return std::min(from, size);
  // The line start at or after `from`: just after the LF at from - 1 or later.
  std::size_t scan = from - 1;
  std::size_t quotes = quotes_between(0, scan);
  for (;;) {
    const auto* newline = static_cast<const char*>(std::memchr(data + scan, '\n', size - scan));
    if (newline == nullptr) return size;
    const auto line_end = static_cast<std::size_t>(newline - data);
    quotes += quotes_between(scan, line_end);
    if (quotes % 2 == 0) return line_end + 1;
    scan = line_end + 1;
    if (scan >= size) return size;
  }
}

}  // namespace dun
