// A comparison read from its other side, shared by the checker (`0 < x` becomes `x > 0`) and the
// JIT (`50 EUR <= invoice.balance` compared as `invoice.balance >= 50 EUR`).
#pragma once

#include "dsl/ir.hpp"

namespace dun::dsl::ir {

// `a OP b` is `b flipped(OP) a`.
constexpr CompareOp flipped(CompareOp op) {
  switch (op) {
    case CompareOp::less:
      return CompareOp::greater;
    case CompareOp::less_equal:
      return CompareOp::greater_equal;
    case CompareOp::greater:
      return CompareOp::less;
    case CompareOp::greater_equal:
      return CompareOp::less_equal;
    default:
      return op;  // == and != are symmetric
  }
}

}  // namespace dun::dsl::ir
