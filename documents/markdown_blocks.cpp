// markdown_blocks(): libcmark-gfm's tree walked into paragraphs of styled runs, with each
// paragraph's plain text (what the text part and previews print) built beside its runs.
#include "documents/markdown_blocks.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

namespace dun {
namespace {

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;

struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};

// CommonMark with GitHub's tables (the `table` extension of libcmark-gfm-extensions).
NodePtr parse(std::string_view source) {
  cmark_gfm_core_extensions_ensure_registered();
  // No CMARK_OPT_UNSAFE: raw HTML is never passed on (and dun prints it as text anyway).
  const std::unique_ptr<cmark_parser, ParserFree> parser(
      cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
  if (cmark_syntax_extension* tables = cmark_find_syntax_extension("table")) {
    cmark_parser_attach_syntax_extension(parser.get(), tables);
  }
  cmark_parser_feed(parser.get(), source.data(), source.size());
  return NodePtr(cmark_parser_finish(parser.get()));
}

// The extension's node types are registered at run time: they are told apart by name.
bool is_node(cmark_node* node, std::string_view type) {
  const char* name = cmark_node_get_type_string(node);
  return name != nullptr && type == name;
}

std::string_view literal(cmark_node* node) {
  const char* text = cmark_node_get_literal(node);
  return text == nullptr ? std::string_view() : std::string_view(text);
}

// The runs and the plain text of one paragraph, written as the inline nodes are walked.
class InlineWriter {
 public:
  void walk(cmark_node* parent, TextRun style) {
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
         node = cmark_node_next(node)) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
          add(literal(node), style);
          break;
        case CMARK_NODE_CODE: {
          TextRun code = style;
          code.code = true;
          add(literal(node), code);
          break;
        }
        case CMARK_NODE_SOFTBREAK:  // Markdown joins the lines of a paragraph
          add(" ", style);
          break;
        case CMARK_NODE_LINEBREAK:
          add("\n", style);
          break;
        case CMARK_NODE_EMPH: {
          TextRun italic = style;
          italic.italic = true;
          walk(node, italic);
          break;
        }
        case CMARK_NODE_STRONG: {
          TextRun bold = style;
          bold.bold = true;
          walk(node, bold);
          break;
        }
        case CMARK_NODE_LINK: {
          const char* url = cmark_node_get_url(node);
          TextRun link = style;
          if (url != nullptr && is_safe_link(url)) link.link = url;
          const std::size_t label_start = plain_.size();
          walk(node, link);
          // The text part and the letter show where a link goes, unless its label says it.
          const std::string label = plain_.substr(label_start);
          if (!link.link.empty() && link_needs_target(label, link.link)) {
            plain_ += " (" + link.link + ")";
          }
          break;
        }
        case CMARK_NODE_IMAGE:  // no images from templates: their description stands for them
        default:
          walk(node, style);
          break;
      }
    }
  }

  void hard_break() { add("\n", TextRun{}); }
  bool empty() const { return runs_.empty(); }
  std::vector<TextRun> take_runs() { return std::move(runs_); }
  std::string take_plain() { return std::move(plain_); }

 private:
  void add(std::string_view text, const TextRun& style) {
    if (text.empty()) return;
    plain_ += text;
    if (!runs_.empty()) {
      TextRun& last = runs_.back();
      if (last.bold == style.bold && last.italic == style.italic && last.code == style.code &&
          last.link == style.link) {
        last.text += text;
        return;
      }
    }
    TextRun run = style;
    run.text = std::string(text);
    runs_.push_back(std::move(run));
  }

  std::vector<TextRun> runs_;
  std::string plain_;
};

