#include "lsp/text_position.hpp"

namespace dun::lsp {
namespace {

// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::size_t line_start(const dsl::SourceFile& file, std::uint32_t line) {
  const std::string_view text = file.line_text(line);
  return static_cast<std::size_t>(text.data() - file.text().data());
}

}  // namespace

Position to_lsp(const dsl::SourceFile& file, dsl::SourcePos pos) {
  const std::string_view line = file.line_text(pos.line);
  std::uint32_t units = 0;
  std::uint32_t characters = 1;
  for (std::size_t i = 0; i < line.size() && characters < pos.column; ++characters) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(line[i]));
    units += length == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair
    i += length;
  }
  // A column past the line's end (the end of the file): count what is missing as one unit each.
  if (characters < pos.column) units += pos.column - characters;
  return {pos.line == 0 ? 0 : pos.line - 1, units};
}

Position to_lsp(const dsl::SourceFile& file, std::size_t offset) {
  return to_lsp(file, file.position_at(offset));
}

std::size_t to_offset(const dsl::SourceFile& file, Position position) {
  if (position.line + 1 > file.line_count()) return file.text().size();
  const std::string_view line = file.line_text(position.line + 1);
  std::size_t i = 0;
  std::uint32_t units = 0;
  while (i < line.size() && units < position.character) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(line[i]));
    units += length == 4 ? 2 : 1;
    i += length;
  }
  return line_start(file, position.line + 1) + std::min(i, line.size());
}

}  // namespace dun::lsp
