// Diagnostics rendering: the text layout of docs/diagnostics.md (caret under the character, tabs
// shown as 4 spaces) and JSON that stays valid whatever the message holds.
#include <gtest/gtest.h>

#include "dsl/diagnostic_text.hpp"

namespace dun::dsl {
namespace {

Diagnostic at(const SourceFile& file, std::size_t offset, std::string message,
              Severity severity = Severity::error) {
  return {severity, file.position_at(offset), file.name(), std::move(message)};
}

TEST(RenderText, ShowsTheLineAndACaretUnderTheColumn) {
  const SourceFile file("a.dun", "scenario x \"t\"\n  stpe first\nend\n");
  const auto diagnostic = at(file, file.text().find("stpe"), "unexpected 'stpe'");
  EXPECT_EQ(render_text(diagnostic, &file),
            "a.dun:2:3: error: unexpected 'stpe'\n"
            " 2 |   stpe first\n"
            "   |   ^\n");
}

TEST(RenderText, TabsAreFourSpacesAndTheCaretFollows) {
  const SourceFile file("a.dun", "\tat\tx +\n");
  const auto diagnostic = at(file, file.text().find('x'), "m", Severity::warning);
  EXPECT_EQ(diagnostic.pos.column, 5u);
  EXPECT_EQ(render_text(diagnostic, &file),
            "a.dun:1:5: warning: m\n"
            " 1 |     at    x +\n"
            "   |           ^\n");
}

TEST(RenderText, MultiByteCharactersTakeOneColumn) {
  const SourceFile file("a.dun", "\"été\" x\n");
  const auto diagnostic = at(file, file.text().find('x'), "m");
  EXPECT_EQ(diagnostic.pos.column, 7u);
  EXPECT_EQ(render_text(diagnostic, &file),
            "a.dun:1:7: error: m\n"
            " 1 | \"été\" x\n"
            "   |       ^\n");
}

TEST(RenderText, EndOfFileAndWideLineNumbers) {
  std::string text(11, '\n');
  text += "step";
  const SourceFile file("a.dun", text);
  const auto diagnostic = at(file, text.size(), "expected 'end'");
  EXPECT_EQ(render_text(diagnostic, &file),
            "a.dun:12:5: error: expected 'end'\n"
            " 12 | step\n"
            "    |     ^\n");
  EXPECT_EQ(render_text(diagnostic, nullptr), "a.dun:12:5: error: expected 'end'\n");
}

TEST(RenderJson, EscapesAndKeepsUtf8) {
  const SourceFile file("dir/\"q\".dun", "x\n");
  std::vector<Diagnostic> diagnostics = {
      at(file, 0, "unexpected '\\x0A'; \"quoted\" \t é"),
      at(file, 1, std::string("bad \xff byte and \x01"), Severity::warning)};
  EXPECT_EQ(render_json(diagnostics),
            "[\n"
            "  {\"file\": \"dir/\\\"q\\\".dun\", \"line\": 1, \"column\": 1, \"severity\": "
            "\"error\", \"message\": \"unexpected '\\\\x0A'; \\\"quoted\\\" \\t é\"},\n"
            "  {\"file\": \"dir/\\\"q\\\".dun\", \"line\": 1, \"column\": 2, \"severity\": "
            "\"warning\", \"message\": \"bad \\ufffd byte and \\u0001\"}\n"
            "]\n");
  EXPECT_EQ(render_json({}), "[]\n");
}

}  // namespace
}  // namespace dun::dsl
