// document_html(): blocks to HTML with inline styles. The palette and sizes echo the letters'
// (documents/letter_parts.hpp): near-black text, the accent blue for rules and links.
#include "documents/document_html.hpp"

#include <algorithm>
#include <vector>

namespace dun {
namespace {

constexpr std::string_view kAccent = "#1c3a6b";
constexpr std::string_view kBodyStyle =
    "font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1a1a1a;";
constexpr std::string_view kParagraphStyle = "margin:0 0 12px 0;";
constexpr std::string_view kCellStyle = "padding:4px 8px;border-bottom:1px solid #dddddd;";
constexpr std::string_view kHeaderStyle =
    "padding:4px 8px;background:#e6e6e6;border-bottom:2px solid #1c3a6b;";
constexpr std::string_view kTotalStyle = "padding:4px 8px;font-weight:bold;";

std::string_view heading_size(int level) {
  switch (level) {
    case 1:
      return "22px";
    case 2:
      return "18px";
    case 3:
      return "16px";
    default:
      return "14px";
  }
}

std::string text_html(std::string_view text) {
  std::string out;
  for (std::size_t begin = 0; begin <= text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (begin > 0) out += "<br>";
    out += escape_html(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

std::string run_html(const TextRun& run) {
  std::string out = text_html(run.text);
  if (run.code) {
    out =
        "<code style=\"font-family:'DejaVu Sans Mono',Consolas,monospace;background:#f2f2f2;"
        "padding:0 2px;\">" +
        out + "</code>";
  }
  if (run.italic) out = "<em>" + out + "</em>";
  if (run.bold) out = "<strong>" + out + "</strong>";
  return out;
}

// The runs, the consecutive runs of one link inside one <a>.
std::string runs_html(const std::vector<TextRun>& runs) {
  std::string out;
  for (std::size_t i = 0; i < runs.size();) {
    if (runs[i].link.empty()) {
      out += run_html(runs[i++]);
      continue;
    }
    const std::string& link = runs[i].link;
    out += "<a href=\"" + escape_html(link) + "\" style=\"color:" + std::string(kAccent) +
           ";text-decoration:underline;\">";
    for (; i < runs.size() && runs[i].link == link; ++i) out += run_html(runs[i]);
    out += "</a>";
  }
  return out;
}

// A plain-text paragraph (from a plain-text block of a formatted document) has no runs.
std::string content_html(const Paragraph& paragraph) {
  return paragraph.runs.empty() ? text_html(paragraph.text) : runs_html(paragraph.runs);
}

bool is_item(const Paragraph& paragraph) {
  return paragraph.role == ParagraphRole::bullet_item ||
         paragraph.role == ParagraphRole::numbered_item;
}

// The open lists, outermost first: nested lists sit inside their parent's open item.
class ListNesting {
 public:
  explicit ListNesting(std::string& out) : out_(out) {}

  void item(const Paragraph& paragraph) {
    const std::size_t level = static_cast<std::size_t>(std::max(paragraph.level, 1));
    const bool numbered = paragraph.role == ParagraphRole::numbered_item;
    close_to(level);
    if (open_.size() == level && (open_.back().numbered != numbered || paragraph.list_start)) {
      close_to(level - 1);
    }
    while (open_.size() < level) {
      std::string tag = numbered ? "<ol" : "<ul";
      if (numbered && paragraph.number != 1) {
        tag += " start=\"" + std::to_string(paragraph.number) + "\"";
      }
      out_ += tag + " style=\"margin:0 0 12px 0;padding-left:24px;\">\n";
      open_.push_back({numbered, false});
    }
    if (open_.back().item_open) out_ += "</li>\n";
    out_ += "<li style=\"margin:0 0 4px 0;\">" + content_html(paragraph);
    open_.back().item_open = true;
  }

  void close_to(std::size_t depth) {
    while (open_.size() > depth) {
      if (open_.back().item_open) out_ += "</li>\n";
      out_ += open_.back().numbered ? "</ol>\n" : "</ul>\n";
      open_.pop_back();
    }
  }

 private:
  struct Open {
    bool numbered;
    bool item_open;
  };
  std::string& out_;
  std::vector<Open> open_;
};

std::string paragraph_html(const Paragraph& paragraph) {
  switch (paragraph.role) {
    case ParagraphRole::heading: {
      const int level = std::clamp(paragraph.level, 1, 6);
      const std::string tag = "h" + std::to_string(level);
      return "<" + tag +
             " style=\"margin:16px 0 8px 0;font-size:" + std::string(heading_size(level)) +
             ";color:" + std::string(kAccent) + ";\">" + content_html(paragraph) + "</" + tag +
             ">\n";
    }
    case ParagraphRole::quote:
      return "<blockquote style=\"margin:0 0 12px 0;padding:0 0 0 12px;border-left:3px solid "
             "#cccccc;color:#555555;\">" +
             content_html(paragraph) + "</blockquote>\n";
    case ParagraphRole::code_block:
      return "<pre style=\"margin:0 0 12px 0;padding:8px;background:#f2f2f2;font-family:'DejaVu "
             "Sans Mono',Consolas,monospace;font-size:13px;white-space:pre-wrap;\">" +
             escape_html(paragraph.text) + "</pre>\n";
    case ParagraphRole::rule:
      return "<hr style=\"border:0;border-top:1px solid #cccccc;margin:16px 0;\">\n";
    default:
      return "<p style=\"" + std::string(kParagraphStyle) + "\">" + content_html(paragraph) +
             "</p>\n";
  }
}

std::string cell_html(std::string_view tag, const std::string& text, bool right,
                      std::string_view style) {
  return "<" + std::string(tag) + " style=\"" + std::string(style) +
         "text-align:" + (right ? "right" : "left") + ";\">" + text_html(text) + "</" +
         std::string(tag) + ">";
}

std::string table_html(const ItemsTable& table) {
  const auto right = [&](std::size_t column) {
    return column < table.numeric.size() && table.numeric[column];
  };
  std::string out =
      "<table style=\"border-collapse:collapse;width:100%;margin:0 0 12px 0;font-size:13px;\">\n";
  out += "<thead><tr>";
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    out += cell_html("th", table.headers[c], right(c), kHeaderStyle);
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += cell_html("td", row[c], right(c), kCellStyle);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n";
  if (!table.totals.empty()) {
    out += "<tfoot>\n";
    for (const auto& row : table.totals) {
      out += "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c) {
        out += cell_html("td", row[c], c > 0 || right(c), kTotalStyle);
      }
      out += "</tr>\n";
    }
    out += "</tfoot>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string document_html(const RenderedDocument& document, std::string_view logo_cid,
                          std::string_view company_name) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape_html(document.language) + "\">\n";
  out += "<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape_html(document.subject.value_or("")) + "</title>\n</head>\n";
  out += "<body style=\"margin:0;padding:0;background:#ffffff;\">\n";
  out += "<div style=\"" + std::string(kBodyStyle) +
         "max-width:640px;margin:0 auto;padding:16px;\">\n";
  if (!logo_cid.empty()) {
    out += "<p style=\"" + std::string(kParagraphStyle) +
           "\"><img src=\"cid:" + escape_html(logo_cid) + "\" alt=\"" + escape_html(company_name) +
           "\" style=\"max-height:60px;max-width:240px;border:0;\"></p>\n";
  }
  ListNesting lists(out);
  for (const Block& block : document.body) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block); paragraph && is_item(*paragraph)) {
      lists.item(*paragraph);
      continue;
    }
    lists.close_to(0);
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out += paragraph_html(*paragraph);
    } else {
      out += table_html(std::get<ItemsTable>(block));
    }
  }
  lists.close_to(0);
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace dun
