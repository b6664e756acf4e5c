// A paragraph of a Markdown template as pango markup, for letters (documents/letter_body.cpp):
// bold, italic and code runs as <b>, <i> and <tt>, links in the accent colour followed by their
// target in brackets (paper has no links) unless the label already says it, headings larger and
// bold. List markers, indents and rules are the letter's to draw. Every text is escaped with
// g_markup_escape_text: a value cannot inject markup. Internal to letters; a pure function.
#pragma once

#include <string>

#include "documents/document.hpp"

namespace dun::letter {

// REQUIRES: paragraph.runs is not empty (a paragraph of a Markdown template).
std::string pango_markup(const Paragraph& paragraph);

}  // namespace dun::letter
