// widen_vector_masks (dsl/jit_wide_masks.hpp) on hand-written IR: the and/or/xor of masks get
// 0 / -1 twins computed with the same operation, any other operation on masks (i1 arithmetic,
// where 1 + 1 wraps to 0) gets the sign extension of its result, and each select of 32-bit lanes
// becomes a blend of frozen arms. The module stays valid IR.
//
// The one test that includes LLVM's headers outside dsl/jit*.cpp: the function works on IR that
// the code generator may or may not produce, and only IR written here reaches every case.
#include "dsl/jit_wide_masks.hpp"

#include <gtest/gtest.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <string>

namespace {

constexpr const char* kFunction = R"(
define <16 x i32> @f(<16 x i32> %a, <16 x i32> %b, <16 x i32> %x, <16 x i32> %y) {
  %m1 = icmp slt <16 x i32> %a, %b
  %m2 = icmp sgt <16 x i32> %a, %x
  %sum = add <16 x i1> %m1, %m2
  %both = and <16 x i1> %m1, %m2
  %s = select <16 x i1> %sum, <16 x i32> %x, <16 x i32> %y
  %t = select <16 x i1> %both, <16 x i32> %s, <16 x i32> %y
  ret <16 x i32> %t
}
)";

// The function's IR after widen_vector_masks, or the parser's or verifier's complaint.
std::string widened(const char* text) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic error;
  std::unique_ptr<llvm::Module> module = llvm::parseAssemblyString(text, error, context);
  if (!module) return "parse error: " + error.getMessage().str();
  for (llvm::Function& function : *module) dun::dsl::jit::widen_vector_masks(function);
  std::string printed;
  llvm::raw_string_ostream out(printed);
  if (llvm::verifyModule(*module, &out)) return "invalid IR: " + out.str();
  module->print(out, nullptr);
  return out.str();
}

TEST(JitWideMasks, LogicIsWidenedArithmeticIsSignExtendedAndSelectsBecomeBlends) {
  const std::string ir = widened(kFunction);
  ASSERT_EQ(ir.find("invalid IR"), std::string::npos) << ir;
  ASSERT_EQ(ir.find("parse error"), std::string::npos) << ir;
  // The and of two masks: its twin is the and of their twins.
  EXPECT_NE(ir.find("and <16 x i32> %"), std::string::npos) << ir;
  // The sum of two masks is not the sum of their twins (1 + 1 is 0 in i1, -2 in i32).
  EXPECT_EQ(ir.find("add <16 x i32>"), std::string::npos) << ir;
  EXPECT_NE(ir.find("sext <16 x i1> %sum to <16 x i32>"), std::string::npos) << ir;
  // No select of 32-bit lanes is left; their arms are frozen.
  EXPECT_EQ(ir.find("select <16 x i1>"), std::string::npos) << ir;
  EXPECT_NE(ir.find("freeze <16 x i32> %x"), std::string::npos) << ir;
}

}  // namespace
