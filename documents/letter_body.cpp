// The body of a letter as flow boxes: each paragraph line is a box (so paragraphs split across
// pages), each table row is a box (rows never split), the signature is one box.
#include <algorithm>
#include <memory>
#include <numeric>

#include "documents/letter_parts.hpp"
#include "documents/pango_markup.hpp"

namespace dun::letter {
namespace {

constexpr double kParagraphGap = 7;  // points between paragraphs
constexpr double kTableGap = 10;     // points above and below a table
constexpr double kCellPadX = 4;      // points
constexpr double kCellPadY = 2.6;
constexpr double kMinTextColumn = 60;  // points: a wrapped text column is never narrower

constexpr double kListIndent = 14;  // points per list level, quotes and code blocks
constexpr double kListGap = 2;      // points between the items of a list

// A horizontal rule across the text area (a Markdown `---`).
void add_rule(LetterCanvas& canvas, std::vector<FlowBox>& boxes, double space_before) {
  FlowBox box;
  box.height = 6;
  box.space_before = space_before;
  box.draw = [&canvas](double top) {
    canvas.grey(ink::kRule);
    cairo_set_line_width(canvas.cr, 0.6);
    cairo_move_to(canvas.cr, canvas.left, top + 3);
    cairo_line_to(canvas.cr, canvas.right, top + 3);
    cairo_stroke(canvas.cr);
  };
  boxes.push_back(std::move(box));
}

// The layout of a Markdown paragraph (pango markup, with its list marker) and its indent.
PangoLayout* formatted_layout(LetterCanvas& canvas, const Paragraph& paragraph, double& indent) {
  std::string markup = pango_markup(paragraph);
  indent = 0;
  switch (paragraph.role) {
    case ParagraphRole::bullet_item:
    case ParagraphRole::numbered_item:
      indent = kListIndent * std::max(paragraph.level - 1, 0);
      markup =
          (paragraph.role == ParagraphRole::bullet_item ? std::string("\u2022 ")
                                                        : std::to_string(paragraph.number) + ". ") +
          markup;
      break;
    case ParagraphRole::quote:
    case ParagraphRole::code_block:
      indent = kListIndent;
      break;
    default:
      break;
  }
  return canvas.keep(canvas.text.markup_layout(markup, fonts::kBody, canvas.text_width() - indent));
}

void add_paragraph(LetterCanvas& canvas, std::vector<FlowBox>& boxes, const Paragraph& paragraph,
                   double space_before) {
  if (paragraph.role == ParagraphRole::rule) return add_rule(canvas, boxes, space_before);
  double indent = 0;
  PangoLayout* layout = paragraph.runs.empty()
                            ? canvas.text.shared_layout(paragraph.text, fonts::kBody,
                                                        canvas.text_width(), Align::left)
                            : formatted_layout(canvas, paragraph, indent);
  const std::vector<LineBox> lines = line_boxes(layout);
  const std::size_t count = lines.size();
  for (std::size_t i = 0; i < count; ++i) {
    FlowBox box;
    box.height = lines[i].height;
    box.space_before = i == 0 ? space_before : 0;
    // No first line alone at a page's foot, no last line alone at the next page's head.
    box.keep_with_next = count > 1 && (i == 0 || i + 2 == count);
    box.draw = [&canvas, layout, line = static_cast<int>(i), shift = lines[i].top,
                indent](double top) {
      canvas.grey(ink::kText);
      canvas.text.draw_line(layout, line, canvas.left + indent, top - shift);
    };
    boxes.push_back(std::move(box));
  }
}

// The last total row is the grand total: bold, under an accent rule.
enum class RowKind { header, item, total, grand_total };

struct TableCell {
  PangoLayout* layout;
  std::size_t first_column;
  std::size_t last_column;  // inclusive: a total's label spans the columns left of the values
  bool right_aligned;
};

class TableBuilder : public std::enable_shared_from_this<TableBuilder> {
 public:
  TableBuilder(LetterCanvas& canvas, const ItemsTable& table)
      : canvas_(canvas),
        table_(table),
        columns_(std::max(table.headers.size(), table.numeric.size())) {}

