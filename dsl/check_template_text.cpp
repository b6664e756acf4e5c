// Template files (dsl/template.hpp): splits the text into literals, values, `{items_list}` and
// `{if EXPR}…{else}…{end}` sections, and checks each piece where it stands: a value must be one
// the renderer can fill (dsl/fields.hpp), a condition is parsed by the language's parser and
// typed by its checker (a bool over the invoice, customer and collector fields and `today`).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/check_context.hpp"
#include "dsl/field_table.hpp"
#include "dsl/parse.hpp"
#include "dsl/template.hpp"
#include "stdlib/read_file.hpp"
#include "stdlib/suggest.hpp"

namespace dun::dsl {
namespace {

using check_detail::Checker;
using check_detail::Scope;

std::vector<std::string> fillable_names(const FieldTable& fields) {
  std::vector<std::string> names;
  for (const FieldEntry& entry : fields.entries()) {
    if (!entry.scenarios_only) names.push_back(entry.qualified_name());
  }
  for (std::string_view value : template_values()) names.emplace_back(value);
  return names;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

CheckOptions options_reading(const FieldTable& fields) {
  CheckOptions options;
  options.fields = fields;
  return options;
}

// One open `{if}` while a segment is parsed.
struct OpenSection {
  TemplateNode node;
  bool in_else = false;
};

class TemplateCompiler {
 public:
  TemplateCompiler(const SourceFile& file, Diagnostics& diagnostics, const FieldTable& fields)
      : file_(file),
        diagnostics_(diagnostics),
        options_(options_reading(fields)),
        names_(fillable_names(fields)),
        checker_(file, options_, diagnostics) {}

  // The nodes of text[begin, end) (the Subject line or the body).
  std::vector<TemplateNode> segment(std::size_t begin, std::size_t end, bool subject) {
    std::vector<TemplateNode> top;
    std::vector<OpenSection> open;
    std::string literal;
    std::size_t literal_begin = begin;
    auto target = [&]() -> std::vector<TemplateNode>& {
      if (open.empty()) return top;
      return open.back().in_else ? open.back().node.else_nodes : open.back().node.then_nodes;
    };
    auto flush = [&] {
      if (literal.empty()) return;
      TemplateNode node;
      node.text = std::move(literal);
      node.pos = file_.position_at(literal_begin);
      target().push_back(std::move(node));
      literal.clear();
    };
    const std::string_view text = file_.text();
    std::size_t i = begin;
    while (i < end) {
      const char c = text[i];
      if ((c == '{' || c == '}') && i + 1 < end && text[i + 1] == c) {  // `{{`, `}}`
        if (literal.empty()) literal_begin = i;
        literal += c;
        i += 2;
        continue;
      }
      if (c != '{') {
        if (literal.empty()) literal_begin = i;
        literal += c;
        ++i;
        continue;
      }
      const std::size_t close = text.find_first_of("{}\n", i + 1);
      if (close == std::string_view::npos || close >= end || text[close] != '}') {
        error(i, "'{' without '}' on the same line of the template; write '{{' for a brace");
        if (literal.empty()) literal_begin = i;
        literal += c;
        ++i;
        continue;
      }
      const std::string_view inner = text.substr(i + 1, close - i - 1);
      const std::string_view word = trimmed(inner);
      const bool is_if = word == "if" || word.starts_with("if ") || word.starts_with("if\t");
      const bool control = is_if || word == "else" || word == "end";
      std::size_t next = close + 1;
      if (control && !subject) {
        // A tag alone on its line takes the whole line with it, so sections add no blank lines.
        const std::size_t line_begin =
            text.rfind('\n', i) == std::string_view::npos ? 0 : text.rfind('\n', i) + 1;
        std::size_t after = next;
        while (after < end && is_blank(text[after])) ++after;
        bool alone = after == end || text[after] == '\n';
        for (std::size_t k = std::max(line_begin, begin); k < i && alone; ++k) {
          alone = is_blank(text[k]);
        }
        if (alone) {
          while (!literal.empty() && is_blank(literal.back())) literal.pop_back();
          next = after < end ? after + 1 : end;
        }
      }
      if (is_if) {
        flush();
        OpenSection section;
        section.node.kind = TemplateNode::Kind::condition;
        section.node.pos = file_.position_at(i);
        const std::size_t expr_begin = i + 1 + (inner.find("if") + 2);
        section.node.condition = condition(i, expr_begin, close);
        open.push_back(std::move(section));
      } else if (word == "else") {
        flush();
        if (open.empty() || open.back().in_else) {
          error(i, open.empty() ? "'{else}' without '{if …}'" : "a second '{else}' in one '{if}'");
        } else {
          open.back().in_else = true;
        }
      } else if (word == "end") {
        flush();
        if (open.empty()) {
          error(i, "'{end}' without '{if …}'");
        } else {
          TemplateNode done = std::move(open.back().node);
          open.pop_back();
          target().push_back(std::move(done));
        }
      } else if (word == "items_list") {
        flush();
        if (subject) error(i + 1, "'{items_list}' is a table: it cannot stand in the Subject line");
        TemplateNode node;
        node.kind = TemplateNode::Kind::items_list;
        node.pos = file_.position_at(i);
        target().push_back(std::move(node));
      } else {
        flush();
        value(i, word);
        TemplateNode node;
        node.kind = TemplateNode::Kind::value;
        node.text = std::string(word);
        node.pos = file_.position_at(i);
        target().push_back(std::move(node));
      }
      i = next;
    }
    flush();
    for (const OpenSection& section : open) {
      diagnostics_.error(
          file_, section.node.pos,
          subject ? "'{if …}' without '{end}' on the Subject line" : "'{if …}' without '{end}'");
    }
    // Unclosed sections still render their content: keep the tree whole for the caller.
    while (!open.empty()) {
      TemplateNode done = std::move(open.back().node);
      open.pop_back();
      target().push_back(std::move(done));
    }
    return top;
  }

 private:
  void error(std::size_t offset, std::string message) {
    diagnostics_.error(file_, file_.position_at(offset), std::move(message));
  }

  void value(std::size_t brace, std::string_view name) {
    const std::vector<std::string_view> candidates(names_.begin(), names_.end());
    for (std::string_view candidate : candidates) {
      if (candidate == name) return;
    }
    std::string message = "the template cannot fill '{" + std::string(name) + "}'";
    if (const FieldEntry* entry = options_.fields.find_qualified(name);
        entry != nullptr && entry->scenarios_only) {
      error(brace + 1, message +
                           ": it is read by scenarios only (from the state store's delivery "
                           "facts, docs/delivery.md); a template shows the snapshot's data");
      return;
    }
    if (auto close_name = closest_match(name, candidates)) {
      message += "; did you mean '{" + *close_name + "}'?";
    } else {
      message +=
          " (templates show fields like {customer.name}, {invoice.number}, "
          "{company.iban}, and {items_list}, {total_overdue}, {late_interest}, "
          "{recovery_indemnity}; see docs/templates.md)";
    }
    error(brace + 1, std::move(message));
  }

  ir::ExprPtr condition(std::size_t brace, std::size_t begin, std::size_t end) {
    if (trimmed(file_.text().substr(begin, end - begin)).empty()) {
      error(brace + 1, "'{if}' needs a condition, like '{if customer.overdue_count > 1}'");
      return nullptr;
    }
    ast::ExprPtr parsed = parse_placeholder(file_, begin, end, diagnostics_);
    if (!parsed) return nullptr;
    // A template sees the data of one action, not a scenario's lets or steps.
    static const ast::Scenario kNoScenario{};
    Scope scope;
    scope.scenario = &kNoScenario;
    ir::ExprPtr checked = checker_.check_typed(parsed.get(), scope, Type::boolean, "'{if}'");
    return checked->type == Type::boolean ? std::move(checked) : nullptr;
  }

  const SourceFile& file_;
  Diagnostics& diagnostics_;
  CheckOptions options_;            // no templates_dir: a condition cannot name a template
  std::vector<std::string> names_;  // every value the template may show
  Checker checker_;
};

}  // namespace

std::optional<Template> compile_template(const SourceFile& file, Diagnostics& diagnostics,
                                         const FieldTable& fields) {
  const std::size_t errors_before = diagnostics.error_count();
  TemplateCompiler compiler(file, diagnostics, fields);
  Template result;
  result.file = file.name();
  const std::string_view text = file.text();
  std::size_t body_begin = 0;
  constexpr std::string_view kSubject = "Subject:";
  if (text.starts_with(kSubject)) {
    const std::size_t line_end = std::min(text.find('\n'), text.size());
    std::size_t begin = kSubject.size();
    while (begin < line_end && is_blank(text[begin])) ++begin;
    std::size_t end = line_end;
    while (end > begin && is_blank(text[end - 1])) --end;
    result.subject = compiler.segment(begin, end, true);
    body_begin = line_end < text.size() ? line_end + 1 : line_end;
    // The blank line(s) between the Subject line and the body separate them; they are not text.
    while (body_begin < text.size()) {
      std::size_t k = body_begin;
      while (k < text.size() && is_blank(text[k])) ++k;
      if (k < text.size() && text[k] != '\n') break;
      body_begin = std::min(k + 1, text.size());
    }
  }
  result.body = compiler.segment(body_begin, text.size(), false);
  if (diagnostics.error_count() != errors_before) return std::nullopt;
  return result;
}

namespace check_detail {

void check_template_placeholders(Diagnostics& diagnostics, const std::filesystem::path& path,
                                 const FieldTable& fields) {
  auto content = read_file(path);
  if (!content) return;  // listed a moment ago; a file that vanished is the renderer's problem
  const SourceFile file(path.generic_string(), std::move(content).value());
  (void)compile_template(file, diagnostics, fields);
}

}  // namespace check_detail
}  // namespace dun::dsl
