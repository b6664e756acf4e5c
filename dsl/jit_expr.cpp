// Expression kinds of the typed IR that need no arithmetic: literals, reads of today, lets and
// step dates, `and` `or` `if` (left to right, stopping early), comparisons, `in` and string lists.
// interp_expr.cpp and interp_compare.cpp are the reference.
#include <type_traits>

#include "dsl/jit_codegen.hpp"
#include "dsl/jit_runtime.hpp"

namespace dun::dsl::jit {

llvm::CmpInst::Predicate compare_predicate(ir::CompareOp op, bool is_signed) {
  switch (op) {
    case ir::CompareOp::equal:
      return llvm::CmpInst::ICMP_EQ;
    case ir::CompareOp::not_equal:
      return llvm::CmpInst::ICMP_NE;
    case ir::CompareOp::less:
      return is_signed ? llvm::CmpInst::ICMP_SLT : llvm::CmpInst::ICMP_ULT;
    case ir::CompareOp::less_equal:
      return is_signed ? llvm::CmpInst::ICMP_SLE : llvm::CmpInst::ICMP_ULE;
    case ir::CompareOp::greater:
      return is_signed ? llvm::CmpInst::ICMP_SGT : llvm::CmpInst::ICMP_UGT;
    case ir::CompareOp::greater_equal:
      return is_signed ? llvm::CmpInst::ICMP_SGE : llvm::CmpInst::ICMP_UGE;
  }
  return llvm::CmpInst::ICMP_EQ;
}

CgValue Codegen::expr(const ir::Expr& e) {
  return std::visit(
      [&](const auto& node) -> CgValue {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::BoolConst>) {
          return {b_.getInt1(node.value)};
        } else if constexpr (std::is_same_v<Node, ir::IntConst>) {
          return {c64(node.value)};
        } else if constexpr (std::is_same_v<Node, ir::DecimalConst>) {
          return {c64(node.scaled)};
        } else if constexpr (std::is_same_v<Node, ir::MoneyConst>) {
          return {c64(node.value.minor), b_.getInt16(node.value.currency.index())};
        } else if constexpr (std::is_same_v<Node, ir::DateConst>) {
          return {c32(node.days)};
        } else if constexpr (std::is_same_v<Node, ir::DurationConst>) {
          std::int32_t unit = kUnitDays;
          if (node.value.unit == ir::DurationUnit::weeks) unit = kUnitWeeks;
          if (node.value.unit == ir::DurationUnit::business_days) unit = kUnitBusinessDays;
          return {c64(node.value.count), c32(unit)};
        } else if constexpr (std::is_same_v<Node, ir::StringConst>) {
          return string_constant(node.value);
        } else if constexpr (std::is_same_v<Node, ir::StringList>) {
          return string_list(node);
        } else if constexpr (std::is_same_v<Node, ir::Today>) {
          return {today_};
        } else if constexpr (std::is_same_v<Node, ir::FieldRead>) {
          return field(node.field);
        } else if constexpr (std::is_same_v<Node, ir::CustomFieldRead>) {
          return custom_field(node, e.type);
        } else if constexpr (std::is_same_v<Node, ir::LetRead>) {
          return let_read(node.let_index);
        } else if constexpr (std::is_same_v<Node, ir::StepDate>) {
          return step_date(node.step_index);
        } else if constexpr (std::is_same_v<Node, ir::Unary>) {
          return unary(node);
        } else if constexpr (std::is_same_v<Node, ir::IntToDecimal>) {
          return int_to_decimal(node);
        } else if constexpr (std::is_same_v<Node, ir::Arith>) {
          return arith(node);
        } else if constexpr (std::is_same_v<Node, ir::Compare>) {
          return compare(node);
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          const CgValue money = expr(*node.money);
          return {b_.CreateICmp(compare_predicate(node.op, true), money.value, c64(0))};
        } else if constexpr (std::is_same_v<Node, ir::Logic>) {
          return logic(node);
        } else if constexpr (std::is_same_v<Node, ir::InList>) {
          return in_list(node);
        } else if constexpr (std::is_same_v<Node, ir::Conditional>) {
          return conditional(node);
        } else {
          static_assert(std::is_same_v<Node, ir::Call>, "every IR node kind is compiled");
          return call(node);
        }
      },
      e.node);
}

