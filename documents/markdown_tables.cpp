#include "documents/markdown_tables.hpp"

#include <optional>

namespace dun {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// The cells of a row: split at the pipes that are not backslash-escaped, without the empty
// cells the leading and trailing pipes make. Empty when the line holds no such pipe.
std::vector<std::string> cells_of(std::string_view line) {
  line = trim(line);
  std::vector<std::string> cells;
  std::string cell;
  bool piped = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      cell += line[i];
      cell += line[++i];
    } else if (line[i] == '|') {
      piped = true;
      if (!(i == 0 && cell.empty())) cells.emplace_back(trim(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  if (!piped) return {};
  if (!trim(cell).empty() || line.back() != '|') cells.emplace_back(trim(cell));
  return cells;
}

// The alignment of each column when `line` is a delimiter row (`| :-- | --: |`).
std::optional<std::vector<bool>> delimiter_row(std::string_view line) {
  const std::vector<std::string> cells = cells_of(line);
  if (cells.empty()) return std::nullopt;
  std::vector<bool> right;
  for (const std::string& cell : cells) {
    std::string_view text = cell;
    const bool left_colon = !text.empty() && text.front() == ':';
    const bool right_colon = !text.empty() && text.back() == ':';
    if (left_colon) text.remove_prefix(1);
    if (right_colon && !text.empty()) text.remove_suffix(1);
    if (text.empty() || text.find_first_not_of('-') != std::string_view::npos) return std::nullopt;
    right.push_back(right_colon && !left_colon);
  }
  return right;
}

bool is_fence(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  line.remove_prefix(indent);
  return indent < 4 && (line.starts_with("```") || line.starts_with("~~~"));
}

}  // namespace

std::vector<MarkdownSegment> split_pipe_tables(std::string_view source) {
  std::vector<std::string_view> lines;
  for (std::size_t begin = 0; begin < source.size();) {
    std::size_t end = source.find('\n', begin);
    if (end == std::string_view::npos) end = source.size();
    lines.push_back(source.substr(begin, end - begin));
    begin = end + 1;
  }
  std::vector<MarkdownSegment> segments;
  std::string text;
  bool in_fence = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_fence(lines[i])) in_fence = !in_fence;
    if (!in_fence && i + 1 < lines.size()) {
      const std::vector<std::string> header = cells_of(lines[i]);
      const auto alignment = delimiter_row(lines[i + 1]);
      if (!header.empty() && alignment && alignment->size() == header.size()) {
        PipeTable table{header, {}, *alignment};
        i += 2;
        for (; i < lines.size(); ++i) {
          std::vector<std::string> row = cells_of(lines[i]);
          if (trim(lines[i]).empty() || row.empty()) break;
          row.resize(header.size());
          table.rows.push_back(std::move(row));
        }
        --i;
        if (!text.empty()) segments.emplace_back(std::move(text));
        text.clear();
        segments.emplace_back(std::move(table));
        continue;
      }
    }
    text += lines[i];
    text += '\n';
  }
  if (!text.empty()) segments.emplace_back(std::move(text));
  return segments;
}

}  // namespace dun
