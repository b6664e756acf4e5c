// Hover, go to definition, document symbols and formatting.
#include <filesystem>
#include <type_traits>
#include <variant>
#include <vector>

#include "dsl/builtins.hpp"
#include "dsl/format.hpp"
#include "dsl/types.hpp"
#include "lsp/docs_table.hpp"
#include "lsp/features.hpp"
#include "lsp/field_catalogue.hpp"
#include "lsp/scope_at.hpp"

namespace dun::lsp {
namespace {

using nlohmann::json;

// The code token at `position`, or nullptr (comments are not names).
const dsl::Token* token_at(const Analysis& analysis, Position position) {
  const std::size_t offset = to_offset(analysis.source, position);
  const dsl::Token* token = dsl::token_at_offset(analysis.tokens, offset);
  // The cursor just after a word still means that word.
  if (token == nullptr && offset > 0) token = dsl::token_at_offset(analysis.tokens, offset - 1);
  if (token == nullptr || token->kind == dsl::TokenKind::comment) return nullptr;
  return token;
}

const dsl::ast::Let* find_let(const dsl::ast::Scenario& scenario, std::string_view name) {
  for (const dsl::ast::Let& let : scenario.lets) {
    if (let.name.text == name) return &let;
  }
  return nullptr;
}

std::optional<std::size_t> find_step(const dsl::ast::Scenario& scenario, std::string_view name) {
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    if (scenario.steps[i].name.text == name) return i;
  }
  return std::nullopt;
}

// The step `word` names at this scope: a step's name, or `previous` (the step before).
std::optional<std::size_t> step_named(const ScopeAt& scope, std::string_view word) {
  if (scope.scenario == nullptr) return std::nullopt;
  if (word == "previous") {
    if (scope.step && *scope.step > 0) return *scope.step - 1;
    return std::nullopt;
  }
  return find_step(*scope.scenario, word);
}

std::string let_type(const Analysis& analysis, const ScopeAt& scope, std::string_view name) {
  const dsl::ir::Scenario* checked = analysis.checked.find(scope.scenario->name.text);
  if (checked == nullptr) return {};
  for (const dsl::ir::Let& let : checked->lets) {
    if (let.name == name && let.value) return std::string(dsl::type_name(let.value->type));
  }
  return {};
}

std::string hover_text(const Analysis& analysis, const dsl::Token& token, const ScopeAt& scope) {
  const std::string word(token.text(analysis.source.text()));
  if (token.kind == dsl::TokenKind::field) {
    const std::size_t dot = word.find('.');
    for (const FieldEntry& field : fields_of(word.substr(0, dot), analysis.settings)) {
      if (field.name == word.substr(dot + 1)) {
        return "`" + word + "`: " + std::string(dsl::type_name(field.type)) + "\n\n" +
               field.documentation;
      }
    }
    return {};
  }
  if (token.kind != dsl::TokenKind::word) return {};
  std::string signatures;
  for (const dsl::BuiltinSignature& overload : dsl::builtin_signatures()) {
    if (overload.name != word) continue;
    signatures += "`" + word + dsl::describe_params(overload.params) + " → " +
                  std::string(dsl::type_name(overload.result)) + "`  \n";
  }
  if (!signatures.empty()) return signatures + "\n" + std::string(function_documentation(word));
  if (const std::optional<std::size_t> step = step_named(scope, word)) {
    const std::string& name = scope.scenario->steps[*step].name.text;
    return "`" + word + "`: date — the event date of step `" + name + "`";
  }
  if (scope.scenario != nullptr && find_let(*scope.scenario, word) != nullptr) {
    const std::string type = let_type(analysis, scope, word);
    return "`let " + word + "`" + (type.empty() ? "" : ": " + type);
  }
  if (word == "today") return "`today`: date — " + std::string(keyword_documentation(word));
  if (word == "collector")
    return "`collector`: contact — " + std::string(field_documentation(word));
  const std::string_view documentation = keyword_documentation(word);
  return documentation.empty() ? std::string() : "`" + word + "` — " + std::string(documentation);
}

// The children of an IR expression, for the search below.
std::vector<const dsl::ir::Expr*> children_of(const dsl::ir::Expr& expr) {
  namespace ir = dsl::ir;
  std::vector<const ir::Expr*> children;
  const auto add = [&](const ir::ExprPtr& child) {
    if (child) children.push_back(child.get());
  };
  std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::StringList>) {
          for (const auto& item : node.items) add(item);
        } else if constexpr (std::is_same_v<Node, ir::Unary> ||
                             std::is_same_v<Node, ir::IntToDecimal>) {
          add(node.operand);
        } else if constexpr (std::is_same_v<Node, ir::Arith> || std::is_same_v<Node, ir::Compare> ||
                             std::is_same_v<Node, ir::Logic>) {
          add(node.lhs);
          add(node.rhs);
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          add(node.money);
        } else if constexpr (std::is_same_v<Node, ir::InList>) {
          add(node.needle);
          for (const auto& item : node.items) add(item);
        } else if constexpr (std::is_same_v<Node, ir::Conditional>) {
          add(node.condition);
          add(node.then_value);
          add(node.else_value);
        } else if constexpr (std::is_same_v<Node, ir::Call>) {
          for (const auto& argument : node.args) add(argument);
        }
      },
      expr.node);
  return children;
}

