// Actions of a step (language.md §2): recipients, assignees, task texts with their placeholders,
// and the template of every email and letter (check_templates.cpp).
#include <string>
#include <vector>

#include "dsl/check_context.hpp"

namespace dun::dsl::check_detail {
namespace {

ir::Channel to_ir(ast::Channel channel) {
  switch (channel) {
    case ast::Channel::email:
      return ir::Channel::email;
    case ast::Channel::letter:
      return ir::Channel::letter;
    case ast::Channel::task:
      return ir::Channel::task;
  }
  return ir::Channel::email;
}

ir::LetterType to_ir(ast::LetterType type) {
  switch (type) {
    case ast::LetterType::standard:
      return ir::LetterType::standard;
    case ast::LetterType::registered:
      return ir::LetterType::registered;
    case ast::LetterType::electronic:
      return ir::LetterType::electronic;
  }
  return ir::LetterType::standard;
}

// The literal text between the `{…}` placeholders of a task text: placeholders.size() + 1
// pieces, or nullopt when the braces do not pair up with the parsed placeholders. Quotes inside
// a placeholder (`{if x then "}" else ""}`) do not close it.
std::optional<std::vector<std::string>> literal_pieces(std::string_view text,
                                                       std::size_t placeholder_count) {
  std::vector<std::string> pieces(1);
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '{') {
      pieces.back() += text[i++];
      continue;
    }
    bool in_string = false;
    std::size_t j = i + 1;
    for (; j < text.size(); ++j) {
      if (text[j] == '"') in_string = !in_string;
      if (text[j] == '}' && !in_string) break;
    }
    if (j == text.size()) return std::nullopt;
    pieces.emplace_back();
    i = j + 1;
  }
  if (pieces.size() != placeholder_count + 1) return std::nullopt;
  return pieces;
}

std::vector<ir::TextPiece> check_task_text(Checker& checker, const ast::Action& action,
                                           const Scope& scope) {
  std::vector<ir::TextPiece> text;
  const auto pieces = literal_pieces(action.text.value, action.placeholders.size());
  for (std::size_t i = 0; i < action.placeholders.size(); ++i) {
    if (pieces && !(*pieces)[i].empty()) text.push_back({(*pieces)[i], nullptr});
    ir::ExprPtr value = checker.check_expr(action.placeholders[i].expr.get(), scope);
    if (value->type == Type::string_list) {
      checker.error(value->range.begin, "a placeholder shows one value, not a list of strings");
    }
    text.push_back({"", std::move(value)});
  }
  if (!pieces) {
    text.insert(text.begin(), ir::TextPiece{action.text.value, nullptr});
  } else if (!pieces->back().empty()) {
    text.push_back({pieces->back(), nullptr});
  }
  return text;
}

// `to`, `copy` and `assign` name people: a contact (collector, contact("legal")) or an email
// address as a string; `copy` also takes a list of addresses.
ir::ExprPtr check_recipient(Checker& checker, const ast::ExprPtr& expr, const Scope& scope,
                            std::string_view clause, bool list_allowed) {
  if (!expr) return nullptr;
  ir::ExprPtr value = checker.check_expr(expr.get(), scope);
  const Type type = value->type;
  if (type == Type::error || type == Type::contact || type == Type::string ||
      (list_allowed && type == Type::string_list)) {
    return value;
  }
  checker.error(value->range.begin, "'" + std::string(clause) +
                                        "' needs a contact or an email address (string), got " +
                                        std::string(type_name(type)));
  return value;
}

}  // namespace

ir::Action check_action(Checker& checker, const ast::Action& action, const Scope& scope) {
  ir::Action result;
  result.range = action.range;
  result.channel = to_ir(action.channel);
  result.letter_type = to_ir(action.letter_type);
  result.grouped = action.grouped;
  result.confirm = action.confirm;
  result.due_days = action.due_days;
  if (action.channel == ast::Channel::task) {
    result.task_text = check_task_text(checker, action, scope);
  } else {
    result.template_name = action.text.value;
    checker.check_template(action);
  }
  result.to = check_recipient(checker, action.to, scope, "to", false);
  result.copy = check_recipient(checker, action.copy, scope, "copy", true);
  result.assign = check_recipient(checker, action.assign, scope, "assign", false);
  if (action.due_days && *action.due_days < 0) {
    checker.error(action.range.begin,
                  "'due' must be 0 days or more, got " + std::to_string(*action.due_days));
  }
  return result;
}

}  // namespace dun::dsl::check_detail
