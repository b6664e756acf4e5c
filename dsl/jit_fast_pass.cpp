// The branch-free first pass of the batch function (docs/jit.md, "Two passes"): for a scenario
// whose clauses all belong to a small subset of the language (numeric, date and money fields,
// constants, comparisons, `and`/`or`/`not`, dates ± days or weeks, step dates), every step's
// clauses are computed for every row with selects instead of branches, and the decision procedure
// of jit_codegen.cpp (emit_row) is followed with masks. Whatever the fast form cannot decide
// exactly — an evaluation error, money of two currencies, an unknown aggregate — only sets the
// row's "decide again" mark, and the branching form decides that row afterwards. An unmarked row's
// decision is therefore the branching form's, bit for bit; LLVM's loop vectorizer turns the
// branch-free loop into SIMD code.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "dsl/interp_eval.hpp"
#include "dsl/jit_codegen.hpp"
#include "stdlib/currency.hpp"

namespace dun::dsl::jit {
namespace {

bool supported_field(FieldId field) {
  switch (field) {
    case FieldId::invoice_issue_date:
    case FieldId::invoice_due_date:
    case FieldId::invoice_amount:
    case FieldId::invoice_balance:
    case FieldId::invoice_disputed:
    case FieldId::invoice_promised:
    case FieldId::invoice_promise_date:
    case FieldId::invoice_days_overdue:
    case FieldId::customer_overdue_total:
    case FieldId::customer_open_total:
    case FieldId::customer_open_count:
    case FieldId::customer_overdue_count:
      return true;
    default:
      return false;
  }
}

bool supported(const ir::ExprPtr& e, bool wide);

// A string the fast form knows as one of a few values fixed at compile time: a constant, the
// invoice's kind (two words) or its currency (the ISO codes). Comparing one of them with a
// constant is a lookup by the column's small code instead of a byte comparison.
bool enumerable_string(const ir::ExprPtr& e) {
  if (e == nullptr) return false;
  if (std::holds_alternative<ir::StringConst>(e->node)) return true;
  const auto* read = std::get_if<ir::FieldRead>(&e->node);
  return read != nullptr &&
         (read->field == FieldId::invoice_kind || read->field == FieldId::invoice_currency);
}

bool is_string_constant(const ir::ExprPtr& e) {
  return e != nullptr && std::holds_alternative<ir::StringConst>(e->node);
}

bool supported_node(const ir::Expr& e, bool wide) {
  return std::visit(
      [&](const auto& node) -> bool {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::BoolConst> || std::is_same_v<Node, ir::IntConst> ||
                      std::is_same_v<Node, ir::DecimalConst> ||
                      std::is_same_v<Node, ir::MoneyConst> || std::is_same_v<Node, ir::DateConst> ||
                      std::is_same_v<Node, ir::Today> || std::is_same_v<Node, ir::StepDate>) {
          return true;
        } else if constexpr (std::is_same_v<Node, ir::LetRead>) {
          return wide;  // its value is checked once, in fast_pass_supported
        } else if constexpr (std::is_same_v<Node, ir::DurationConst>) {
          return node.value.unit != ir::DurationUnit::business_days;
        } else if constexpr (std::is_same_v<Node, ir::FieldRead>) {
          return supported_field(node.field);
        } else if constexpr (std::is_same_v<Node, ir::Unary>) {
          return node.op == ir::UnaryOp::logical_not && supported(node.operand, wide);
        } else if constexpr (std::is_same_v<Node, ir::Compare>) {
          if (node.operand_type == Type::string) {
            // At most one side is a column: the other is a constant.
            return wide && enumerable_string(node.lhs) && enumerable_string(node.rhs) &&
                   (is_string_constant(node.lhs) || is_string_constant(node.rhs));
          }
          return supported(node.lhs, wide) && supported(node.rhs, wide);
        } else if constexpr (std::is_same_v<Node, ir::InList>) {
          return wide && node.operand_type == Type::string && enumerable_string(node.needle) &&
                 std::all_of(node.items.begin(), node.items.end(), is_string_constant);
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          return supported(node.money, wide);
        } else if constexpr (std::is_same_v<Node, ir::Logic>) {
          return supported(node.lhs, wide) && supported(node.rhs, wide);
        } else if constexpr (std::is_same_v<Node, ir::Arith>) {
          const bool dates = node.op == ir::ArithOp::add_date_duration ||
                             node.op == ir::ArithOp::subtract_date_duration;
          // A duration constant of days or weeks: a computed duration has no constant unit.
          return dates && supported(node.lhs, wide) && node.rhs != nullptr &&
                 std::holds_alternative<ir::DurationConst>(node.rhs->node) &&
                 supported(node.rhs, wide);
        } else {
          return false;
        }
      },
      e.node);
}

bool supported(const ir::ExprPtr& e, bool wide) { return e == nullptr || supported_node(*e, wide); }

}  // namespace

