// Actions of a step (language.md §2): recipients, assignees, task texts with their placeholders,
// and the template of every email and letter (check_templates.cpp).
#include <string>
#include <vector>

#include "dsl/check_context.hpp"

namespace dun::dsl::check_detail {
namespace {

// A task text's literal part as written between two placeholders, escapes resolved (`\{` is a
// brace, `\n` a line break), exactly as the parser reads the string.
std::string unescape(std::string_view raw) {
  std::string text;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      text += raw[i];
      continue;
    }
    const char escaped = raw[++i];
    text += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
  }
  return text;
}

// The literal pieces around the placeholders (placeholders.size() + 1 of them), read from the
// source between the placeholders' ranges; nullopt when the ranges do not fit in the text.
std::optional<std::vector<std::string>> literal_pieces(const SourceFile& source,
                                                       const ast::Action& action) {
  const std::string_view file = source.text();
  const std::size_t text_begin = action.text.range.begin.offset + 1;  // after the quote
  const std::size_t text_end = action.text.range.end.offset;          // at the closing quote
  if (text_end == 0 || text_end - 1 < text_begin || text_end > file.size()) return std::nullopt;
  std::vector<std::string> pieces;
  std::size_t cursor = text_begin;
  for (const ast::Placeholder& placeholder : action.placeholders) {
    const std::size_t begin = placeholder.range.begin.offset;
    const std::size_t end = placeholder.range.end.offset;
    if (begin < cursor || end < begin || end > text_end - 1) return std::nullopt;
    pieces.push_back(unescape(file.substr(cursor, begin - cursor)));
    cursor = end;
  }
  pieces.push_back(unescape(file.substr(cursor, text_end - 1 - cursor)));
  return pieces;
}

std::vector<ir::TextPiece> check_task_text(Checker& checker, const ast::Action& action,
                                           const Scope& scope) {
  std::vector<ir::TextPiece> text;
  const auto pieces = literal_pieces(checker.source(), action);
  for (std::size_t i = 0; i < action.placeholders.size(); ++i) {
    if (pieces && !(*pieces)[i].empty()) text.push_back({(*pieces)[i], nullptr});
    ir::ExprPtr value = checker.check_expr(action.placeholders[i].expr.get(), scope);
    if (value->type == Type::string_list) {
      checker.error(value->range.begin, "a placeholder shows one value, not a list of strings");
    }
    text.push_back({"", std::move(value)});
  }
  if (!pieces) {
    // Ranges that do not fit (a tree not built by the parser): keep the text whole, in front.
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
  result.channel = action.channel;
  result.letter_type = action.letter_type;
  result.postage = action.postage;
  if (action.postage && action.letter_type == LetterType::electronic) {
    checker.error(action.postage_range.begin,
                  "an electronic letter is not posted: 'postage' is for standard and registered "
                  "letters");
  }
  result.grouped = action.grouped;
  result.confirm = action.confirm;
  result.due_days = action.due_days;
  if (action.channel == Channel::task) {
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
