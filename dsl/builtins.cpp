#include "dsl/builtins.hpp"

#include <algorithm>

namespace dun::dsl {
namespace {

constexpr Type kBool = Type::boolean;
constexpr Type kInt = Type::integer;
constexpr Type kDecimal = Type::decimal;
constexpr Type kMoney = Type::money;
constexpr Type kDate = Type::date;
constexpr Type kString = Type::string;

// In Builtin order (builtin_signature indexes it); overloads of one name are adjacent, most
// specific first, so that (int, int) picks min_int before min_decimal.
const std::vector<BuiltinSignature>& table() {
  static const std::vector<BuiltinSignature> signatures = {
      {Builtin::min_int, "min", {kInt, kInt}, kInt},
      {Builtin::min_decimal, "min", {kDecimal, kDecimal}, kDecimal},
      {Builtin::min_money, "min", {kMoney, kMoney}, kMoney},
      {Builtin::min_date, "min", {kDate, kDate}, kDate},
      {Builtin::max_int, "max", {kInt, kInt}, kInt},
      {Builtin::max_decimal, "max", {kDecimal, kDecimal}, kDecimal},
      {Builtin::max_money, "max", {kMoney, kMoney}, kMoney},
      {Builtin::max_date, "max", {kDate, kDate}, kDate},
      {Builtin::abs_int, "abs", {kInt}, kInt},
      {Builtin::abs_decimal, "abs", {kDecimal}, kDecimal},
      {Builtin::abs_money, "abs", {kMoney}, kMoney},
      {Builtin::round_decimal, "round", {kDecimal}, kInt},
      {Builtin::round_money, "round", {kMoney}, kMoney},
      {Builtin::days_between, "days_between", {kDate, kDate}, kInt},
      {Builtin::business_days_between, "business_days_between", {kDate, kDate}, kInt},
      {Builtin::weekday, "weekday", {kDate}, kInt},
      {Builtin::month_end, "month_end", {kDate}, kDate},
      {Builtin::late_interest, "late_interest", {kMoney, kDate}, kMoney},
      {Builtin::contains_string, "contains", {kString, kString}, kBool},
      {Builtin::contains_list, "contains", {Type::string_list, kString}, kBool},
      {Builtin::contact, "contact", {kString}, Type::contact},
  };
  return signatures;
}

constexpr std::string_view kNames[] = {
    "abs",          "business_days_between",
    "contact",      "contains",
    "days_between", "late_interest",
    "max",          "min",
    "month_end",    "round",
    "weekday",
};

bool accepts(Type param, Type arg) {
  return param == arg || (param == Type::decimal && arg == Type::integer);
}

}  // namespace

std::span<const BuiltinSignature> builtin_signatures() { return table(); }
std::span<const std::string_view> builtin_names() { return kNames; }

const BuiltinSignature& builtin_signature(Builtin id) {
  return table()[static_cast<std::size_t>(id)];
}

std::optional<Builtin> find_overload(std::string_view name, std::span<const Type> args) {
  for (const BuiltinSignature& signature : table()) {
    if (signature.name != name || signature.params.size() != args.size()) continue;
    if (std::equal(signature.params.begin(), signature.params.end(), args.begin(), accepts)) {
      return signature.id;
    }
  }
  return std::nullopt;
}

std::string describe_params(std::span<const Type> params) {
  std::string text = "(";
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i > 0) text += ", ";
    text += type_name(params[i]);
  }
  return text + ")";
}

}  // namespace dun::dsl