bool fast_pass_supported(const ir::Scenario& scenario, FastPass subset) {
  if (subset == FastPass::none || scenario.steps.empty()) return false;
  const bool wide = subset == FastPass::wide;
  if (!wide && (scenario.send_on_business_days || !scenario.lets.empty())) return false;
  auto fits = [&](const ir::ExprPtr& e) { return supported(e, wide); };
  for (const ir::Let& let : scenario.lets) {
    if (!fits(let.value)) return false;
  }
  if (!fits(scenario.applies) || !fits(scenario.stop) || !fits(scenario.pause)) return false;
  for (const ir::Step& step : scenario.steps) {
    if (step.repeat || !fits(step.at) || !fits(step.until) || !fits(step.when) ||
        !fits(step.wait_until)) {
      return false;
    }
  }
  return true;
}

// A value of the fast form: `slow` is true where the branching form must decide the row.
Codegen::FastValue Codegen::fast_expr(const ir::Expr& e) {
  llvm::Value* no = b_.getFalse();
  return std::visit(
      [&](const auto& node) -> FastValue {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::BoolConst>) {
          return {b_.getInt1(node.value), nullptr, no};
        } else if constexpr (std::is_same_v<Node, ir::IntConst>) {
          return {c64(node.value), nullptr, no};
        } else if constexpr (std::is_same_v<Node, ir::DecimalConst>) {
          return {c64(node.scaled), nullptr, no};
        } else if constexpr (std::is_same_v<Node, ir::MoneyConst>) {
          return {c64(node.value.minor), b_.getInt16(node.value.currency.index()), no};
        } else if constexpr (std::is_same_v<Node, ir::DateConst>) {
          return {c32(node.days), nullptr, no};
        } else if constexpr (std::is_same_v<Node, ir::DurationConst>) {
          const std::int64_t factor = node.value.unit == ir::DurationUnit::weeks ? 7 : 1;
          return {c64(node.value.count), c64(factor), no};
        } else if constexpr (std::is_same_v<Node, ir::Today>) {
          return {today_, nullptr, no};
        } else if constexpr (std::is_same_v<Node, ir::StepDate>) {
          llvm::Value* date = fast_dates_[node.step_index];
          return {date, nullptr, b_.CreateICmpEQ(date, c32(kNoDate))};
        } else if constexpr (std::is_same_v<Node, ir::FieldRead>) {
          return fast_field(node.field);
        } else if constexpr (std::is_same_v<Node, ir::Unary>) {
          const FastValue operand = fast_expr(*node.operand);
          return {b_.CreateNot(operand.value), nullptr, operand.slow};
        } else if constexpr (std::is_same_v<Node, ir::LetRead>) {
          // Nothing in the subset can fail, so a let is computed once per row, where first read;
          // its slow mark counts only where a clause reads it (as the branching form's memo).
          std::optional<FastValue>& memo = fast_lets_[node.let_index][defer_customer_ ? 1 : 0];
          if (!memo) memo = fast_expr(*scenario_.lets[node.let_index].value);
          return *memo;
        } else if constexpr (std::is_same_v<Node, ir::Compare>) {
          if (node.operand_type == Type::string) return fast_string_compare(node);
          // Money against a constant: by the per-call thresholds of each currency, except in a
          // due step's `when` and `wait until`, which few rows reach: there a row of another
          // currency stays marked (one compare instead of a table lookup for every row), and
          // the branching form decides it by the same thresholds.
          if (node.operand_type == Type::money && !defer_customer_) {
            if (std::optional<FastValue> compared = fast_money_compare(node)) return *compared;
          }
          const FastValue lhs = fast_expr(*node.lhs);
          const FastValue rhs = fast_expr(*node.rhs);
          llvm::Value* slow = b_.CreateOr(lhs.slow, rhs.slow);
          if (node.operand_type == Type::money) {
            // Two currencies go through the rate table: the branching form's job.
            slow = b_.CreateOr(slow, b_.CreateICmpNE(lhs.aux, rhs.aux));
          }
          // As Codegen::compare_values: booleans unsigned (== and != only), the rest signed.
          const auto predicate = compare_predicate(node.op, node.operand_type != Type::boolean);
          return {b_.CreateICmp(predicate, lhs.value, rhs.value), nullptr, slow};
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          const FastValue money = fast_expr(*node.money);
          return {b_.CreateICmp(compare_predicate(node.op, true), money.value, c64(0)), nullptr,
                  money.slow};
        } else if constexpr (std::is_same_v<Node, ir::Logic>) {
          // The right side counts only where the left side does not decide.
          const FastValue lhs = fast_expr(*node.lhs);
          const FastValue rhs = fast_expr(*node.rhs);
          const bool is_and = node.op == ir::LogicOp::logical_and;
          llvm::Value* needs_rhs = is_and ? lhs.value : b_.CreateNot(lhs.value);
          llvm::Value* value =
              is_and ? b_.CreateAnd(lhs.value, rhs.value) : b_.CreateOr(lhs.value, rhs.value);
          return {value, nullptr, b_.CreateOr(lhs.slow, b_.CreateAnd(needs_rhs, rhs.slow))};
        } else if constexpr (std::is_same_v<Node, ir::Arith>) {
          return fast_add_days(node);
        } else if constexpr (std::is_same_v<Node, ir::InList>) {
          return fast_string_in_list(node);
        } else {
          return {b_.getFalse(), nullptr, b_.getTrue()};  // not reached: fast_pass_supported
        }
      },
      e.node);
}

