// CustomFieldRead: a dun.toml custom field read from PortfolioColumns::custom_fields
// (interp_fields.cpp's read_custom_field is the reference). A slot the portfolio lacks (a test
// portfolio built without the custom columns) and an absent cell are evaluation errors.
#include <cstddef>

#include "dsl/jit_codegen.hpp"

namespace dun::dsl::jit {

CgValue Codegen::custom_field(const ir::CustomFieldRead& node, Type type) {
  using P = PortfolioColumns;
  using C = CustomFieldColumn;
  llvm::Value* count = b_.CreateLoad(
      i32(), b_.CreateConstInBoundsGEP1_64(i8(), portfolio_, offsetof(P, custom_field_count)));
  fail_if(b_.CreateICmpUGE(c32(node.slot), count), EvalError::absent_value);
  // Past the check the column exists: its pointers are read where they are used.
  llvm::Value* column = b_.CreateConstInBoundsGEP1_64(
      i8(), portfolio_pointer(offsetof(P, custom_fields)), node.slot * sizeof(C));
  auto member = [&](std::size_t offset) {
    return b_.CreateLoad(ptr(), b_.CreateConstInBoundsGEP1_64(i8(), column, offset));
  };
  llvm::Value* row = node.on_customer ? customer_ : invoice_;
  llvm::Value* present = load_element(i8(), member(offsetof(C, present)), row);
  fail_if(b_.CreateICmpEQ(present, c8(0)), EvalError::absent_value);
  if (type == Type::string) {
    llvm::Value* bytes = member(offsetof(C, text) + offsetof(StringColumn, bytes));
    llvm::Value* offsets = member(offsetof(C, text) + offsetof(StringColumn, offsets));
    llvm::Value* begin = load_element(i32(), offsets, row);
    llvm::Value* end = load_element(i32(), offsets, b_.CreateAdd(row, c64(1)));
    return {b_.CreateInBoundsGEP(i8(), bytes, b_.CreateZExt(begin, i64())),
            b_.CreateZExt(b_.CreateSub(end, begin), i64())};
  }
  llvm::Value* value = load_element(i64(), member(offsetof(C, values)), row);
  switch (type) {
    case Type::boolean:
      return {b_.CreateICmpNE(value, c64(0))};
    case Type::date:
      return {b_.CreateTrunc(value, i32())};
    case Type::money: {
      const std::size_t currency =
          node.on_customer ? offsetof(P, customer_currency) : offsetof(P, invoice_currency);
      return {value, load_element(i16(), portfolio_pointer(currency), row)};
    }
    default:  // int, decimal
      return {value};
  }
}

}  // namespace dun::dsl::jit