// Each line of `text` after the first indented by `indent`, the first prefixed with `first`.
std::string prefixed(std::string_view first, std::string_view indent, std::string_view text) {
  std::string out(first);
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

struct Context {
  bool quote = false;
  int list_level = 0;
};

class BlockWriter {
 public:
  explicit BlockWriter(std::vector<Block>& out) : out_(out) {}

  void walk_children(cmark_node* parent, const Context& context) {
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
         node = cmark_node_next(node)) {
      walk(node, context);
    }
  }

 private:
  void walk(cmark_node* node, const Context& context) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        text_block(node, context.quote ? ParagraphRole::quote : ParagraphRole::body, 0);
        break;
      case CMARK_NODE_HEADING:
        text_block(node, ParagraphRole::heading, cmark_node_get_heading_level(node));
        break;
      case CMARK_NODE_BLOCK_QUOTE: {
        Context inner = context;
        inner.quote = true;
        walk_children(node, inner);
        break;
      }
      case CMARK_NODE_LIST:
        list(node, context);
        break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK: {
        // Raw HTML prints as the text it is, in the body's face; code in a monospace one.
        const bool code = cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK;
        std::string text(literal(node));
        while (!text.empty() && text.back() == '\n') text.pop_back();
        if (text.empty()) break;
        Paragraph paragraph;
        paragraph.role = code ? ParagraphRole::code_block : ParagraphRole::body;
        paragraph.runs.push_back(TextRun{text, false, false, code, ""});
        paragraph.text = std::move(text);
        out_.emplace_back(std::move(paragraph));
        break;
      }
      case CMARK_NODE_THEMATIC_BREAK: {
        Paragraph rule;
        rule.role = ParagraphRole::rule;
        rule.text = std::string(10, '-');
        out_.emplace_back(std::move(rule));
        break;
      }
      default:
        if (is_node(node, "table")) {
          out_.emplace_back(table_block(node));
          break;
        }
        walk_children(node, context);
        break;
    }
  }

  // A GitHub table: plain cells (their inline formatting dropped), the header row first, a
  // column right-aligned (`--:`) when it holds figures.
  static ItemsTable table_block(cmark_node* table) {
    ItemsTable block;
    const std::uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
    const std::uint8_t* alignments = cmark_gfm_extensions_get_table_alignments(table);
    for (std::uint16_t column = 0; column < columns; ++column) {
      block.numeric.push_back(alignments != nullptr && alignments[column] == 'r');
    }
    for (cmark_node* row = cmark_node_first_child(table); row != nullptr;
         row = cmark_node_next(row)) {
      std::vector<std::string> cells;
      for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr;
           cell = cmark_node_next(cell)) {
        InlineWriter writer;
        writer.walk(cell, TextRun{});
        cells.push_back(writer.take_plain());
      }
      cells.resize(columns);
      if (cmark_gfm_extensions_get_table_row_is_header(row)) {
        block.headers = std::move(cells);
      } else {
        block.rows.push_back(std::move(cells));
      }
    }
    return block;
  }

  void text_block(cmark_node* node, ParagraphRole role, int level) {
    InlineWriter writer;
    writer.walk(node, TextRun{});
    if (writer.empty()) return;
    Paragraph paragraph;
    paragraph.role = role;
    paragraph.level = level;
    paragraph.runs = writer.take_runs();
    paragraph.text = writer.take_plain();
    if (role == ParagraphRole::quote) paragraph.text = prefixed("> ", "> ", paragraph.text);
    out_.emplace_back(std::move(paragraph));
  }

  // Each item is one paragraph (its paragraphs joined by line breaks) with its marker; a nested
  // list follows its item one level deeper.
  void list(cmark_node* node, const Context& context) {
    Context inner = context;
    inner.list_level = context.list_level + 1;
    const bool numbered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(node);
    bool first = true;
    for (cmark_node* item = cmark_node_first_child(node); item != nullptr;
         item = cmark_node_next(item), ++number) {
      InlineWriter writer;
      std::vector<cmark_node*> nested;
      for (cmark_node* child = cmark_node_first_child(item); child != nullptr;
           child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) {
          if (!writer.empty()) writer.hard_break();
          writer.walk(child, TextRun{});
        } else {
          nested.push_back(child);
        }
      }
      Paragraph paragraph;
      paragraph.role = numbered ? ParagraphRole::numbered_item : ParagraphRole::bullet_item;
      paragraph.level = inner.list_level;
      paragraph.number = number;
      paragraph.list_start = first;
      first = false;
      paragraph.runs = writer.take_runs();
      const std::string marker = numbered ? std::to_string(number) + ". " : "- ";
      const std::string indent(2 * static_cast<std::size_t>(inner.list_level - 1), ' ');
      paragraph.text =
          prefixed(indent + marker, indent + std::string(marker.size(), ' '), writer.take_plain());
      if (context.quote) paragraph.text = prefixed("> ", "> ", paragraph.text);
      out_.emplace_back(std::move(paragraph));
      for (cmark_node* child : nested) walk(child, inner);
    }
  }

  std::vector<Block>& out_;
};

}  // namespace

std::string escape_markdown(std::string_view value) {
  std::string out;
  bool line_start = true;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\r') continue;
    if (c == '\n') {
      out += "\\\n";
      line_start = true;
      continue;
    }
    if (line_start && (c == ' ' || c == '\t')) {
      out += c == ' ' ? "&#32;" : "&#9;";
      continue;
    }
    line_start = false;
    if (byte < 0x80 && std::ispunct(byte)) out += '\\';
    out += c;
  }
  return out;
}

bool link_needs_target(std::string_view label, std::string_view link) {
  for (const std::string_view scheme : {"", "mailto:", "tel:"}) {
    if (link.size() == scheme.size() + label.size() && link.starts_with(scheme) &&
        link.ends_with(label)) {
      return false;
    }
  }
  return true;
}

bool is_safe_link(std::string_view url) {
  std::string lower;
  for (char c : url.substr(0, 8))
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.starts_with("http://") || lower.starts_with("https://") ||
         lower.starts_with("mailto:") || lower.starts_with("tel:");
}

std::vector<Block> markdown_blocks(std::string_view source) {
  std::vector<Block> blocks;
  const NodePtr document = parse(source);
  BlockWriter(blocks).walk_children(document.get(), Context{});
  return blocks;
}

}  // namespace dun