// The values an enumerable string (enumerable_string) may take, and the i32 code of the row's one
// (null for a constant): they are the words Codegen::field gives the same column.
Codegen::FastString Codegen::fast_string(const ir::Expr& e) {
  if (const auto* constant = std::get_if<ir::StringConst>(&e.node)) {
    return {nullptr, {constant->value}};
  }
  using P = PortfolioColumns;
  if (std::get<ir::FieldRead>(e.node).field == FieldId::invoice_kind) {
    // 0 is "invoice", anything else "credit_note".
    llvm::Value* kind = load_element(i8(), portfolio_pointer(offsetof(P, invoice_kind)), invoice_);
    return {b_.CreateZExt(b_.CreateICmpNE(kind, c8(0)), i32()), {"invoice", "credit_note"}};
  }
  std::vector<std::string> codes;
  for (std::uint16_t k = 0; k < currency_count(); ++k) codes.push_back(currency_word(k));
  llvm::Value* currency =
      load_element(i16(), portfolio_pointer(offsetof(P, invoice_currency)), invoice_);
  return {b_.CreateZExt(currency, i32()), std::move(codes)};
}

// i1 from the answer for each value of `string`: a constant, one compare, or a table lookup.
llvm::Value* Codegen::fast_string_answer(const FastString& string,
                                         const std::vector<bool>& answers) {
  const auto yes = static_cast<std::size_t>(std::count(answers.begin(), answers.end(), true));
  if (string.code == nullptr || yes == 0 || yes == answers.size()) return b_.getInt1(yes > 0);
  auto only = [&](bool wanted) {
    return static_cast<std::int64_t>(std::find(answers.begin(), answers.end(), wanted) -
                                     answers.begin());
  };
  if (yes == 1) return b_.CreateICmpEQ(string.code, c32(only(true)));
  if (yes + 1 == answers.size()) return b_.CreateICmpNE(string.code, c32(only(false)));
  std::vector<std::uint8_t> bytes(answers.begin(), answers.end());
  auto* table = llvm::ConstantDataArray::get(context_, bytes);
  auto* global = new llvm::GlobalVariable(module_, table->getType(), true,
                                          llvm::GlobalValue::PrivateLinkage, table, "answers");
  llvm::Value* answer = load_element(i8(), global, b_.CreateZExt(string.code, i64()));
  return b_.CreateICmpNE(answer, c8(0));
}

// `a OP b` of strings, one side a constant (fast_pass_supported): decided at compile time for each
// value the other side may take, with std::string_view's byte order as dun_jit_string_compare.
Codegen::FastValue Codegen::fast_string_compare(const ir::Compare& node) {
  const FastString lhs = fast_string(*node.lhs);
  const FastString rhs = fast_string(*node.rhs);
  const bool column_left = lhs.code != nullptr;
  const FastString& column = column_left ? lhs : rhs;
  const std::string& constant = column_left ? rhs.values.front() : lhs.values.front();
  std::vector<bool> answers;
  for (const std::string& value : column.values) {
    const int order = column_left ? std::string_view(value).compare(constant)
                                  : std::string_view(constant).compare(value);
    answers.push_back(interp::holds(node.op, order));
  }
  return {fast_string_answer(column, answers), nullptr, b_.getFalse()};
}

