// Markdown templates' blocks (documents/markdown_blocks.hpp), their HTML (document_html.hpp) and
// their escaping: every construct a template may use, pipe tables, links that may and may not be
// followed, and values that try to inject Markdown or HTML.
#include "documents/markdown_blocks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "documents/document_html.hpp"

namespace {

using dun::Block;
using dun::ItemsTable;
using dun::Paragraph;
using dun::ParagraphRole;
using dun::TextRun;

const Paragraph& paragraph_at(const std::vector<Block>& blocks, std::size_t index) {
  return std::get<Paragraph>(blocks.at(index));
}

TEST(MarkdownBlocks, InlineStylesBecomeRunsAndPlainText) {
  const auto blocks = dun::markdown_blocks("Please pay **now**, *today* or `tomorrow`.\n");
  ASSERT_EQ(blocks.size(), 1u);
  const Paragraph& paragraph = paragraph_at(blocks, 0);
  EXPECT_EQ(paragraph.role, ParagraphRole::body);
  EXPECT_EQ(paragraph.text, "Please pay now, today or tomorrow.");
  const std::vector<TextRun> expected = {{"Please pay ", false, false, false, ""},
                                         {"now", true, false, false, ""},
                                         {", ", false, false, false, ""},
                                         {"today", false, true, false, ""},
                                         {" or ", false, false, false, ""},
                                         {"tomorrow", false, false, true, ""},
                                         {".", false, false, false, ""}};
  EXPECT_EQ(paragraph.runs, expected);
}

TEST(MarkdownBlocks, HeadingsListsQuotesRulesAndBreaks) {
  const auto blocks = dun::markdown_blocks(
      "## How to pay\n\n- transfer\n- card\n  1. online\n  2. by phone\n\n> quoted\n\n---\n\n"
      "line one\\\nline two\nsoft\n");
  ASSERT_EQ(blocks.size(), 8u);
  EXPECT_EQ(paragraph_at(blocks, 0).role, ParagraphRole::heading);
  EXPECT_EQ(paragraph_at(blocks, 0).level, 2);
  EXPECT_EQ(paragraph_at(blocks, 0).text, "How to pay");
  EXPECT_EQ(paragraph_at(blocks, 1).role, ParagraphRole::bullet_item);
  EXPECT_TRUE(paragraph_at(blocks, 1).list_start);
  EXPECT_EQ(paragraph_at(blocks, 1).text, "- transfer");
  EXPECT_FALSE(paragraph_at(blocks, 2).list_start);
  EXPECT_EQ(paragraph_at(blocks, 3).role, ParagraphRole::numbered_item);
  EXPECT_EQ(paragraph_at(blocks, 3).level, 2);
  EXPECT_EQ(paragraph_at(blocks, 3).text, "  1. online");
  EXPECT_EQ(paragraph_at(blocks, 4).number, 2);
  EXPECT_EQ(paragraph_at(blocks, 5).role, ParagraphRole::quote);
  EXPECT_EQ(paragraph_at(blocks, 5).text, "> quoted");
  EXPECT_EQ(paragraph_at(blocks, 6).role, ParagraphRole::rule);
  // A hard break is a line break; a soft one joins the lines, in the plain text too.
  EXPECT_EQ(paragraph_at(blocks, 7).text, "line one\nline two soft");
  EXPECT_EQ(paragraph_at(blocks, 7).runs.at(0).text, "line one\nline two soft");
}

TEST(MarkdownBlocks, PipeTablesWithAlignment) {
  const auto blocks = dun::markdown_blocks(
      "Before\n\n| Contact | Amount |\n|:--|--:|\n| **Anna** | 1\\|2 |\n| Bob |\n\nAfter\n");
  ASSERT_EQ(blocks.size(), 3u);
  const auto& table = std::get<ItemsTable>(blocks.at(1));
  EXPECT_EQ(table.headers, (std::vector<std::string>{"Contact", "Amount"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"Anna", "1|2"}));
  EXPECT_EQ(table.rows[1], (std::vector<std::string>{"Bob", ""}));
  EXPECT_EQ(table.numeric, (std::vector<bool>{false, true}));
  EXPECT_EQ(paragraph_at(blocks, 2).text, "After");
  // In a fenced code block a table is code.
  const auto code = dun::markdown_blocks("```\n| a | b |\n|---|---|\n```\n");
  ASSERT_EQ(code.size(), 1u);
  EXPECT_EQ(paragraph_at(code, 0).role, ParagraphRole::code_block);
}

TEST(MarkdownBlocks, OnlyWebMailAndPhoneLinksAreFollowed) {
  const auto blocks = dun::markdown_blocks(
      "[Pay](https://pay.example/x?a=1&b=2) [mail](mailto:ar@ourco.example) "
      "[bad](javascript:alert(1)) [data](data:text/html,x) [rel](/etc/passwd) "
      "<https://ourco.example>\n");
  const Paragraph& paragraph = paragraph_at(blocks, 0);
  std::vector<std::string> links;
  for (const TextRun& run : paragraph.runs) {
    if (!run.link.empty()) links.push_back(run.link);
  }
  EXPECT_EQ(links, (std::vector<std::string>{"https://pay.example/x?a=1&b=2",
                                             "mailto:ar@ourco.example", "https://ourco.example"}));
  EXPECT_EQ(paragraph.text,
            "Pay (https://pay.example/x?a=1&b=2) mail (mailto:ar@ourco.example) bad data rel "
            "https://ourco.example");
  EXPECT_TRUE(dun::is_safe_link("HTTPS://x.example"));
  EXPECT_FALSE(dun::is_safe_link("javascript:alert(1)"));
  EXPECT_FALSE(dun::is_safe_link(" https://x.example"));
}

TEST(MarkdownBlocks, RawHtmlInATemplateIsText) {
  const auto blocks =
      dun::markdown_blocks("Hello <b onclick=\"x()\">there</b>\n\n<div>block</div>\n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(paragraph_at(blocks, 0).text, "Hello <b onclick=\"x()\">there</b>");
  EXPECT_EQ(paragraph_at(blocks, 1).text, "<div>block</div>");
  dun::RenderedDocument document;
  document.body = blocks;
  const std::string html = dun::document_html(document, "", "");
  EXPECT_NE(html.find("Hello &lt;b onclick=&quot;x()&quot;&gt;there&lt;/b&gt;"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("<div>block"), std::string::npos) << html;
}

// Values are escaped into the source: whatever they hold, they read as themselves.
TEST(MarkdownBlocks, AnEscapedValueReadsAsItself) {
  const std::vector<std::string> values = {
      "<script>alert(1)</script>",
      "**Acme** _Ltd_ `x`",
      "[x](javascript:alert(1))",
      "# not a heading",
      "1. not a list",
      "- not a list either",
      "| a | b |",
      "&amp; &lt; \\ back\\slash",
      "    four blanks",
      "> quote",
      "Société Générale — «ß»",
  };
  for (const std::string& value : values) {
    const auto blocks = dun::markdown_blocks("Dear " + dun::escape_markdown(value) + ",\n");
    ASSERT_EQ(blocks.size(), 1u) << value;
    const Paragraph& paragraph = paragraph_at(blocks, 0);
    EXPECT_EQ(paragraph.text, "Dear " + value + ",") << value;
    ASSERT_EQ(paragraph.runs.size(), 1u) << value << ": it made markup";
    EXPECT_FALSE(paragraph.runs[0].bold || paragraph.runs[0].italic || paragraph.runs[0].code);
    EXPECT_TRUE(paragraph.runs[0].link.empty());
    // At the start of a line too.
    const auto alone = dun::markdown_blocks(dun::escape_markdown(value) + "\n");
    ASSERT_EQ(alone.size(), 1u) << value;
    EXPECT_EQ(paragraph_at(alone, 0).role, ParagraphRole::body) << value;
    EXPECT_EQ(paragraph_at(alone, 0).text, value) << value;
  }
  // A line break in a value is a line break, never a blank line that would start a block.
  const auto address = dun::markdown_blocks(dun::escape_markdown("1 Main St\n\n# Town") + "\n");
  ASSERT_EQ(address.size(), 1u);
  EXPECT_EQ(paragraph_at(address, 0).text, "1 Main St\n\n# Town");
  // In a link target the escapes are undone: the value is the URL.
  const auto link = dun::markdown_blocks(
      "[pay](" + dun::escape_markdown("https://pay.example/i?id=42&t=a_b") + ")\n");
  EXPECT_EQ(paragraph_at(link, 0).runs.at(0).link, "https://pay.example/i?id=42&t=a_b");
}

TEST(DocumentHtml, ListsNestInsideTheirItemAndTextIsEscaped) {
  dun::RenderedDocument document;
  document.language = "en";
  document.subject = "Bills & <you>";
  document.formatted = true;
  document.body = dun::markdown_blocks("- one\n  - inner\n- two \"q\" 'a'\n\n1. first\n");
  const std::string html = dun::document_html(document, "logo.1@ourco.example", "Our <Co>");
  EXPECT_NE(html.find("<title>Bills &amp; &lt;you&gt;</title>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li style=\"margin:0 0 4px 0;\">one<ul"), std::string::npos) << html;
  EXPECT_NE(html.find("inner</li>\n</ul>\n</li>\n<li style=\"margin:0 0 4px 0;\">two &quot;q&quot; "
                      "&#39;a&#39;</li>\n</ul>\n<ol"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<img src=\"cid:logo.1@ourco.example\" alt=\"Our &lt;Co&gt;\""),
            std::string::npos)
      << html;
}

}  // namespace
