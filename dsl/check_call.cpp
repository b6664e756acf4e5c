// Calls of standard-library functions: the name, the arity and the argument types select one
// overload of the table in dsl/builtins.hpp.
#include <string>
#include <vector>

#include "dsl/check_context.hpp"

namespace dun::dsl::check_detail {
namespace {

std::string plural(std::size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

std::vector<const BuiltinSignature*> overloads_of(std::string_view name) {
  std::vector<const BuiltinSignature*> found;
  for (const BuiltinSignature& signature : builtin_signatures()) {
    if (signature.name == name) found.push_back(&signature);
  }
  return found;
}

}  // namespace

ir::ExprPtr Checker::check_call(const ast::Expr& expr, const ast::Call& call, const Scope& scope) {
  std::vector<ir::ExprPtr> args;
  bool args_ok = true;
  for (const ast::ExprPtr& arg : call.args) {
    args.push_back(check_expr(arg.get(), scope));
    args_ok = args_ok && args.back()->type != Type::error;
  }
  const bool name_range_known = call.name_range.end.offset > call.name_range.begin.offset;
  const SourcePos name_pos = name_range_known ? call.name_range.begin : expr.range.begin;
  const std::vector<const BuiltinSignature*> overloads = overloads_of(call.function);
  if (overloads.empty()) {
    error(name_pos, "unknown function '" + call.function + "'" +
                        suggest_or_list(call.function, builtin_names(), "functions"));
    return make_error(expr.range);
  }
  if (!args_ok) return make_error(expr.range);

  std::vector<Type> arg_types;
  for (const ir::ExprPtr& arg : args) arg_types.push_back(arg->type);
  if (std::optional<Builtin> chosen = find_overload(call.function, arg_types)) {
    const BuiltinSignature& signature = builtin_signature(*chosen);
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (signature.params[i] == Type::decimal) args[i] = promote_to_decimal(std::move(args[i]));
    }
    return make_expr(signature.result, expr.range, ir::Call{*chosen, std::move(args)});
  }

  std::vector<const BuiltinSignature*> same_arity;
  for (const BuiltinSignature* signature : overloads) {
    if (signature->params.size() == args.size()) same_arity.push_back(signature);
  }
  if (same_arity.empty()) {
    error(name_pos, "'" + call.function + "' takes " +
                        plural(overloads.front()->params.size(), "argument") + ", got " +
                        std::to_string(args.size()));
  } else if (same_arity.size() == 1) {
    const BuiltinSignature& signature = *same_arity.front();
    for (std::size_t i = 0; i < args.size(); ++i) {
      const Type wanted = signature.params[i];
      if (args[i]->type == wanted || (wanted == Type::decimal && args[i]->type == Type::integer)) {
        continue;
      }
      error(args[i]->range.begin,
            "'" + call.function + "' expects " + std::string(type_name(wanted)) + " as argument " +
                std::to_string(i + 1) + ", got " + std::string(type_name(args[i]->type)));
      break;
    }
  } else {
    std::string message =
        "no version of '" + call.function + "' takes " + describe_params(arg_types) + "; it takes ";
    for (std::size_t i = 0; i < same_arity.size(); ++i) {
      if (i > 0) message += i + 1 == same_arity.size() ? " or " : ", ";
      message += describe_params(same_arity[i]->params);
    }
    error(name_pos, std::move(message));
  }
  return make_error(expr.range);
}

}  // namespace dun::dsl::check_detail