// `needle in [constants]`: true for the values equal to one of the items.
Codegen::FastValue Codegen::fast_string_in_list(const ir::InList& node) {
  const FastString needle = fast_string(*node.needle);
  std::vector<bool> answers;
  for (const std::string& value : needle.values) {
    answers.push_back(
        std::any_of(node.items.begin(), node.items.end(), [&](const ir::ExprPtr& item) {
          return std::get<ir::StringConst>(item->node).value == value;
        }));
  }
  return {fast_string_answer(needle, answers), nullptr, b_.getFalse()};
}

// date ± days or weeks, with Codegen::add_duration's range checks as slow marks. The duration is a
// constant (fast_pass_supported), so its day count is known here and the sum is done in 32 bits:
// within the 0001..9999 range and a count of at most kMaxDayCount days it cannot overflow (an
// out-of-range date is slow whatever its sum).
Codegen::FastValue Codegen::fast_add_days(const ir::Arith& node) {
  const FastValue date = fast_expr(*node.lhs);
  const ir::Duration& duration = std::get<ir::DurationConst>(node.rhs->node).value;
  std::int64_t count = duration.count;
  const bool subtract = node.op == ir::ArithOp::subtract_date_duration;
  // As dun_add_duration: the count is bounded before it is multiplied.
  if ((subtract && count == kInt64Min) || count > kMaxDayCount || count < -kMaxDayCount) {
    return {date.value, nullptr, b_.getTrue()};
  }
  if (subtract) count = -count;
  const std::int64_t days = count * (duration.unit == ir::DurationUnit::weeks ? 7 : 1);
  if (days > kMaxDayCount || days < -kMaxDayCount) return {date.value, nullptr, b_.getTrue()};
  auto outside = [&](llvm::Value* day) {
    return b_.CreateOr(b_.CreateICmpSLT(day, c32(kFirstDay)), b_.CreateICmpSGT(day, c32(kLastDay)));
  };
  llvm::Value* result = b_.CreateAdd(date.value, c32(days));
  llvm::Value* slow = b_.CreateOr(date.slow, b_.CreateOr(outside(date.value), outside(result)));
  return {result, nullptr, slow};
}

Codegen::FastValue Codegen::fast_field(FieldId field) {
  using P = PortfolioColumns;
  auto invoice_column = [&](std::size_t offset, llvm::Type* type) {
    return load_element(type, portfolio_pointer(offset), invoice_);
  };
  auto customer_column = [&](std::size_t offset, llvm::Type* type) {
    return load_element(type, portfolio_pointer(offset), customer_);
  };
  if (defer_customer_ && field_info(field).object == "customer") {
    // Read by a due step's `when` or `wait until`, which a row reaches on one day of its
    // sequence: the branching form decides those rows, and no other row gathers the customer.
    return {c64(0), b_.getInt16(0), b_.getTrue()};
  }
  auto date = [&](llvm::Value* day) -> FastValue {
    return {day, nullptr, b_.CreateICmpEQ(day, c32(kNoDate))};
  };
  auto aggregate = [&](std::size_t offset) -> FastValue {
    // Unknown totals (a missing rate, an overflow) are errors: the branching form reports them.
    llvm::Value* missing = customer_column(offsetof(P, aggregates_missing_rate), i8());
    return {customer_column(offset, i64()), customer_column(offsetof(P, customer_currency), i16()),
            b_.CreateICmpNE(missing, c8(0))};
  };
  llvm::Value* no = b_.getFalse();
  switch (field) {
    case FieldId::invoice_issue_date:
      return date(invoice_column(offsetof(P, issue_date), i32()));
    case FieldId::invoice_due_date:
      return date(invoice_column(offsetof(P, due_date), i32()));
    case FieldId::invoice_amount:
      return {invoice_column(offsetof(P, amount), i64()),
              invoice_column(offsetof(P, invoice_currency), i16()), no};
    case FieldId::invoice_balance:
      return {invoice_column(offsetof(P, balance), i64()),
              invoice_column(offsetof(P, invoice_currency), i16()), no};
    case FieldId::invoice_disputed:
      return {b_.CreateICmpNE(invoice_column(offsetof(P, disputed), i8()), c8(0)), nullptr, no};
    case FieldId::invoice_promised:
      return {b_.CreateICmpNE(invoice_column(offsetof(P, promise_date), i32()), c32(kNoDate)),
              nullptr, no};
    case FieldId::invoice_promise_date:
      return date(invoice_column(offsetof(P, promise_date), i32()));
    case FieldId::invoice_days_overdue: {
      const FastValue due = date(invoice_column(offsetof(P, due_date), i32()));
      return {b_.CreateSub(b_.CreateSExt(today_, i64()), b_.CreateSExt(due.value, i64())), nullptr,
              due.slow};
    }
    case FieldId::customer_overdue_total:
      return aggregate(offsetof(P, overdue_total));
    case FieldId::customer_open_total:
      return aggregate(offsetof(P, open_total));
    case FieldId::customer_open_count:
      return {b_.CreateZExt(customer_column(offsetof(P, open_count), i32()), i64()), nullptr, no};
    case FieldId::customer_overdue_count:
      return {b_.CreateZExt(customer_column(offsetof(P, overdue_count), i32()), i64()), nullptr,
              no};
    default:
      return {b_.getFalse(), nullptr, b_.getTrue()};  // not reached: fast_pass_supported
  }
}