// The smallest typed expression around `offset` in a scenario that checked, or nullptr.
const dsl::ir::Expr* expression_at(const dsl::ir::Scenario& scenario, std::size_t offset) {
  std::vector<const dsl::ir::Expr*> roots = {scenario.applies.get(), scenario.pause.get(),
                                             scenario.stop.get()};
  for (const dsl::ir::Let& let : scenario.lets) roots.push_back(let.value.get());
  for (const dsl::ir::Step& step : scenario.steps) {
    for (const dsl::ir::Expr* clause :
         {step.at.get(), step.until.get(), step.when.get(), step.wait_until.get()}) {
      roots.push_back(clause);
    }
    for (const dsl::ir::Action& action : step.actions) {
      roots.insert(roots.end(), {action.to.get(), action.copy.get(), action.assign.get()});
    }
  }
  const auto covers = [&](const dsl::ir::Expr* expr) {
    return expr != nullptr && expr->range.begin.offset <= offset && offset < expr->range.end.offset;
  };
  const dsl::ir::Expr* found = nullptr;
  for (const dsl::ir::Expr* root : roots) {
    if (covers(root)) found = root;
  }
  for (bool deeper = found != nullptr; deeper;) {
    deeper = false;
    for (const dsl::ir::Expr* child : children_of(*found)) {
      if (covers(child)) {
        found = child;
        deeper = true;
        break;
      }
    }
  }
  return found;
}

// "`invoice.due_date + 7 days`: date" for the expression around the token.
std::string expression_text(const Analysis& analysis, const ScopeAt& scope, std::size_t offset) {
  if (scope.scenario == nullptr) return {};
  const dsl::ir::Scenario* checked = analysis.checked.find(scope.scenario->name.text);
  const dsl::ir::Expr* expr = checked ? expression_at(*checked, offset) : nullptr;
  if (expr == nullptr) return {};
  std::string written(analysis.source.text().substr(
      expr->range.begin.offset, expr->range.end.offset - expr->range.begin.offset));
  constexpr std::size_t kLongest = 60;
  if (written.size() > kLongest) written = written.substr(0, kLongest) + "…";
  return "`" + written + "`: " + std::string(dsl::type_name(expr->type));
}

// The template file a quoted name after `email`/`letter` stands for.
std::optional<std::filesystem::path> template_file(const Analysis& analysis,
                                                   std::string_view name) {
  const auto& folder = analysis.settings.check.templates_dir;
  if (!folder) return std::nullopt;
  std::error_code error;
  // The default language's file first, Markdown before plain text (as documents find them).
  for (const char* extension : {".md", ".txt"}) {
    const std::filesystem::path preferred =
        *folder / (std::string(name) + "." + analysis.settings.check.default_language + extension);
    if (std::filesystem::exists(preferred, error)) return preferred;
  }
  for (const auto& entry : std::filesystem::directory_iterator(*folder, error)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with(std::string(name) + ".") &&
        (file.ends_with(".txt") || file.ends_with(".md"))) {
      return entry.path();
    }
  }
  return std::nullopt;
}

