// Completion: what may be typed at the cursor, by context — a field after `invoice.`, a template
// name in the quotes after `email`/`letter`, a calendar code after `calendar`, a clause keyword at
// the start of a line, and names (steps, lets, functions with their signatures, `today`…) in an
// expression.
#include <filesystem>
#include <regex>
#include <set>

#include "dsl/builtins.hpp"
#include "dsl/types.hpp"
#include "lsp/docs_table.hpp"
#include "lsp/features.hpp"
#include "lsp/field_catalogue.hpp"
#include "lsp/scope_at.hpp"
#include "stdlib/calendar.hpp"

namespace dun::lsp {
namespace {

using nlohmann::json;

// LSP's CompletionItemKind.
enum Kind {
  kFunction = 3,
  kField = 5,
  kVariable = 6,
  kModule = 9,
  kValue = 12,
  kKeyword = 14,
  kFile = 17,
  kEvent = 23
};

json item(std::string label, int kind, std::string detail = {},
          std::string_view documentation = {}) {
  json entry = {{"label", std::move(label)}, {"kind", kind}};
  if (!detail.empty()) entry["detail"] = std::move(detail);
  if (!documentation.empty()) entry["documentation"] = std::string(documentation);
  return entry;
}

std::string signature(const dsl::BuiltinSignature& overload) {
  return std::string(overload.name) + dsl::describe_params(overload.params) + " → " +
         std::string(dsl::type_name(overload.result));
}

json field_items(std::string_view object, const Analysis& analysis) {
  json items = json::array();
  for (const FieldEntry& field : fields_of(object, analysis.settings)) {
    items.push_back(
        item(field.name, kField, std::string(dsl::type_name(field.type)), field.documentation));
  }
  return items;
}

// NAME of every NAME.LANG.txt and NAME.LANG.md (Markdown) in the templates folder.
json template_items(const Analysis& analysis) {
  json items = json::array();
  const auto& folder = analysis.settings.check.templates_dir;
  std::error_code error;
  if (!folder || !std::filesystem::is_directory(*folder, error)) return items;
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(*folder, error)) {
    const std::string file = entry.path().filename().string();
    const std::size_t dot = file.find('.');
    if (dot != std::string::npos && (file.ends_with(".txt") || file.ends_with(".md"))) {
      names.insert(file.substr(0, dot));
    }
  }
  for (const std::string& name : names) items.push_back(item(name, kFile, "template"));
  return items;
}

json keyword_items(dsl::Level level) {
  json items = json::array();
  for (const std::string_view word : dsl::keywords_at(level)) {
    items.push_back(item(std::string(word), kKeyword, {}, keyword_documentation(word)));
  }
  return items;
}

json expression_items(const ScopeAt& scope, std::size_t offset) {
  json items = json::array();
  items.push_back(item("today", kVariable, "date", keyword_documentation("today")));
  items.push_back(item("collector", kVariable, "contact", field_documentation("collector")));
  items.push_back(item("invoice", kModule, "the invoice's fields"));
  items.push_back(item("customer", kModule, "the customer's fields"));
  if (scope.scenario != nullptr) {
    // A let is visible after its declaration (not inside its own value).
    for (const dsl::ast::Let& let : scope.scenario->lets) {
      if (let.range.end.offset < offset) items.push_back(item(let.name.text, kVariable, "let"));
    }
    if (scope.step) {
      if (*scope.step > 0)
        items.push_back(item("previous", kEvent, "date", keyword_documentation("previous")));
      for (std::size_t i = 0; i < *scope.step; ++i) {
        items.push_back(item(scope.scenario->steps[i].name.text, kEvent, "date of step"));
      }
    }
  }
  std::string_view last_name;
  for (const dsl::BuiltinSignature& overload : dsl::builtin_signatures()) {
    if (overload.name == last_name) {
      items.back()["detail"] =
          items.back()["detail"].get<std::string>() + "; " + signature(overload);
      continue;
    }
    last_name = overload.name;
    items.push_back(item(std::string(overload.name), kFunction, signature(overload),
                         function_documentation(overload.name)));
  }
  for (const std::string_view word :
       {"and", "or", "not", "in", "if", "then", "else", "true", "false"}) {
    items.push_back(item(std::string(word), kKeyword));
  }
  return items;
}

}  // namespace

json completion(const Analysis& analysis, Position position) {
  const std::size_t offset = to_offset(analysis.source, position);
  const std::string_view text = analysis.source.text();
  const std::size_t line_begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t start =
      line_begin == std::string_view::npos || offset == 0 ? 0 : line_begin + 1;
  const std::string before(text.substr(start, offset - start));

  static const std::regex kField(R"(([a-z_][a-z0-9_]*)\.[A-Za-z0-9_]*$)");
  static const std::regex kTemplate(
      R"((^|[^A-Za-z0-9_])(email|letter)(\s+(standard|registered|electronic))?\s+"[^"]*$)");
  static const std::regex kCalendar(R"((^|\s)calendar\s+[A-Z]*$)");
  static const std::regex kLineStart(R"(^\s*[a-z_]*$)");
  json items;
  std::smatch match;
  const ScopeAt scope = scope_at(analysis, offset);
  if (std::regex_search(before, match, kField)) {
    items = field_items(match[1].str(), analysis);
  } else if (std::regex_search(before, kTemplate)) {
    items = template_items(analysis);
  } else if (std::regex_search(before, kCalendar)) {
    items = json::array();
    for (const std::string_view code : calendar_codes()) {
      items.push_back(item(std::string(code), kValue, "calendar"));
    }
  } else if (std::regex_search(before, kLineStart)) {
    items = keyword_items(scope.level);
  } else {
    items = expression_items(scope, offset);
  }
  return {{"isIncomplete", false}, {"items", std::move(items)}};
}

}  // namespace dun::lsp