// A clause of the fast form (absent: `absent`).
Codegen::FastValue Codegen::fast_clause(const ir::ExprPtr& e, bool absent) {
  if (e == nullptr) return {b_.getInt1(absent), nullptr, b_.getFalse()};
  return fast_expr(*e);
}

// Whether rows[begin .. end) are consecutive invoices (i1), computed without a branch: the OR of
// each row XOR the invoice it would be, a reduction the loop vectorizer turns into a few vector
// instructions per 16 rows (the i1 AND of compares it had before stayed a scalar loop).
llvm::Value* Codegen::emit_consecutive_check(llvm::Value* begin, llvm::Value* end) {
  llvm::Value* first = load_element(i32(), rows_column_, begin);
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* loop = block("consecutive");
  llvm::BasicBlock* done = block("consecutive_checked");
  b_.CreateBr(loop);
  b_.SetInsertPoint(loop);
  llvm::PHINode* position = b_.CreatePHI(i64(), 2);
  llvm::PHINode* differences = b_.CreatePHI(i32(), 2);
  position->addIncoming(begin, before);
  differences->addIncoming(c32(0), before);
  llvm::Value* expected = b_.CreateAdd(first, b_.CreateTrunc(b_.CreateSub(position, begin), i32()));
  llvm::Value* row = load_element(i32(), rows_column_, position);
  llvm::Value* any = b_.CreateOr(differences, b_.CreateXor(row, expected));
  llvm::Value* next = b_.CreateAdd(position, c64(1), "", true, true);
  position->addIncoming(next, loop);
  differences->addIncoming(any, loop);
  llvm::BranchInst* back = b_.CreateCondBr(b_.CreateICmpULT(next, end), loop, done);
  back->setMetadata(llvm::LLVMContext::MD_loop, vectorize_loop_metadata());
  b_.SetInsertPoint(done);
  return b_.CreateICmpEQ(any, c32(0));
}

// A loop's `llvm.loop.vectorize.enable` (a distinct node per loop, as LLVM requires), and its
// `llvm.loop.vectorize.width` when `width` is not 0.
llvm::MDNode* Codegen::vectorize_loop_metadata(unsigned width) {
  auto hint = [&](const char* name, llvm::Constant* value) -> llvm::Metadata* {
    return llvm::MDNode::get(
        context_, {llvm::MDString::get(context_, name), llvm::ConstantAsMetadata::get(value)});
  };
  std::vector<llvm::Metadata*> operands{nullptr, hint("llvm.loop.vectorize.enable", b_.getTrue())};
  if (width != 0) operands.push_back(hint("llvm.loop.vectorize.width", b_.getInt32(width)));
  llvm::MDNode* loop = llvm::MDNode::getDistinct(context_, operands);
  loop->replaceOperandWith(0, loop);
  return loop;
}