  void add_to(std::vector<FlowBox>& boxes) {
    if (columns_ == 0) return;
    std::vector<std::vector<TableCell>> rows;
    rows.push_back(cells(table_.headers, fonts::kTableHeader, false));
    for (const auto& row : table_.rows) rows.push_back(cells(row, fonts::kTable, false));
    for (std::size_t t = 0; t < table_.totals.size(); ++t) {
      const bool grand = t + 1 == table_.totals.size();
      rows.push_back(cells(table_.totals[t], grand ? fonts::kTotal : fonts::kTable, true));
    }
    fit_columns(rows);
    const int header = static_cast<int>(boxes.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const RowKind kind = r == 0                    ? RowKind::header
                           : r <= table_.rows.size() ? RowKind::item
                           : r + 1 < rows.size()     ? RowKind::total
                                                     : RowKind::grand_total;
      const bool first_total = r == table_.rows.size() + 1;
      FlowBox box;
      box.height = row_height(rows[r]);
      box.space_before = r == 0 ? kTableGap : first_total ? 3 : 0;
      // The header stays with the first row; the last item stays with the totals, which stay
      // together, so a page never ends on a lone total.
      box.keep_with_next = r == 0 || (r + 1 < rows.size() && r >= table_.rows.size());
      box.repeat_header = kind == RowKind::item ? header : -1;
      box.draw = [this_row = std::move(rows[r]), kind, first_total, zebra = r % 2 == 0,
                  self = shared_from_this()](double top) {
        self->draw_row(this_row, kind, first_total, zebra, top);
      };
      boxes.push_back(std::move(box));
    }
    boxes.back().keep_with_next = false;
    trailing_gap_ = kTableGap;
  }

  double trailing_gap() const { return trailing_gap_; }

 private:
  bool numeric(std::size_t column) const {
    return column < table_.numeric.size() && table_.numeric[column];
  }

  // A total row's label spans the columns its values leave free; other rows have a cell a column.
  std::vector<TableCell> cells(const std::vector<std::string>& texts, const Font& font,
                               bool total) {
    std::vector<TableCell> row;
    const std::size_t count = std::min(texts.size(), columns_);
    for (std::size_t i = 0; i < count; ++i) {
      TableCell cell{canvas_.keep(canvas_.text.layout(texts[i], font)), i, i, numeric(i)};
      if (total) {
        const std::size_t values = count - 1;
        cell.first_column = i == 0 ? 0 : columns_ - values + (i - 1);
        cell.last_column = i == 0 ? columns_ - values - 1 : cell.first_column;
        cell.right_aligned = true;
      }
      row.push_back(cell);
    }
    return row;
  }

  // Every column gets its natural width and an equal share of the slack; when the page is too
  // narrow, numeric columns keep their natural width and text columns share what is left,
  // wrapping.
  void fit_columns(const std::vector<std::vector<TableCell>>& rows) {
    std::vector<double> natural(columns_, 2 * kCellPadX);
    for (const auto& row : rows) {
      for (const TableCell& cell : row) {
        if (cell.first_column != cell.last_column) continue;
        natural[cell.first_column] =
            std::max(natural[cell.first_column], TextSetter::width(cell.layout) + 2 * kCellPadX);
      }
    }
    widths_ = natural;
    const double available = canvas_.text_width();
    const double used = std::accumulate(natural.begin(), natural.end(), 0.0);
    double numeric_width = 0, text_width = 0;
    for (std::size_t c = 0; c < columns_; ++c)
      (numeric(c) ? numeric_width : text_width) += natural[c];
    if (used <= available) {
      for (double& width : widths_) width += (available - used) / static_cast<double>(columns_);
    } else if (text_width > 0) {
      const double room = std::max(available - numeric_width, 0.0);
      for (std::size_t c = 0; c < columns_; ++c) {
        if (!numeric(c)) widths_[c] = std::max(kMinTextColumn, natural[c] / text_width * room);
      }
    }
    lefts_.assign(columns_ + 1, canvas_.left);
    for (std::size_t c = 0; c < columns_; ++c) lefts_[c + 1] = lefts_[c] + widths_[c];
    for (const auto& row : rows) {
      for (const TableCell& cell : row) {
        TextSetter::set_width(cell.layout, span_width(cell) - 2 * kCellPadX,
                              cell.right_aligned ? Align::right : Align::left);
      }
    }
  }

  double span_width(const TableCell& cell) const {
    return lefts_[cell.last_column + 1] - lefts_[cell.first_column];
  }

  static double row_height(const std::vector<TableCell>& row) {
    double height = 0;
    for (const TableCell& cell : row) height = std::max(height, TextSetter::height(cell.layout));
    return height + 2 * kCellPadY;
  }

