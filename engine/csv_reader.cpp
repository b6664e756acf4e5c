#include "engine/csv_reader.hpp"

#include <algorithm>
#include <array>
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

}  // namespace

CsvReader::CsvReader(std::span<char> buffer) : data_(buffer.data()), size_(buffer.size()) {
  if (size_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

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
    while (pos_ < size_ && !kSpecialBytes[static_cast<unsigned char>(data_[pos_])]) ++pos_;
    if (pos_ >= size_ || data_[pos_] == ',' || at_record_end()) break;
    if (data_[pos_] == '"')
      set_error(record, "a quote inside an unquoted field (quote the whole field)");
    ++pos_;  // a stray quote or a lone CR: part of the field
  }
  return {data_ + start, pos_ - start};
}

std::string_view CsvReader::read_quoted(CsvRecord& record) {
  ++pos_;  // the opening quote
  const std::size_t start = pos_;
  std::size_t write = pos_;  // doubled quotes shrink the field: compact it in place
  for (;;) {
    const auto* found = static_cast<const char*>(std::memchr(data_ + pos_, '"', size_ - pos_));
    const std::size_t quote = found ? static_cast<std::size_t>(found - data_) : size_;
    line_ += std::count(data_ + pos_, data_ + quote, '\n');
    if (write != pos_) std::memmove(data_ + write, data_ + pos_, quote - pos_);
    write += quote - pos_;
    if (quote >= size_) {
      pos_ = size_;
      set_error(record, "a quoted field is never closed (missing '\"')");
      return {data_ + start, write - start};
    }
    if (quote + 1 < size_ && data_[quote + 1] == '"') {
      data_[write++] = '"';
      pos_ = quote + 2;
      continue;
    }
    pos_ = quote + 1;
    break;
  }
  const std::string_view field(data_ + start, write - start);
  if (pos_ < size_ && data_[pos_] != ',' && !at_record_end()) {
    set_error(record, "text after the closing quote of a quoted field");
    while (pos_ < size_ && data_[pos_] != ',' && !at_record_end()) ++pos_;
  }
  return field;
}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  record.error.reset();
  while (pos_ < size_ && at_record_end()) {  // empty lines
    pos_ += data_[pos_] == '\r' ? 2 : 1;
    ++line_;
  }
  if (pos_ >= size_) return false;
  record.line = line_;
  for (;;) {
    record.fields.push_back(pos_ < size_ && data_[pos_] == '"' ? read_quoted(record)
                                                               : read_unquoted(record));
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

}  // namespace dun