// The thresholds of `at` (i32) for "due" (today >= at) and "late" (today - at > catch up), computed
// in the preheader. at <= today - catch_up - 1 is the lateness test; below INT32_MIN it holds for
// no date (INT32_MIN itself is kNoDate, which the fast form always hands to the branching form).
std::pair<llvm::Value*, llvm::Value*> Codegen::step_thresholds() {
  llvm::IRBuilder<> hoist(preheader_->getTerminator());
  const std::int64_t margin = scenario_.catch_up_days;
  llvm::Value* late_by = c32(std::numeric_limits<std::int32_t>::min());
  if (margin >= 0 && margin < (std::int64_t{1} << 32)) {
    llvm::Value* day = hoist.CreateSub(hoist.CreateSExt(today_, i64()), c64(margin + 1));
    late_by = hoist.CreateTrunc(
        hoist.CreateBinaryIntrinsic(llvm::Intrinsic::smax, day,
                                    c64(std::numeric_limits<std::int32_t>::min())),
        i32());
  } else if (margin < 0) {
    // A negative catch-up (the checker refuses it) would make every due step late.
    late_by = c32(std::numeric_limits<std::int32_t>::max());
  }
  if (!scenario_.send_on_business_days) return {today_, late_by};
  // `send on business days` moves `at` to the next business day B: B <= D holds exactly when
  // at <= the last business day on or before D, for D = today and D = today - catch_up - 1.
  llvm::FunctionCallee last_business_day = host("dun_jit_last_business_day", i32(), {i32(), i64()});
  llvm::Value* calendar = c32(calendar_id_);
  llvm::Value* due_by =
      hoist.CreateCall(last_business_day, {calendar, hoist.CreateSExt(today_, i64())});
  llvm::Value* late_day = hoist.CreateSub(hoist.CreateSExt(today_, i64()),
                                          c64(margin < 0 ? 0 : std::min(margin, kMaxDayCount) + 1));
  if (margin < 0) return {due_by, c32(std::numeric_limits<std::int32_t>::max())};
  return {due_by, hoist.CreateCall(last_business_day, {calendar, late_day})};
}

