// Appends lines to a file (the jsonl adapter's output). Lines are buffered and reach the disk on
// flush(), which writes them and fsyncs the file: call it at the end of each batch, after the
// state store has committed, so that a line on disk always describes a committed change.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "stdlib/result.hpp"

namespace dun {

class JsonlWriter {
 public:
  // Opens for appending, creating the file when absent.
  static Result<JsonlWriter> open(const std::filesystem::path& path);

  JsonlWriter(JsonlWriter&& other) noexcept;
  JsonlWriter& operator=(JsonlWriter&&) = delete;
  JsonlWriter(const JsonlWriter&) = delete;
  ~JsonlWriter();  // closes the file; unflushed lines are lost, as for a crash

  // `line` must not contain a newline (JSON from action_json.hpp never does).
  void append(std::string_view line);
  Result<bool> flush();

 private:
  JsonlWriter(int descriptor, std::string file_name)
      : descriptor_(descriptor), file_name_(std::move(file_name)) {}
  int descriptor_;
  std::string file_name_;
  std::string pending_;
};

}  // namespace dun