// `a and b` is decided by a false a, `a or b` by a true a: b is then never evaluated.
CgValue Codegen::logic(const ir::Logic& node) {
  llvm::Value* lhs = expr(*node.lhs).value;
  llvm::BasicBlock* decided = b_.GetInsertBlock();
  llvm::BasicBlock* right = block("logic_rhs");
  llvm::BasicBlock* merged = block("logic");
  if (node.op == ir::LogicOp::logical_and) {
    b_.CreateCondBr(lhs, right, merged);
  } else {
    b_.CreateCondBr(lhs, merged, right);
  }
  b_.SetInsertPoint(right);
  llvm::Value* rhs = expr(*node.rhs).value;
  llvm::BasicBlock* right_end = b_.GetInsertBlock();
  b_.CreateBr(merged);
  b_.SetInsertPoint(merged);
  llvm::PHINode* result = b_.CreatePHI(i1(), 2);
  result->addIncoming(lhs, decided);
  result->addIncoming(rhs, right_end);
  return {result};
}

CgValue Codegen::conditional(const ir::Conditional& node) {
  llvm::Value* condition = expr(*node.condition).value;
  llvm::BasicBlock* then_block = block("then");
  llvm::BasicBlock* else_block = block("else");
  llvm::BasicBlock* merged = block("if");
  b_.CreateCondBr(condition, then_block, else_block);
  b_.SetInsertPoint(then_block);
  const CgValue then_value = expr(*node.then_value);
  llvm::BasicBlock* then_end = b_.GetInsertBlock();
  b_.CreateBr(merged);
  b_.SetInsertPoint(else_block);
  const CgValue else_value = expr(*node.else_value);
  llvm::BasicBlock* else_end = b_.GetInsertBlock();
  b_.CreateBr(merged);
  b_.SetInsertPoint(merged);
  auto join = [&](llvm::Value* a, llvm::Value* b) -> llvm::Value* {
    if (a == nullptr || b == nullptr) return nullptr;
    llvm::PHINode* phi = b_.CreatePHI(a->getType(), 2);
    phi->addIncoming(a, then_end);
    phi->addIncoming(b, else_end);
    return phi;
  };
  return {join(then_value.value, else_value.value), join(then_value.aux, else_value.aux)};
}

// Items are evaluated left to right into an array of JitString in the entry block's frame.
CgValue Codegen::string_list(const ir::StringList& node) {
  auto* item_type = llvm::StructType::get(context_, {ptr(), i64()});
  const auto count = static_cast<unsigned>(node.items.size());
  llvm::AllocaInst* items = entry_alloca(item_type, "list", count == 0 ? 1 : count);
  for (unsigned k = 0; k < count; ++k) {
    const CgValue item = expr(*node.items[k]);
    b_.CreateStore(item.value, b_.CreateConstInBoundsGEP2_32(item_type, items, k, 0));
    b_.CreateStore(item.aux, b_.CreateConstInBoundsGEP2_32(item_type, items, k, 1));
  }
  return {items, c64(count)};
}

// A let is computed when first read, once per invoice and day; an error inside it names the let
// (the innermost one wins), as in interp_expr.cpp's read_let.
CgValue Codegen::let_read(std::uint32_t index) {
  const LetSlot& slot = lets_[index];
  const ir::Let& let = scenario_.lets[index];
  llvm::BasicBlock* compute = block("let");
  llvm::BasicBlock* ready = block("let_ready");
  b_.CreateCondBr(b_.CreateLoad(i1(), slot.computed), ready, compute);
  b_.SetInsertPoint(compute);
  const std::uint16_t outer_site = site_;
  site_ = clause_site(ClauseKind::let, static_cast<std::uint16_t>(index));
  const CgValue value = expr(*let.value);
  site_ = outer_site;
  b_.CreateStore(value.value, slot.value);
  if (slot.aux != nullptr) b_.CreateStore(value.aux, slot.aux);
  b_.CreateStore(b_.getTrue(), slot.computed);
  b_.CreateBr(ready);
  b_.SetInsertPoint(ready);
  CgValue result{b_.CreateLoad(slot.value->getAllocatedType(), slot.value)};
  if (slot.aux != nullptr) result.aux = b_.CreateLoad(slot.aux->getAllocatedType(), slot.aux);
  return result;
}

CgValue Codegen::step_date(std::uint32_t index) {
  llvm::Value* date = b_.CreateLoad(i32(), step_dates_[index]);
  fail_if(b_.CreateICmpEQ(date, c32(kNoDate)), EvalError::missing_step_date);
  return {date};
}