// The loop over positions [begin, end) (begin < end): each row's decision (valid where its mark is
// 0) and its mark in marks[position - begin]. Columns are known non-null here (the caller
// checked). With first_invoice (i64), row k of the chunk is invoice first_invoice + k.
void Codegen::emit_fast_loop(llvm::Value* begin, llvm::Value* end, llvm::Value* marks,
                             llvm::BasicBlock* done, llvm::Value* first_invoice) {
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* header = block("fast_row");
  llvm::BasicBlock* exit = block("fast_done");
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::PHINode* position = b_.CreatePHI(i64(), 2, "fast_position");
  position->addIncoming(begin, before);
  position_ = position;

  // Consecutive invoices (first_invoice given) are read as such: plain vector loads, no gathers.
  invoice_ = first_invoice != nullptr
                 ? b_.CreateAdd(first_invoice, b_.CreateSub(position_, begin), "invoice")
                 : b_.CreateZExt(load_element(i32(), rows_column_, position_), i64(), "invoice");
  customer_ = b_.CreateZExt(
      load_element(i32(), portfolio_pointer(offsetof(PortfolioColumns, invoice_customer)),
                   invoice_),
      i64(), "customer");
  llvm::Value* status = load_element(i8(), status_column_, position_);
  llvm::Value* stored_flags = load_element(i8(), flags_column_, position_);
  llvm::Value* last_step = b_.CreateSExt(load_element(i8(), last_column_, position_), i32());
  const std::size_t step_count = scenario_.steps.size();
  fast_lets_.assign(scenario_.lets.size(), {});
  fast_dates_.clear();
  for (std::size_t k = 0; k < step_count; ++k) {  // step k's column: consecutive rows, one load
    fast_dates_.push_back(load_element(i32(), step_date_columns_[k], position_));
  }

  auto status_is = [&](SequenceStatus wanted) {
    return b_.CreateICmpEQ(status, c8(static_cast<std::uint8_t>(wanted)));
  };
  auto stored = [&](std::uint8_t bits) {
    return b_.CreateICmpNE(b_.CreateAnd(stored_flags, c8(bits)), c8(0));
  };
  // The decision's bytes are built in place in 32-bit words (flags, outcome, step and
  // first_skipped in the first), as the masks of the 32-bit dates: no 8- or 64-bit lanes to widen
  // or narrow masks for (docs/jit.md, "The decision in 32-bit words").
  auto bit_if = [&](llvm::Value* condition, std::uint8_t bit) {
    return b_.CreateSelect(condition, c32(bit), c32(0));
  };
  auto slow_if = [&](llvm::Value* reached, llvm::Value* slow) {
    return b_.CreateAnd(reached, slow);
  };

  // The prologue: stop is final; applies, stop, pause; awaiting and acted today.
  llvm::Value* alive = b_.CreateNot(status_is(SequenceStatus::stopped));
  const FastValue applies = fast_clause(scenario_.applies, true);
  llvm::Value* slow = slow_if(alive, applies.slow);
  llvm::Value* applying = b_.CreateAnd(alive, applies.value);
  llvm::Value* flags = bit_if(b_.CreateAnd(b_.CreateAnd(alive, b_.CreateNot(applies.value)),
                                           status_is(SequenceStatus::active)),
                              kClosed);
  flags = b_.CreateOr(flags,
                      bit_if(b_.CreateAnd(applying, status_is(SequenceStatus::closed)), kReopened));
  flags =
      b_.CreateOr(flags, bit_if(b_.CreateAnd(applying, status_is(SequenceStatus::none)), kStarted));
  const FastValue stop = fast_clause(scenario_.stop, false);
  slow = b_.CreateOr(slow, slow_if(applying, stop.slow));
  flags = b_.CreateOr(flags, bit_if(b_.CreateAnd(applying, stop.value), kStopped));
  llvm::Value* going = b_.CreateAnd(applying, b_.CreateNot(stop.value));
  llvm::Value* manual = stored(kSequenceManualPause);
  const FastValue pause = fast_clause(scenario_.pause, false);
  slow = b_.CreateOr(slow, slow_if(b_.CreateAnd(going, b_.CreateNot(manual)), pause.slow));
  llvm::Value* paused = b_.CreateAnd(going, b_.CreateOr(manual, pause.value));
  llvm::Value* was_paused = stored(kSequencePaused);
  flags = b_.CreateOr(flags, bit_if(b_.CreateAnd(paused, b_.CreateNot(was_paused)), kPaused));
  llvm::Value* running = b_.CreateAnd(going, b_.CreateNot(paused));
  flags = b_.CreateOr(flags, bit_if(b_.CreateAnd(running, was_paused), kResumed));
  llvm::Value* walking =
      b_.CreateAnd(running, b_.CreateNot(stored(kSequenceAwaiting | kSequenceActedToday)));

  // The steps from max(last, -1) + 1 on: a step is reached while the walk goes on; a skip goes
  // on to the next step, anything else ends the walk.
  llvm::Value* first = b_.CreateAdd(
      b_.CreateSelect(b_.CreateICmpSLT(last_step, c32(-1)), c32(-1), last_step), c32(1));
  // The outcome and the step, in their bytes of the first word (bits 8 and 16), are one value: a
  // step that fires sets both.
  auto outcome_and_step = [&](Outcome outcome, std::size_t k) {
    return c32(static_cast<std::int64_t>((static_cast<std::uint32_t>(outcome) << 8) | (k << 16)));
  };
  llvm::Value* outcome_step = outcome_and_step(Outcome::nothing, 0);
  llvm::Value* skipped_count = c32(0);
  // The skipped steps are consecutive from `first` on (the walk goes on only past a skip), so each
  // skip's reason goes to a constant place, 2 bits per step (k), and the whole is shifted down by
  // first_skipped at the end: no shift by a per-row amount in each step. Up to 16 steps fit 32
  // bits.
  llvm::Type* reasons_type = step_count <= 16 ? i32() : i64();
  llvm::Value* reasons_by_step = llvm::ConstantInt::get(reasons_type, 0);
  // A step is due when at <= due_by, late (more than `catch up` days) when at <= late_by: 32-bit
  // compares against two values of the batch, computed once before the loop.
  const auto [due_by, late_by] = step_thresholds();
  for (std::size_t k = 0; k < step_count; ++k) {
    const ir::Step& s = scenario_.steps[k];
    llvm::Value* reached = b_.CreateAnd(walking, b_.CreateICmpSLE(first, c32(std::int64_t(k))));
    const FastValue at = fast_expr(*s.at);
    slow = b_.CreateOr(slow, slow_if(reached, at.slow));
    if (scenario_.send_on_business_days) {
      // dun_next_business_day fails outside the date range (and past its last business day):
      // such an `at` is the branching form's, which reports the error.
      llvm::Value* edge = b_.CreateOr(b_.CreateICmpSLT(at.value, c32(kFirstDay)),
                                      b_.CreateICmpSGT(at.value, c32(kLastDay - 366)));
      slow = b_.CreateOr(slow, slow_if(reached, edge));
    }
    llvm::Value* due = b_.CreateAnd(reached, b_.CreateICmpSLE(at.value, due_by));
    llvm::Value* expired = b_.getFalse();
    if (s.until != nullptr) {
      const FastValue until = fast_expr(*s.until);
      slow = b_.CreateOr(slow, slow_if(due, until.slow));
      expired = b_.CreateAnd(due, b_.CreateICmpSGT(today_, until.value));
    }
    llvm::Value* in_time = b_.CreateAnd(due, b_.CreateNot(expired));
    llvm::Value* late = b_.CreateAnd(in_time, b_.CreateICmpSLE(at.value, late_by));
    llvm::Value* on_time = b_.CreateAnd(in_time, b_.CreateNot(late));
    llvm::Value* unwanted = b_.getFalse();
    if (s.when != nullptr) {
      defer_customer_ = true;
      const FastValue when = fast_expr(*s.when);
      defer_customer_ = false;
      slow = b_.CreateOr(slow, slow_if(on_time, when.slow));
      unwanted = b_.CreateAnd(on_time, b_.CreateNot(when.value));
    }
    llvm::Value* fires = b_.CreateAnd(on_time, b_.CreateNot(unwanted));
    defer_customer_ = true;
    const FastValue ready = fast_clause(s.wait_until, true);
    defer_customer_ = false;
    slow = b_.CreateOr(slow, slow_if(fires, ready.slow));
    outcome_step = b_.CreateSelect(fires,
                                   b_.CreateSelect(ready.value, outcome_and_step(Outcome::fire, k),
                                                   outcome_and_step(Outcome::hold, k)),
                                   outcome_step);
    // A skip (expired, late, unwanted) records its reason; the step's event date becomes today.
    llvm::Value* skipped = b_.CreateOr(b_.CreateOr(expired, late), unwanted);
    auto reason_code = [&](SkipReason r) {
      return llvm::ConstantInt::get(reasons_type, static_cast<std::uint64_t>(r));
    };
    llvm::Value* reason = b_.CreateSelect(
        expired, reason_code(SkipReason::expired),
        b_.CreateSelect(late, reason_code(SkipReason::late), reason_code(SkipReason::condition)));
    reasons_by_step = b_.CreateOr(
        reasons_by_step,
        b_.CreateSelect(skipped, b_.CreateShl(reason, llvm::ConstantInt::get(reasons_type, 2 * k)),
                        llvm::ConstantInt::get(reasons_type, 0)));
    skipped_count = b_.CreateAdd(skipped_count, b_.CreateZExt(skipped, i32()));
    fast_dates_[k] = b_.CreateSelect(skipped, today_, fast_dates_[k]);
    walking = b_.CreateAnd(walking, b_.CreateOr(b_.CreateNot(reached), skipped));
  }

  // A skip can only start at the first step the walk reaches; with no skip, both are 0. `first` is
  // then below step_count <= kMaxSteps, so the shift stays below the width. Every reason is
  // non-zero, so the reasons say whether a step was skipped.
  llvm::Value* any_skip = b_.CreateICmpNE(reasons_by_step, llvm::ConstantInt::get(reasons_type, 0));
  llvm::Value* skip_reasons = b_.CreateSelect(
      any_skip,
      b_.CreateLShr(reasons_by_step,
                    b_.CreateZExtOrTrunc(b_.CreateShl(first, c32(1)), reasons_type)),
      llvm::ConstantInt::get(reasons_type, 0));
  // The Decision as Codegen::store_decision lays it out, in four 32-bit words (little-endian):
  // flags, outcome, step, first_skipped | skipped_count, error 0, site 0 | the skip reasons. The
  // mark says whether it stands.
  llvm::Value* first_skipped = b_.CreateSelect(any_skip, b_.CreateShl(first, c32(24)), c32(0));
  llvm::Value* words[4] = {
      b_.CreateOr(b_.CreateOr(flags, outcome_step), first_skipped), skipped_count,
      b_.CreateTrunc(skip_reasons, i32()),
      reasons_type == i32() ? c32(0) : b_.CreateTrunc(b_.CreateLShr(skip_reasons, 32), i32())};
  static_assert(sizeof(Decision) == 16 && offsetof(Decision, skip_reasons) == 8);
  llvm::Value* out =
      b_.CreateInBoundsGEP(i8(), decisions_, b_.CreateMul(position_, c64(sizeof(Decision))));
  for (unsigned w = 0; w < 4; ++w) {
    b_.CreateAlignedStore(words[w], b_.CreateConstInBoundsGEP1_64(i8(), out, 4 * w),
                          llvm::Align(4));
  }
  b_.CreateStore(b_.CreateZExt(slow, i8()),
                 b_.CreateInBoundsGEP(i8(), marks, b_.CreateSub(position_, begin)));

  llvm::Value* next = b_.CreateAdd(position_, c64(1), "", true, true);
  position->addIncoming(next, b_.GetInsertBlock());
  llvm::BranchInst* back = b_.CreateCondBr(b_.CreateICmpULT(next, end), header, exit);
  // Ask for vectorisation whatever the cost model thinks of the gathers; for the core subset, 16
  // rows per iteration (docs/jit.md, "Money across currencies, 16 rows per iteration").
  back->setMetadata(llvm::LLVMContext::MD_loop,
                    vectorize_loop_metadata(fast_pass_ == FastPass::core ? kFastPassWidth : 0));
  b_.SetInsertPoint(exit);
  b_.CreateBr(done);
}

}  // namespace dun::dsl::jit
