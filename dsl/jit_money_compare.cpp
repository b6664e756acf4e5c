// Money compared with a money constant in the fast pass, whatever the row's currency (docs/jit.md,
// "Money across currencies"). dun_money_compare orders two amounts of one currency as they are and
// two currencies through the rate table's base; either way, for a fixed constant, `amount OP
// constant` depends on the amount through at most two thresholds of its currency, which
// dun_jit_money_thresholds computes once per batch call with the rate table itself. A row then
// gathers its currency's threshold and compares: no call, no mark, for every currency the rate
// table knows (except in a due step's `when` and `wait until`: jit_fast_pass.cpp). A row the
// table cannot decide (no rate, an amount beyond kJitMoneyBound) is marked for the branching form.
// In a function with a first pass, the branching form uses the same thresholds for a row of
// another currency than the constant's, and calls dun_money_compare, which reports the error as
// before, only where they cannot decide.
#include <cstdint>
#include <optional>
#include <variant>

#include <llvm/IR/MDBuilder.h>

#include "dsl/compare_op.hpp"
#include "dsl/jit_codegen.hpp"
#include "dsl/jit_runtime.hpp"
#include "stdlib/currency.hpp"

namespace dun::dsl::jit {
namespace {

const ir::MoneyConst* money_constant(const ir::ExprPtr& e) {
  return e == nullptr ? nullptr : std::get_if<ir::MoneyConst>(&e->node);
}

}  // namespace

llvm::Value* Codegen::money_threshold_table(const Money& constant, bool strict) {
  const auto key = std::tuple{constant.minor, constant.currency.index(), strict};
  if (auto found = money_tables_.find(key); found != money_tables_.end()) return found->second;
  const std::int64_t count = currency_count();
  llvm::Value* table = entry_alloca(i64(), "money_thresholds", static_cast<unsigned>(count + 1));
  llvm::IRBuilder<> hoist(preheader_->getTerminator());
  llvm::FunctionCallee fill =
      host("dun_jit_money_thresholds", b_.getVoidTy(), {ptr(), i64(), i16(), i32(), ptr(), i64()});
  hoist.CreateCall(fill, {rates_, c64(constant.minor), b_.getInt16(constant.currency.index()),
                          c32(strict ? 1 : 0), table, c64(count)});
  money_tables_.emplace(key, table);
  return table;
}

Codegen::MoneyByThreshold Codegen::money_by_threshold(const Money& constant, ir::CompareOp op,
                                                      llvm::Value* amount, llvm::Value* currency) {
  // The row's threshold in its currency (an index beyond the table reads the last entry).
  const std::int64_t count = currency_count();
  llvm::Value* index =
      b_.CreateZExt(b_.CreateBinaryIntrinsic(llvm::Intrinsic::umin, currency,
                                             b_.getInt16(static_cast<std::uint16_t>(count))),
                    i64());
  llvm::Value* undecided =
      b_.CreateICmpUGT(b_.CreateAdd(amount, c64(kJitMoneyBound)), c64(2 * kJitMoneyBound));
  auto at_least = [&](bool strict) {
    // amount >= threshold: `>= constant`, or `> constant` when strict.
    llvm::Value* threshold = load_element(i64(), money_threshold_table(constant, strict), index);
    undecided = b_.CreateOr(undecided, b_.CreateICmpEQ(threshold, c64(kInt64Min)));
    return b_.CreateICmpSGE(amount, threshold);
  };
  llvm::Value* value = nullptr;
  switch (op) {
    case ir::CompareOp::greater_equal:
      value = at_least(false);
      break;
    case ir::CompareOp::greater:
      value = at_least(true);
      break;
    case ir::CompareOp::less:
      value = b_.CreateNot(at_least(false));
      break;
    case ir::CompareOp::less_equal:
      value = b_.CreateNot(at_least(true));
      break;
    case ir::CompareOp::equal:
    case ir::CompareOp::not_equal: {
      llvm::Value* not_below = at_least(false);
      llvm::Value* equal = b_.CreateAnd(not_below, b_.CreateNot(at_least(true)));
      value = op == ir::CompareOp::equal ? equal : b_.CreateNot(equal);
      break;
    }
  }
  return {value, undecided};
}

std::optional<Codegen::FastValue> Codegen::fast_money_compare(const ir::Compare& node) {
  const ir::MoneyConst* left = money_constant(node.lhs);
  const ir::MoneyConst* right = money_constant(node.rhs);
  if ((left == nullptr) == (right == nullptr)) return std::nullopt;
  const FastValue row = fast_expr(left != nullptr ? *node.rhs : *node.lhs);
  const MoneyByThreshold compared =
      money_by_threshold(left != nullptr ? left->value : right->value,
                         left != nullptr ? ir::flipped(node.op) : node.op, row.value, row.aux);
  return FastValue{compared.value, nullptr, b_.CreateOr(row.slow, compared.undecided)};
}

llvm::Value* Codegen::money_compare_with_constant(const ir::Compare& node, CgValue lhs,
                                                  CgValue rhs) {
  const ir::MoneyConst* left = money_constant(node.lhs);
  const ir::MoneyConst* right = money_constant(node.rhs);
  if (!has_first_pass_ || (left == nullptr) == (right == nullptr)) return nullptr;
  // Same currency: compared as they are, as before. Another currency: by the thresholds where
  // they decide, else through dun_money_compare (which reports a missing rate).
  llvm::BasicBlock* same = b_.GetInsertBlock();
  llvm::BasicBlock* by_table = block("money_threshold");
  llvm::BasicBlock* by_call = block("money_convert");
  llvm::BasicBlock* merged = block("money_compared");
  llvm::Value* direct = b_.CreateICmp(compare_predicate(node.op, true), lhs.value, rhs.value);
  b_.CreateCondBr(b_.CreateICmpEQ(lhs.aux, rhs.aux), merged, by_table);
  b_.SetInsertPoint(by_table);
  const CgValue row = left != nullptr ? rhs : lhs;
  const MoneyByThreshold compared =
      money_by_threshold(left != nullptr ? left->value : right->value,
                         left != nullptr ? ir::flipped(node.op) : node.op, row.value, row.aux);
  llvm::MDBuilder weights(context_);
  b_.CreateCondBr(compared.undecided, by_call, merged, weights.createUnlikelyBranchWeights());
  b_.SetInsertPoint(by_call);
  llvm::Value* order =
      status_call("dun_money_compare", {lhs.value, lhs.aux, rhs.value, rhs.aux, rates_}, i32());
  llvm::Value* converted = b_.CreateICmp(compare_predicate(node.op, true), order, c32(0));
  llvm::BasicBlock* call_end = b_.GetInsertBlock();
  b_.CreateBr(merged);
  b_.SetInsertPoint(merged);
  llvm::PHINode* result = b_.CreatePHI(i1(), 3);
  result->addIncoming(direct, same);
  result->addIncoming(compared.value, by_table);
  result->addIncoming(converted, call_end);
  return result;
}

}  // namespace dun::dsl::jit
