// A scenario source file and positions in it. Lines and columns are 1-based; a column counts
// characters (UTF-8 code points), not bytes (language.md §7).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dun::dsl {

struct SourcePos {
  std::uint32_t offset = 0;  // byte offset from the start of the file
  std::uint32_t line = 1;
  std::uint32_t column = 1;  // in characters
};

struct SourceRange {
  SourcePos begin;
  SourcePos end;  // one past the last character
};

// Owns a file's text and answers position questions about it.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // The position of a byte offset (clamped to the end of the file).
  SourcePos position_at(std::size_t offset) const;
  // The text of a 1-based line, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;  // byte offset of each line's first byte
};

}  // namespace dun::dsl
