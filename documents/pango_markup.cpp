#include "documents/pango_markup.hpp"

#include <glib.h>

#include <memory>

#include "documents/markdown_blocks.hpp"

namespace dun::letter {
namespace {

std::string escaped(std::string_view text) {
  const std::unique_ptr<gchar, decltype(&g_free)> markup(
      g_markup_escape_text(text.data(), static_cast<gssize>(text.size())), &g_free);
  return markup.get();
}

std::string run_markup(const TextRun& run) {
  std::string out = escaped(run.text);
  if (run.code) out = "<tt>" + out + "</tt>";
  if (run.italic) out = "<i>" + out + "</i>";
  if (run.bold) out = "<b>" + out + "</b>";
  return out;
}

std::string_view heading_size(int level) {
  return level <= 1 ? "x-large" : level == 2 ? "large" : "medium";
}

}  // namespace

std::string pango_markup(const Paragraph& paragraph) {
  const std::vector<TextRun>& runs = paragraph.runs;
  std::string out;
  for (std::size_t i = 0; i < runs.size();) {
    if (runs[i].link.empty()) {
      out += run_markup(runs[i++]);
      continue;
    }
    const std::string& link = runs[i].link;
    std::string label;
    out += "<span foreground=\"#1c3a6b\" underline=\"single\">";
    for (; i < runs.size() && runs[i].link == link; ++i) {
      out += run_markup(runs[i]);
      label += runs[i].text;
    }
    out += "</span>";
    if (link_needs_target(label, link)) {
      out += " (" + escaped(link) + ")";
    }
  }
  switch (paragraph.role) {
    case ParagraphRole::heading:
      return "<span weight=\"bold\" size=\"" + std::string(heading_size(paragraph.level)) + "\">" +
             out + "</span>";
    case ParagraphRole::quote:
      return "<span foreground=\"#555555\"><i>" + out + "</i></span>";
    case ParagraphRole::code_block:
      return "<tt>" + escaped(paragraph.text) + "</tt>";
    default:
      return out;
  }
}

}  // namespace dun::letter