  void draw_row(const std::vector<TableCell>& row, RowKind kind, bool first_total, bool zebra,
                double top) const {
    cairo_t* cr = canvas_.cr;
    const double height = row_height(row);
    const double fill = kind == RowKind::header          ? ink::kHeaderFill
                        : kind == RowKind::item && zebra ? ink::kZebraFill
                                                         : 1.0;
    if (fill < 1.0) {
      canvas_.grey(fill);
      cairo_rectangle(cr, lefts_.front(), top, lefts_.back() - lefts_.front(), height);
      cairo_fill(cr);
    }
    canvas_.grey(ink::kText);
    for (const TableCell& cell : row) {
      canvas_.text.draw(cell.layout, lefts_[cell.first_column] + kCellPadX, top + kCellPadY);
    }
    // Accent rules under the header and above the grand total, a grey one above the totals.
    if (kind == RowKind::header) rule(top + height, true);
    if (kind == RowKind::grand_total) rule(top, true);
    if (first_total && kind != RowKind::grand_total) rule(top, false);
  }

  void rule(double y, bool accent) const {
    if (accent) {
      canvas_.colour(ink::kAccent);
      cairo_set_line_width(canvas_.cr, 0.9);
    } else {
      canvas_.grey(ink::kRule);
      cairo_set_line_width(canvas_.cr, 0.6);
    }
    cairo_move_to(canvas_.cr, lefts_.front(), y);
    cairo_line_to(canvas_.cr, lefts_.back(), y);
    cairo_stroke(canvas_.cr);
  }

  LetterCanvas& canvas_;
  const ItemsTable& table_;
  std::size_t columns_;
  std::vector<double> widths_;
  std::vector<double> lefts_;
  double trailing_gap_ = 0;
};

void add_signature(LetterCanvas& canvas, std::vector<FlowBox>& boxes,
                   const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  std::vector<PangoLayout*> layouts;
  double height = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Font font = i == 0 ? Font{fonts::kBody.size_pt, true} : fonts::kBody;
    layouts.push_back(canvas.text.shared_layout(lines[i], font));
    height += TextSetter::height(layouts.back());
  }
  // Never a signature alone on a page: it goes with the closing lines above it.
  if (!boxes.empty()) boxes.back().keep_with_next = true;
  FlowBox box;
  box.height = height;
  box.space_before = points(14);
  box.draw = [&canvas, layouts](double top) {
    canvas.grey(ink::kText);
    const double x = canvas.left + canvas.text_width() * 0.55;
    for (PangoLayout* layout : layouts) {
      canvas.text.draw(layout, x, top);
      top += TextSetter::height(layout);
    }
  };
  boxes.push_back(std::move(box));
}

}  // namespace

std::vector<FlowBox> body_boxes(LetterCanvas& canvas, const RenderedDocument& document,
                                const LetterInfo& info) {
  std::vector<FlowBox> boxes;
  if (document.subject) {
    PangoLayout* layout =
        canvas.text.shared_layout(*document.subject, fonts::kSubject, canvas.text_width());
    FlowBox box;
    box.height = TextSetter::height(layout) + points(4);
    box.keep_with_next = true;
    box.draw = [&canvas, layout](double top) {
      canvas.grey(ink::kText);
      canvas.text.draw(layout, canvas.left, top);
    };
    boxes.push_back(std::move(box));
  }
  double gap = 0;      // the first block follows the subject directly
  int item_level = 0;  // the list level of the block before, 0 when it is no list item
  for (const Block& block : document.body) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      const bool item = paragraph->role == ParagraphRole::bullet_item ||
                        paragraph->role == ParagraphRole::numbered_item;
      // The items of a list, and the lists nested in it, sit closer together than paragraphs.
      const bool same_list =
          item && item_level > 0 && (!paragraph->list_start || paragraph->level > item_level);
      add_paragraph(canvas, boxes, *paragraph, same_list ? kListGap : gap);
      item_level = item ? paragraph->level : 0;
      gap = kParagraphGap;
    } else {
      // Owned by its rows' draw functions, which need its column positions.
      auto builder = std::make_shared<TableBuilder>(canvas, std::get<ItemsTable>(block));
      builder->add_to(boxes);
      gap = builder->trailing_gap();
      item_level = 0;
    }
  }
  add_signature(canvas, boxes, info.signature_lines);
  return boxes;
}

}  // namespace dun::letter
