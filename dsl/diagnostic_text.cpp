#include "dsl/diagnostic_text.hpp"

#include <cstdio>

namespace dun::dsl {

namespace {

constexpr std::size_t kTabWidth = 4;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The source line as displayed (tabs expanded) and the caret line under character `column`.
std::pair<std::string, std::string> line_and_caret(std::string_view line, std::uint32_t column) {
  std::string shown;
  std::string caret;
  std::uint32_t character = 1;
  for (const char c : line) {
    if (is_continuation(c)) {
      shown += c;
      continue;
    }
    const bool before_caret = character < column;
    if (c == '\t') {
      shown.append(kTabWidth, ' ');
      if (before_caret) caret.append(kTabWidth, ' ');
    } else {
      shown += c;
      if (before_caret) caret += ' ';
    }
    ++character;
  }
  // A position past the end of the line (the end of the file): the caret stands after it.
  return {shown, caret + '^'};
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // Copy a well-formed UTF-8 sequence; replace a broken one so the JSON stays valid.
      const std::size_t length = c >= 0xF0 && c <= 0xF4   ? 4
                                 : c >= 0xE0 && c <= 0xEF ? 3
                                 : c >= 0xC2 && c <= 0xDF ? 2
                                                          : 0;
      bool valid = length > 0 && i + length <= text.size();
      for (std::size_t k = 1; valid && k < length; ++k) valid = is_continuation(text[i + k]);
      if (valid) {
        out.append(text.substr(i, length));
        i += length - 1;
      } else {
        out += "\\ufffd";
      }
    }
  }
  out += '"';
}

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

std::string render_excerpt(const SourceFile& source, SourcePos pos) {
  const auto [shown, caret] = line_and_caret(source.line_text(pos.line), pos.column);
  std::string number = std::to_string(pos.line);
  const std::string gutter(number.size() + 1, ' ');
  return " " + number + " | " + shown + "\n" + gutter + " | " + caret + "\n";
}

std::string render_text(const Diagnostic& diagnostic, const SourceFile* source) {
  std::string out = diagnostic.file + ":" + std::to_string(diagnostic.pos.line) + ":" +
                    std::to_string(diagnostic.pos.column) + ": " +
                    std::string(severity_name(diagnostic.severity)) + ": " + diagnostic.message +
                    "\n";
  if (source != nullptr && diagnostic.pos.line <= source->line_count()) {
    out += render_excerpt(*source, diagnostic.pos);
  }
  return out;
}

std::string render_json(std::span<const Diagnostic> diagnostics) {
  std::string out = "[";
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    out += i == 0 ? "\n  {" : ",\n  {";
    out += "\"file\": ";
    append_json_string(out, d.file);
    out += ", \"line\": " + std::to_string(d.pos.line);
    out += ", \"column\": " + std::to_string(d.pos.column);
    out += ", \"severity\": \"" + std::string(severity_name(d.severity)) + "\"";
    out += ", \"message\": ";
    append_json_string(out, d.message);
    out += "}";
  }
  out += diagnostics.empty() ? "]\n" : "\n]\n";
  return out;
}

}  // namespace dun::dsl
