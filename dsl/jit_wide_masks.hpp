// The first pass's 16-lane masks kept as 32-bit lanes after vectorisation (docs/jit.md, "Masks in
// 32-bit lanes"). Without AVX-512, SelectionDAG legalises a <16 x i1> as <16 x i8>: each compare
// of 32-bit dates is packed down for the mask logic, and each select of a 32-bit decision word
// sign-extends its mask back. widen_vector_masks gives every <16 x i1> mask a <16 x i32> twin of
// 0 / -1 (a sext after a compare, the same and/or/xor on the twins), and rewrites each select of
// <16 x i32> values under such a mask as a blend, (m & a) | (~m & b), and each zext of a mask to
// <16 x i32> as m & 1. The i1 masks stay for their other users (the marks, the loop's exit).
//
// It runs after the IR pipeline (InstCombine would fold the twins back into i1 selects), only at
// --opt 2, whose core first pass runs 16 rows per iteration. Same values lane for lane: a blend's
// arms are frozen, so a poison lane of the arm a select would not take cannot leak into it.
#pragma once

namespace llvm {
class Function;
}

namespace dun::dsl::jit {

void widen_vector_masks(llvm::Function& function);

}  // namespace dun::dsl::jit