bool follows_action_word(const Analysis& analysis, const dsl::Token& token) {
  const std::size_t index = static_cast<std::size_t>(&token - analysis.tokens.data());
  for (std::size_t back = 1; back <= 2 && back <= index; ++back) {
    const std::string_view word = analysis.tokens[index - back].text(analysis.source.text());
    if (word == "email" || word == "letter") return true;
  }
  return false;
}

json location(const std::string& uri, const dsl::SourceFile& file, dsl::SourceRange range) {
  return {{"uri", uri}, {"range", range_json(file, range.begin.offset, range.end.offset)}};
}

json symbol(std::string name, std::string detail, int kind, const dsl::SourceFile& file,
            dsl::SourceRange range, dsl::SourceRange selection) {
  if (selection.end.offset <= selection.begin.offset) selection = range;
  return {{"name", name.empty() ? "(unnamed)" : std::move(name)},
          {"detail", std::move(detail)},
          {"kind", kind},
          {"range",
           range_json(file, range.begin.offset, std::max(range.end.offset, selection.end.offset))},
          {"selectionRange", range_json(file, selection.begin.offset, selection.end.offset)},
          {"children", json::array()}};
}

}  // namespace

json hover(const Analysis& analysis, Position position) {
  const dsl::Token* token = token_at(analysis, position);
  if (token == nullptr) return nullptr;
  const ScopeAt scope = scope_at(analysis, token->offset);
  std::string text = hover_text(analysis, *token, scope);
  // Otherwise the type of the expression under the cursor (an operator, a literal, a call).
  if (text.empty()) text = expression_text(analysis, scope, token->offset);
  if (text.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", text}}},
          {"range", range_json(analysis.source, token->offset, token->end())}};
}

json definition(const Analysis& analysis, const std::string& uri, Position position) {
  const dsl::Token* token = token_at(analysis, position);
  if (token == nullptr) return nullptr;
  const std::string_view word = token->text(analysis.source.text());
  if (token->kind == dsl::TokenKind::string && follows_action_word(analysis, *token) &&
      word.size() >= 2) {
    const auto file = template_file(analysis, word.substr(1, word.size() - 2));
    if (!file) return nullptr;
    return {{"uri", uri_of_path(std::filesystem::absolute(*file).string())},
            {"range", {{"start", position_json({})}, {"end", position_json({})}}}};
  }
  if (token->kind != dsl::TokenKind::word) return nullptr;
  const ScopeAt scope = scope_at(analysis, token->offset);
  if (const std::optional<std::size_t> step = step_named(scope, word)) {
    return location(uri, analysis.source, scope.scenario->steps[*step].name.range);
  }
  if (scope.scenario != nullptr) {
    if (const dsl::ast::Let* let = find_let(*scope.scenario, word)) {
      return location(uri, analysis.source, let->name.range);
    }
  }
  return nullptr;
}

json document_symbols(const Analysis& analysis) {
  // LSP's SymbolKind.
  constexpr int kModule = 2, kFunction = 12, kVariable = 13, kEvent = 24;
  const dsl::SourceFile& file = analysis.source;
  json symbols = json::array();
  for (const dsl::ast::Scenario& scenario : analysis.file.scenarios) {
    json entry = symbol(scenario.name.text, scenario.title.value, kModule, file, scenario.range,
                        scenario.name.range);
    for (const dsl::ast::Let& let : scenario.lets) {
      entry["children"].push_back(
          symbol(let.name.text, "let", kVariable, file, let.range, let.name.range));
    }
    for (const dsl::ast::Step& step : scenario.steps) {
      entry["children"].push_back(
          symbol(step.name.text, "step", kFunction, file, step.range, step.name.range));
    }
    symbols.push_back(std::move(entry));
  }
  for (const dsl::ast::Test& test : analysis.file.tests) {
    symbols.push_back(symbol(test.name.value,
                             test.scenario ? "test for " + test.scenario->text : "test", kEvent,
                             file, test.range, test.name.range));
  }
  return symbols;
}

json formatting(const Analysis& analysis) {
  dsl::Diagnostics ignored;  // a document with syntax errors already shows them
  const std::optional<std::string> formatted = dsl::format_source(analysis.source, ignored);
  if (!formatted || *formatted == analysis.source.text()) return json::array();
  return json::array({{{"range", range_json(analysis.source, 0, analysis.source.text().size())},
                       {"newText", *formatted}}});
}

}  // namespace dun::lsp
