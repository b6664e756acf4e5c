// Markdown templates (`NAME.LANG.md`, docs/templates.md "Markdown templates"): CommonMark text,
// parsed with libcmark-gfm, into the medium-free blocks of documents/document.hpp — paragraphs
// whose runs carry bold, italic, code and links, headings, list items, quotes, code blocks, rules —
// and GitHub's pipe tables into tables.
//
// Data never becomes markup: the template's values are written into the Markdown source through
// escape_markdown(), so every character of a value reads as itself, and each output (HTML, pango,
// plain text) escapes the plain text of the runs for itself. Links go to http, https, mailto and
// tel targets only; any other target (javascript:, data:, a relative path) prints its label alone.
// Raw HTML in a template prints as text: a template cannot reach the HTML part but through
// Markdown.
//
// Pure functions: safe from several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "documents/document.hpp"

namespace dun {

// `value` as Markdown that reads as the value itself: every ASCII punctuation character
// backslash-escaped, a line break a hard break (never a blank line, so a value cannot end or start
// a block), blanks at a line's start as character references (never an indented code block).
std::string escape_markdown(std::string_view value);

// The blocks of Markdown `source` (UTF-8), in document order.
std::vector<Block> markdown_blocks(std::string_view source);

// Whether a link labelled `label` prints its target beside it where it cannot be followed (the
// text part, a letter): unless the label is the target (`<https://…>`, a mailto: address).
bool link_needs_target(std::string_view label, std::string_view link);

// Whether a link may point to `url`: an http, https, mailto or tel URL (case-insensitive scheme).
bool is_safe_link(std::string_view url);

}  // namespace dun
