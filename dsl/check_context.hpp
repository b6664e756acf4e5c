// Internal to the checker (check_*.cpp): the state shared while one file is checked and the
// entry points of each concern. Not part of the public API (see check.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/check.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/ir.hpp"
#include "dsl/source.hpp"

namespace dun::dsl::check_detail {

// The files of the templates folder, read once per check.
struct TemplateIndex {
  std::optional<std::string> read_error;  // the folder could not be listed
  std::set<std::string> files;            // every file name
  std::set<std::string> names;            // NAME of every NAME.LANG.txt, any language
};

// Where an expression stands, which decides the names it may use.
struct Scope {
  const ast::Scenario* scenario = nullptr;  // null: test data, where only literals make sense
  std::optional<std::size_t> let_index;     // inside the value of this let
  std::optional<std::size_t> step_index;    // inside a clause or action of this step
};

class Checker {
 public:
  Checker(const SourceFile& source, const CheckOptions& options, Diagnostics& diagnostics)
      : source_(source), options_(options), diagnostics_(diagnostics) {}

  const SourceFile& source() const { return source_; }
  const CheckOptions& options() const { return options_; }
  void error(SourcePos pos, std::string message) {
    diagnostics_.error(source_, pos, std::move(message));
    ++error_count_;
  }
  void warning(SourcePos pos, std::string message) {
    diagnostics_.warning(source_, pos, std::move(message));
  }
  std::size_t error_count() const { return error_count_; }
  bool has_error_within(SourceRange range) const;
  // The expression's text exactly as written ("1_000"), for suggestions.
  std::string_view text_of(SourceRange range) const;

  // ---- per scenario state (check_scenario.cpp sets it up) ----
  std::vector<Type> let_types;  // by let index; Type::error when the let did not check
  std::vector<bool> let_used;

  // ---- expressions (check_expr.cpp and friends) ----
  // Null `expr` (a clause the parser could not build) gives a Type::error result, silently.
  ir::ExprPtr check_expr(const ast::Expr* expr, const Scope& scope);
  // check_expr, then require `expected` ("'when' needs a bool, got int").
  ir::ExprPtr check_typed(const ast::Expr* expr, const Scope& scope, Type expected,
                          std::string_view clause);

  ir::ExprPtr check_name(const ast::Expr& expr, const ast::NameRef& name, const Scope& scope);
  ir::ExprPtr check_field(const ast::Expr& expr, const ast::FieldRef& field, const Scope& scope);
  ir::ExprPtr check_unary(const ast::Expr& expr, const ast::Unary& unary, const Scope& scope);
  ir::ExprPtr check_binary(const ast::Expr& expr, const ast::Binary& binary, const Scope& scope);
  ir::ExprPtr check_call(const ast::Expr& expr, const ast::Call& call, const Scope& scope);
  ir::ExprPtr check_in(const ast::Expr& expr, const ast::Binary& binary, const Scope& scope);
  ir::ExprPtr check_money_literal(const ast::Expr& expr, const ast::MoneyLiteral& literal);
  ir::ExprPtr check_decimal_literal(const ast::Expr& expr, const ast::DecimalLiteral& literal);

  // ---- structure ----
  std::optional<ir::Scenario> check_scenario(const ast::Scenario& scenario);
  void check_template(const ast::Action& action);
  void warn_missing_languages(const std::string& name, SourcePos pos);
  void warn_unreadable_locale(const std::string& file, const std::string& name, SourcePos pos);
  void check_test(const ast::Test& test, const std::vector<ast::Scenario>& scenarios);

 private:
  const SourceFile& source_;
  const CheckOptions& options_;
  Diagnostics& diagnostics_;
  std::size_t error_count_ = 0;
  const TemplateIndex& templates();
  std::optional<TemplateIndex> templates_;
  bool templates_folder_reported_ = false;
  std::set<std::string> placeholders_checked_;  // template names whose files were read
};

// Small builders shared by the checker files.
ir::ExprPtr make_expr(Type type, SourceRange range, auto node) {
  auto expr = std::make_unique<ir::Expr>();
  expr->type = type;
  expr->range = range;
  expr->node = std::move(node);
  return expr;
}
inline ir::ExprPtr make_error(SourceRange range) {
  return make_expr(Type::error, range, ir::BoolConst{false});
}
// Wraps an int expression in IntToDecimal; other types pass through.
ir::ExprPtr promote_to_decimal(ir::ExprPtr expr);

// "; did you mean 'X'?" when a candidate is close to `word`, else " (INTRO: a, b, c)", or ""
// when there are no candidates (check_suggest.cpp).
std::string suggest_or_list(std::string_view word, std::span<const std::string_view> candidates,
                            std::string_view intro);

// Errors for the placeholders of one template file that the renderer cannot fill
// (check_template_text.cpp); positions are in that file.
void check_template_placeholders(Diagnostics& diagnostics, const std::filesystem::path& path,
                                 const FieldTable& fields);

// `group by customer` and the contact limits into `result` (check_contacts.cpp), with their
// errors and the `catch up` warning. REQUIRES: result.catch_up_days is already set.
void check_customer_view(Checker& checker, const ast::Scenario& scenario, ir::Scenario& result);
// The checked `repeat` of step `step_index`, or nullopt when it has none or it is refused
// (reported). REQUIRES: step_index < scenario.steps.size().
std::optional<ir::Repeat> check_repeat(Checker& checker, const ast::Scenario& scenario,
                                       std::size_t step_index);

// Warnings about steps that can never fire (check_warnings.cpp).
void warn_unreachable_steps(Checker& checker, const ast::Scenario& scenario,
                            const ir::Scenario& checked);

}  // namespace dun::dsl::check_detail
