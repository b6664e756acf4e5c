// Writes each table as DIR/NAME.csv the way data-model.md reads it: header row, RFC 4180 quoting
// (a field holding ',', '"', CR or LF is quoted and its quotes doubled), UTF-8, LF line ends.
// Rows go through one 1 MiB buffer, so a million rows cost a few hundred write calls.
//
// The sink owns its open file (closed by end_table, or by the destructor after a failure) and
// copies every field it is given. Not thread-safe: one writer per sink.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

#include "engine/generate/generate_sink.hpp"

namespace dun::generate {

class CsvSink final : public TableSink {
 public:
  explicit CsvSink(std::filesystem::path directory);
  ~CsvSink() override;
  CsvSink(const CsvSink&) = delete;
  CsvSink& operator=(const CsvSink&) = delete;

  Status begin_table(std::string_view name, std::span<const std::string_view> columns) override;
  void write_row(std::span<const std::string_view> fields) override;
  Status end_table() override;

 private:
  void append_field(std::string_view field);
  void flush();

  std::filesystem::path directory_;
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool failed_ = false;
};

}  // namespace dun::generate
