// Positions between dun and LSP. dun counts columns in characters (code points, 1-based, a tab
// is one character: language.md §7); LSP 3.17 counts UTF-16 code units (0-based) by default, the
// only encoding this server offers. Both count lines the same way (dun from 1, LSP from 0).
// Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dsl/source.hpp"

namespace dun::lsp {

struct Position {
  std::uint32_t line = 0;       // 0-based
  std::uint32_t character = 0;  // UTF-16 code units from the start of the line
};

// The LSP position of a byte offset of `file`.
Position to_lsp(const dsl::SourceFile& file, std::size_t offset);
// The LSP position of a dun position (its line and character column).
Position to_lsp(const dsl::SourceFile& file, dsl::SourcePos pos);
// The byte offset of an LSP position (clamped to its line's end, and to the file).
std::size_t to_offset(const dsl::SourceFile& file, Position position);

}  // namespace dun::lsp