CgValue Codegen::compare(const ir::Compare& node) {
  const CgValue lhs = expr(*node.lhs);
  const CgValue rhs = expr(*node.rhs);
  if (node.operand_type == Type::money) {
    if (llvm::Value* compared = money_compare_with_constant(node, lhs, rhs)) return {compared};
  }
  return {compare_values(node.operand_type, node.op, lhs, rhs)};
}

llvm::Value* Codegen::compare_values(Type type, ir::CompareOp op, CgValue lhs, CgValue rhs) {
  switch (type) {
    case Type::boolean:
      return b_.CreateICmp(compare_predicate(op, false), lhs.value, rhs.value);
    case Type::money: {
      // Same currency: compared as they are (dun_money_compare does the same); else through the
      // rate table's base currency, where a missing rate is an error.
      llvm::BasicBlock* same = b_.GetInsertBlock();
      llvm::BasicBlock* convert = block("money_convert");
      llvm::BasicBlock* merged = block("money_compared");
      llvm::Value* direct = b_.CreateICmp(compare_predicate(op, true), lhs.value, rhs.value);
      b_.CreateCondBr(b_.CreateICmpEQ(lhs.aux, rhs.aux), merged, convert);
      b_.SetInsertPoint(convert);
      llvm::Value* order =
          status_call("dun_money_compare", {lhs.value, lhs.aux, rhs.value, rhs.aux, rates_}, i32());
      llvm::Value* converted = b_.CreateICmp(compare_predicate(op, true), order, c32(0));
      llvm::BasicBlock* convert_end = b_.GetInsertBlock();
      b_.CreateBr(merged);
      b_.SetInsertPoint(merged);
      llvm::PHINode* result = b_.CreatePHI(i1(), 2);
      result->addIncoming(direct, same);
      result->addIncoming(converted, convert_end);
      return result;
    }
    case Type::string: {
      llvm::FunctionCallee compare_strings =
          host("dun_jit_string_compare", i32(), {ptr(), i64(), ptr(), i64()});
      if (op == ir::CompareOp::equal || op == ir::CompareOp::not_equal) {
        // Strings of different lengths differ: no call for them.
        llvm::BasicBlock* before = b_.GetInsertBlock();
        llvm::BasicBlock* bytes = block("string_bytes");
        llvm::BasicBlock* merged = block("string_compared");
        b_.CreateCondBr(b_.CreateICmpEQ(lhs.aux, rhs.aux), bytes, merged);
        b_.SetInsertPoint(bytes);
        llvm::Value* order =
            b_.CreateCall(compare_strings, {lhs.value, lhs.aux, rhs.value, rhs.aux});
        llvm::Value* same_bytes = b_.CreateICmpEQ(order, c32(0));
        b_.CreateBr(merged);
        b_.SetInsertPoint(merged);
        llvm::PHINode* equal = b_.CreatePHI(i1(), 2);
        equal->addIncoming(b_.getFalse(), before);
        equal->addIncoming(same_bytes, bytes);
        return op == ir::CompareOp::equal ? static_cast<llvm::Value*>(equal) : b_.CreateNot(equal);
      }
      llvm::Value* order = b_.CreateCall(compare_strings, {lhs.value, lhs.aux, rhs.value, rhs.aux});
      return b_.CreateICmp(compare_predicate(op, true), order, c32(0));
    }
    default:
      // int, decimal (both int64, scaled alike), date, duration counts.
      return b_.CreateICmp(compare_predicate(op, true), lhs.value, rhs.value);
  }
}

// Items are evaluated left to right and the search stops at the first equal one, like `or`.
CgValue Codegen::in_list(const ir::InList& node) {
  const CgValue needle = expr(*node.needle);
  llvm::BasicBlock* merged = block("in_list");
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  for (const ir::ExprPtr& item_expr : node.items) {
    const CgValue item = expr(*item_expr);
    llvm::Value* equal = compare_values(node.operand_type, ir::CompareOp::equal, needle, item);
    llvm::BasicBlock* next = block("in_list_next");
    incoming.emplace_back(b_.getTrue(), b_.GetInsertBlock());
    b_.CreateCondBr(equal, merged, next);
    b_.SetInsertPoint(next);
  }
  incoming.emplace_back(b_.getFalse(), b_.GetInsertBlock());
  b_.CreateBr(merged);
  b_.SetInsertPoint(merged);
  llvm::PHINode* found = b_.CreatePHI(i1(), static_cast<unsigned>(incoming.size()));
  for (const auto& [value, from] : incoming) found->addIncoming(value, from);
  return {found};
}

}  // namespace dun::dsl::jit
