// document_text(): a rendered document as plain text, for the email body and previews.
#include <algorithm>
#include <string>
#include <vector>

#include "documents/email_message.hpp"

namespace dun {
namespace {

// Characters, not bytes: ICU's amounts hold no-break spaces (2 or 3 bytes, one column).
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void append_row(std::string& out, const std::vector<std::string>& cells,
                const std::vector<std::size_t>& widths, const std::vector<bool>& numeric) {
  std::string line;
  for (std::size_t column = 0; column < widths.size(); ++column) {
    const std::string cell = column < cells.size() ? cells[column] : std::string();
    const std::string padding(widths[column] - std::min(widths[column], display_width(cell)), ' ');
    if (column > 0) line += "  ";
    const bool right = column < numeric.size() && numeric[column];
    line += right ? padding + cell : cell + padding;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out += line;
  out += '\n';
}

std::string table_text(const ItemsTable& table) {
  std::vector<std::size_t> widths(table.headers.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (std::size_t column = 0; column < cells.size() && column < widths.size(); ++column) {
      widths[column] = std::max(widths[column], display_width(cells[column]));
    }
  };
  measure(table.headers);
  for (const auto& row : table.rows) measure(row);
  for (const auto& row : table.totals) measure(row);
  std::size_t total_width = 0;
  for (std::size_t width : widths) total_width += width;
  total_width += widths.empty() ? 0 : 2 * (widths.size() - 1);
  const std::string rule(total_width, '-');
  std::string out;
  append_row(out, table.headers, widths, table.numeric);
  out += rule + '\n';
  for (const auto& row : table.rows) append_row(out, row, widths, table.numeric);
  if (!table.totals.empty()) {  // a Markdown template's own tables have none
    out += rule + '\n';
    for (const auto& row : table.totals) append_row(out, row, widths, table.numeric);
  }
  out.pop_back();  // the caller separates blocks
  return out;
}

bool is_list_item(const Block& block) {
  const auto* paragraph = std::get_if<Paragraph>(&block);
  return paragraph != nullptr && (paragraph->role == ParagraphRole::bullet_item ||
                                  paragraph->role == ParagraphRole::numbered_item);
}

}  // namespace

std::string document_text(const RenderedDocument& document) {
  std::string out;
  for (std::size_t i = 0; i < document.body.size(); ++i) {
    const Block& block = document.body[i];
    // The items of one list, and of the lists nested in it, follow one another line by line.
    bool same_list = false;
    if (i > 0 && is_list_item(document.body[i - 1]) && is_list_item(block)) {
      const Paragraph& item = std::get<Paragraph>(block);
      same_list = !item.list_start || item.level > std::get<Paragraph>(document.body[i - 1]).level;
    }
    if (!out.empty()) out += same_list ? "\n" : "\n\n";
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out += paragraph->text;
    } else {
      out += table_text(std::get<ItemsTable>(block));
    }
  }
  out += '\n';
  return out;
}

}  // namespace dun
