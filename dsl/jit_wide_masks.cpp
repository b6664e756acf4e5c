#include "dsl/jit_wide_masks.hpp"

#include <llvm/IR/Constants.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>

#include <unordered_map>
#include <vector>

namespace dun::dsl::jit {

void widen_vector_masks(llvm::Function& function) {
  llvm::LLVMContext& context = function.getContext();
  auto* mask_type = llvm::FixedVectorType::get(llvm::Type::getInt1Ty(context), 16);
  auto* wide_type = llvm::FixedVectorType::get(llvm::Type::getInt32Ty(context), 16);
  std::unordered_map<llvm::Value*, llvm::Value*> wide;  // a mask -> its 0 / -1 twin
  // The twin of `mask`, made before the builder's instruction when it has none yet (a mask made
  // outside the block, a trunc, a phi).
  auto twin = [&](llvm::Value* mask, llvm::IRBuilder<>& b) -> llvm::Value* {
    if (auto* constant = llvm::dyn_cast<llvm::Constant>(mask)) {
      if (constant->isNullValue()) return llvm::Constant::getNullValue(wide_type);
      if (constant->isAllOnesValue()) return llvm::Constant::getAllOnesValue(wide_type);
    }
    const auto found = wide.find(mask);
    if (found != wide.end()) return found->second;
    llvm::Value* made = b.CreateSExt(mask, wide_type);
    wide.emplace(mask, made);
    return made;
  };
  auto frozen = [&](llvm::Value* value, llvm::IRBuilder<>& b) {
    return llvm::isa<llvm::Constant>(value) ? value : b.CreateFreeze(value);
  };
  std::vector<llvm::Instruction*> replaced;
  for (llvm::BasicBlock& block : function) {
    wide.clear();  // a twin made in one block need not dominate another
    for (llvm::Instruction& instruction : block) {
      if (llvm::isa<llvm::PHINode>(instruction)) continue;
      llvm::IRBuilder<> b(&instruction);
      if (instruction.getType() == mask_type) {
        // Sign extension commutes with and, or and xor of 0 / -1 lanes, not with i1 arithmetic
        // (1 + 1 wraps to 0, -1 + -1 is -2): any other operation's twin is its own sext.
        auto* logic = llvm::dyn_cast<llvm::BinaryOperator>(&instruction);
        if (logic != nullptr && (logic->getOpcode() == llvm::Instruction::And ||
                                 logic->getOpcode() == llvm::Instruction::Or ||
                                 logic->getOpcode() == llvm::Instruction::Xor)) {
          llvm::Value* lhs = twin(logic->getOperand(0), b);
          llvm::Value* rhs = twin(logic->getOperand(1), b);
          wide[&instruction] = b.CreateBinOp(logic->getOpcode(), lhs, rhs);
        }
        continue;
      }
      if (auto* select = llvm::dyn_cast<llvm::SelectInst>(&instruction)) {
        if (select->getCondition()->getType() == mask_type && select->getType() == wide_type) {
          llvm::Value* mask = twin(select->getCondition(), b);
          llvm::Value* blend =
              b.CreateOr(b.CreateAnd(mask, frozen(select->getTrueValue(), b)),
                         b.CreateAnd(b.CreateNot(mask), frozen(select->getFalseValue(), b)));
          select->replaceAllUsesWith(blend);
          replaced.push_back(select);
        }
        continue;
      }
      if (auto* zext = llvm::dyn_cast<llvm::ZExtInst>(&instruction)) {
        if (zext->getOperand(0)->getType() == mask_type && zext->getType() == wide_type) {
          llvm::Value* mask = twin(zext->getOperand(0), b);
          zext->replaceAllUsesWith(b.CreateAnd(mask, llvm::ConstantInt::get(wide_type, 1)));
          replaced.push_back(zext);
        }
      }
    }
  }
  for (llvm::Instruction* instruction : replaced) instruction->eraseFromParent();
}

}  // namespace dun::dsl::jit
