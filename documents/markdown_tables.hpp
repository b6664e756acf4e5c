// GitHub's pipe tables in a Markdown template, found before CommonMark parses the rest (Debian's
// libcmark-gfm ships its tables extension in a separate library; dun reads the table syntax
// itself, the GFM spec's way): a header row, a delimiter row (`---`, `:--`, `--:`, `:-:` cells,
// as many as the header's), then the rows up to a blank line or a line without a pipe. `\|` is a
// pipe inside a cell. Tables inside fenced code blocks are code. Internal to
// documents/markdown_blocks.cpp; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dun {

struct PipeTable {
  std::vector<std::string> header;             // raw Markdown of each cell, trimmed
  std::vector<std::vector<std::string>> rows;  // padded or cut to the header's width
  std::vector<bool> right_aligned;             // per column: `--:`
};

// The source cut into Markdown text and tables, in order.
using MarkdownSegment = std::variant<std::string, PipeTable>;
std::vector<MarkdownSegment> split_pipe_tables(std::string_view source);

}  // namespace dun
