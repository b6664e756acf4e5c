// A rendered document as the HTML part of an email (docs/templates.md, "Markdown templates"): a
// whole HTML5 document whose every element carries its style inline (mail clients drop style
// sheets), the company logo on top when the email carries one, paragraphs with their bold,
// italic, code and links, headings, lists, quotes, code blocks, rules, and tables — `{items_list}`
// with its totals in bold. Every text of the document is HTML-escaped here, and only here: the
// document holds plain text, so no value can inject markup. Links are those the Markdown parser
// let through (documents/markdown_blocks.hpp: http, https, mailto, tel).
//
// Pure functions: safe from several threads.
#pragma once

#include <string>
#include <string_view>

#include "documents/document.hpp"

namespace dun {

// `logo_cid`: the Content-ID of the inline logo image (without <>), empty for none; the company
// name is its alternative text.
std::string document_html(const RenderedDocument& document, std::string_view logo_cid,
                          std::string_view company_name);

// `text` with & < > " ' as character references: safe in element content and quoted attributes.
std::string escape_html(std::string_view text);

}  // namespace dun
