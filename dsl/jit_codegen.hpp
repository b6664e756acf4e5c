// Internal to the JIT (dsl/jit.hpp): the code generator from the typed IR to LLVM IR. It emits ONE
// function per scenario,
//
//   void dun_evaluate_batch(const BatchInput* batch, Decision* decisions, uint32 row_count)
//
// a loop over the selection vector whose body is the decision procedure of docs/run-semantics.md
// unrolled over the scenario's steps, with every clause's expression compiled inline (no per-row
// call on the common path). Column pointers are loaded once before the loop; per-row scratch
// (step event dates, `let` memos, the decision being built) lives in allocas that mem2reg turns
// into registers. An evaluation error stores its EvalError and clause site and branches to one
// error block that writes the error decision, which gives the interpreter's first-error-wins
// order for free: code after a failure never runs.
//
// Values: bool i1; int and decimal i64; money i64 minor units + i16 currency; date i32 day
// number; duration i64 count + i32 unit; string ptr + i64 size; string list ptr to JitString[]
// + i64 count; contact i1 (clauses never read a contact's fields, only whether it exists).
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "dsl/batch.hpp"
#include "dsl/ir.hpp"
#include "stdlib/functions.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::dsl::jit {

inline constexpr const char* kBatchFunctionName = "dun_evaluate_batch";
using BatchFunction = void (*)(const BatchInput*, Decision*, std::uint32_t);
// stdlib/functions_dates.cpp: the day numbers of 0001-01-01 and 9999-12-31, and the bound on a
// duration's count that dun_add_duration checks first.
inline constexpr std::int64_t kFirstDay = -719'162;
inline constexpr std::int64_t kLastDay = 2'932'896;
inline constexpr std::int64_t kMaxDayCount = kLastDay - kFirstDay;
inline constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

// The icmp predicate of a comparison operator (signed or unsigned for the orderings).
llvm::CmpInst::Predicate compare_predicate(ir::CompareOp op, bool is_signed);

// The word `invoice.currency` gives for a currency index: its ISO code, three characters.
std::string currency_word(std::uint16_t index);

// Rows per chunk of the two passes: the fast pass's marks of one chunk live on the stack.
inline constexpr std::int64_t kFastChunkRows = 1024;
// Rows per iteration of the core subset's vectorised first pass (LLVM's cost model picks 4 with
// 256-bit vectors, where the 64-bit lanes of money and of the decision set the width; 16 measured
// 10-15 % faster on the reference workload, 8 and 32 slower than 16: bench/RESULTS.md). The wider
// subset of --opt 3 keeps the cost model's choice, which compiles faster.
inline constexpr unsigned kFastPassWidth = 16;

// Which first pass the batch function gets (docs/jit.md, "Two passes"), by --opt level: none at 0
// and 1 (it pays only once LLVM's loop vectorizer has run over it); at 2 the core subset (numbers,
// dates, money, booleans); at 3 also `let`, strings compared with constants and `send on business
// days`, whose larger vectorised body costs 4-6x the cold compilation of a shipped scenario.
enum class FastPass { none, core, wide };

// Builds the batch function of `scenario` into `module` (which must have its data layout set),
// with the branch-free first pass when `fast_pass` allows the scenario's clauses. Fails only for a
// scenario the checker could not have produced.
Status generate_batch_function(const ir::Scenario& scenario, std::int32_t calendar_id,
                               FastPass fast_pass, llvm::Module& module);

// Whether the scenario's clauses all lie in the `subset` of the branch-free first pass
// (jit_fast_pass.cpp); only then does its batch function have one.
bool fast_pass_supported(const ir::Scenario& scenario, FastPass subset);

// One compiled value: `value` and, for money, durations, strings and lists, its second part.
struct CgValue {
  llvm::Value* value = nullptr;
  llvm::Value* aux = nullptr;
};

// The state of the generator while it emits one scenario's function. Split over
// jit_codegen.cpp (the loop and the decision procedure), jit_expr.cpp (expression kinds),
// jit_fields.cpp (portfolio reads) and jit_arith.cpp (arithmetic and builtin calls).
class Codegen {
 public:
  Codegen(const ir::Scenario& scenario, std::int32_t calendar_id, llvm::Module& module);
  Status emit_batch_function(FastPass fast_pass);

 private:
  // ---- the function and the row loop (jit_codegen.cpp) ----
  void emit_row();
  void emit_step(std::size_t k, llvm::BasicBlock* next_step);
  // The next repetition of the last step (language.md §3.2), due at its event date + D days.
  void emit_repetition(const ir::Repeat& repeat);
  // §3 points 4 to 7 for step k due on `at`; a skip goes on to `next_step`.
  void emit_due_step(std::size_t k, llvm::Value* at, llvm::BasicBlock* next_step);
  void emit_skip(std::size_t k, SkipReason reason, llvm::BasicBlock* next_step);
  // A bool clause (absent -> `absent`), evaluated with `site` as its error site.
  llvm::Value* clause(const ir::ExprPtr& expr, bool absent, std::uint16_t site);
  void store_decision();
  void store_error_decision();

  // ---- the branch-free first pass (jit_fast_pass.cpp) ----
  // A value of the fast form; `slow` (i1) is true where the branching form must decide the row
  // (an evaluation error, money of two currencies, an unknown aggregate).
  struct FastValue {
    llvm::Value* value = nullptr;
    llvm::Value* aux = nullptr;  // money: currency; duration: days per unit (i64)
    llvm::Value* slow = nullptr;
  };
  // Positions [begin, end) (i64, begin < end): decisions and marks[position - begin]; then
  // branches to `done`.
  // With first_invoice (i64), the rows are the consecutive invoices first_invoice + k.
  void emit_fast_loop(llvm::Value* begin, llvm::Value* end, llvm::Value* marks,
                      llvm::BasicBlock* done, llvm::Value* first_invoice);
  llvm::Value* emit_consecutive_check(llvm::Value* begin, llvm::Value* end);
  llvm::MDNode* vectorize_loop_metadata(unsigned width = 0);
  // (due_by, late_by): a step is due when at <= due_by and late when at <= late_by (i32 each).
  std::pair<llvm::Value*, llvm::Value*> step_thresholds();
  llvm::Value* emit_marked_list(llvm::Value* rows, llvm::Value* marks, llvm::Value* list);
  // A loop over the `listed` marked offsets of the chunk at `begin` that loads each row's customer
  // and prefetches the customer columns the branching form reads (added by
  // emit_customer_prefetches once the row has been emitted): the branching pass then finds them
  // in cache instead of missing once per marked row, one after the other.
  void emit_marked_prefetch(llvm::Value* begin, llvm::Value* listed, llvm::Value* list);
  void emit_customer_prefetches();
  FastValue fast_expr(const ir::Expr& e);
  FastValue fast_clause(const ir::ExprPtr& e, bool absent);
  FastValue fast_field(FieldId field);
  FastValue fast_add_days(const ir::Arith& node);
  // Money compared with a money constant, in any currency (jit_money_compare.cpp): nullopt when
  // neither side, or both, is a constant.
  std::optional<FastValue> fast_money_compare(const ir::Compare& node);
  // The per-call table of dun_jit_money_thresholds for `constant` (alloca, filled in the
  // preheader; one per constant and strictness).
  llvm::Value* money_threshold_table(const Money& constant, bool strict);
  // `amount (i64) of currency (i16) OP constant` by the thresholds: `value` (i1) stands where
  // `undecided` (i1) is false.
  struct MoneyByThreshold {
    llvm::Value* value = nullptr;
    llvm::Value* undecided = nullptr;
  };
  MoneyByThreshold money_by_threshold(const Money& constant, ir::CompareOp op, llvm::Value* amount,
                                      llvm::Value* currency);
  // An enumerable string of the fast form: `code` (i32, null for a constant) indexes `values`.
  struct FastString {
    llvm::Value* code = nullptr;
    std::vector<std::string> values;
  };
  FastString fast_string(const ir::Expr& e);
  llvm::Value* fast_string_answer(const FastString& string, const std::vector<bool>& answers);
  FastValue fast_string_compare(const ir::Compare& node);
  FastValue fast_string_in_list(const ir::InList& node);

  // ---- expressions (jit_expr.cpp) ----
  CgValue expr(const ir::Expr& e);
  CgValue logic(const ir::Logic& node);
  CgValue conditional(const ir::Conditional& node);
  CgValue string_list(const ir::StringList& node);
  CgValue let_read(std::uint32_t index);
  CgValue step_date(std::uint32_t index);
  CgValue compare(const ir::Compare& node);
  CgValue in_list(const ir::InList& node);
  // Money compared with a money constant by the branching form (jit_money_compare.cpp): as
  // compare_values, but another currency than the constant's goes by the thresholds where they
  // decide; null when neither side, or both, is a constant, or when the function has no first
  // pass (whose marked rows this serves: without one, the code stays as it was, and so does its
  // cold compilation).
  llvm::Value* money_compare_with_constant(const ir::Compare& node, CgValue lhs, CgValue rhs);
  // `lhs OP rhs` of `type` as an i1 (money may fail on a missing rate).
  llvm::Value* compare_values(Type type, ir::CompareOp op, CgValue lhs, CgValue rhs);

  // ---- portfolio reads (jit_fields.cpp) ----
  CgValue field(FieldId field);
  CgValue custom_field(const ir::CustomFieldRead& node, Type type);
  CgValue present_date(llvm::Value* day);
  CgValue aggregate_money(std::size_t column_offset);
  CgValue string_at(std::size_t column_offset, llvm::Value* row);
  CgValue letter_status(llvm::Value* code);
  llvm::Value* collector_row();

  // ---- arithmetic and calls (jit_arith.cpp) ----
  CgValue unary(const ir::Unary& node);
  CgValue int_to_decimal(const ir::IntToDecimal& node);
  CgValue arith(const ir::Arith& node);
  CgValue add_duration(llvm::Value* date, CgValue duration, bool subtract);
  CgValue call(const ir::Call& node);
  llvm::Value* checked(llvm::Intrinsic::ID op, llvm::Value* lhs, llvm::Value* rhs);
  // A status-returning stdlib function: calls it with `args` plus one out-pointer of `out_type`
  // appended, fails on a non-zero status and returns the out value.
  llvm::Value* status_call(const char* name, llvm::ArrayRef<llvm::Value*> args,
                           llvm::Type* out_type);

  // ---- shared helpers (jit_codegen.cpp) ----
  llvm::IRBuilder<>& builder() { return b_; }
  llvm::Type* type_of(Type type, bool aux) const;
  llvm::AllocaInst* entry_alloca(llvm::Type* type, const char* name, unsigned count = 1);
  llvm::BasicBlock* block(const char* name);
  // A pointer-sized field of the portfolio, loaded once before the loop.
  llvm::Value* portfolio_pointer(std::size_t offset);
  // column[index] of element type `type`; `or_value` when the column pointer is null.
  llvm::Value* load_element(llvm::Type* type, llvm::Value* column, llvm::Value* index);
  llvm::Value* load_element_or(llvm::Type* type, llvm::Value* column, llvm::Value* index,
                               llvm::Value* or_value);
  // Branches to the row's error block with `error` (at the current clause site) when `failed`.
  void fail_if(llvm::Value* failed, EvalError error);
  void fail_unconditionally(EvalError error);
  // Same, for a stdlib status (stdlib statuses map to EvalError as in interp_arith.cpp).
  void fail_on_status(llvm::Value* status);
  llvm::FunctionCallee host(const char* name, llvm::Type* result,
                            llvm::ArrayRef<llvm::Type*> params);
  CgValue string_constant(const std::string& text);

  llvm::Type* i1() const { return b_.getInt1Ty(); }
  llvm::Type* i8() const { return b_.getInt8Ty(); }
  llvm::Type* i16() const { return b_.getInt16Ty(); }
  llvm::Type* i32() const { return b_.getInt32Ty(); }
  llvm::Type* i64() const { return b_.getInt64Ty(); }
  llvm::PointerType* ptr() const { return b_.getPtrTy(); }
  llvm::ConstantInt* c8(std::uint64_t v) const { return b_.getInt8(static_cast<std::uint8_t>(v)); }
  llvm::ConstantInt* c32(std::int64_t v) const {
    return b_.getInt32(static_cast<std::uint32_t>(v));
  }
  llvm::ConstantInt* c64(std::int64_t v) const {
    return b_.getInt64(static_cast<std::uint64_t>(v));
  }

  struct LetSlot {
    llvm::AllocaInst* computed = nullptr;
    llvm::AllocaInst* value = nullptr;
    llvm::AllocaInst* aux = nullptr;
  };

  const ir::Scenario& scenario_;
  std::int32_t calendar_id_;
  llvm::Module& module_;
  llvm::LLVMContext& context_;
  mutable llvm::IRBuilder<> b_;
  llvm::Function* function_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;      // allocas
  llvm::BasicBlock* preheader_ = nullptr;  // loads of loop-invariant column pointers
  llvm::BasicBlock* row_done_ = nullptr;
  llvm::BasicBlock* row_error_ = nullptr;
  std::map<std::size_t, llvm::Value*> portfolio_pointers_;
  std::map<std::string, llvm::Constant*> strings_;
  llvm::Value* currency_codes_ = nullptr;
  std::map<std::tuple<std::int64_t, std::uint16_t, bool>, llvm::Value*> money_tables_;

  // Loop-invariant inputs.
  llvm::Value* batch_ = nullptr;
  llvm::Value* decisions_ = nullptr;
  llvm::Value* portfolio_ = nullptr;
  llvm::Value* today_ = nullptr;  // i32
  llvm::Value* rates_ = nullptr;
  llvm::Value* late_interest_ = nullptr;
  // The selection vector and the sequence columns (loaded before the loop; the latter may be null).
  llvm::Value* rows_column_ = nullptr;
  llvm::Value* status_column_ = nullptr;
  llvm::Value* flags_column_ = nullptr;
  llvm::Value* last_column_ = nullptr;
  llvm::Value* dates_column_ = nullptr;
  std::vector<llvm::Value*> step_date_columns_;  // step k's dates (dates_column_ + k * row_count)
  std::vector<llvm::Value*> fast_dates_;         // the fast pass's step dates of the row (i32)
  // The fast pass's lets of the row, once read (with customer reads deferred or not).
  std::vector<std::array<std::optional<FastValue>, 2>> fast_lets_;
  // Set while the fast pass emits a step's `when` and `wait until`: customer columns read there
  // mark the row for the branching form instead of being gathered for every row.
  bool defer_customer_ = false;
  FastPass fast_pass_ = FastPass::none;  // the subset of the first pass being emitted
  bool has_first_pass_ = false;          // the function has a first pass (fast_pass_supported)
  // The row.
  llvm::Value* position_ = nullptr;  // i64
  llvm::Value* invoice_ = nullptr;   // i64
  llvm::Value* customer_ = nullptr;  // i64
  // The customer columns (element type, column pointer) the branching form reads, recorded by
  // load_element while emit_row runs, and where the marked-row prefetch loop prefetches them.
  std::vector<std::pair<llvm::Type*, llvm::Value*>> customer_reads_;
  bool recording_customer_reads_ = false;
  llvm::Instruction* prefetch_point_ = nullptr;
  llvm::Value* prefetch_customer_ = nullptr;  // i64, in the prefetch loop
  llvm::Value* prefetch_fallback_ = nullptr;  // a valid address for a null column
  std::vector<llvm::AllocaInst*> step_dates_;
  std::vector<LetSlot> lets_;
  llvm::AllocaInst* error_ = nullptr;       // i8 EvalError
  llvm::AllocaInst* error_site_ = nullptr;  // i16
  std::uint16_t site_ = 0;                  // the clause (or let) being emitted
  // The decision being built.
  llvm::AllocaInst* flags_ = nullptr;
  llvm::AllocaInst* outcome_ = nullptr;
  llvm::AllocaInst* step_ = nullptr;
  llvm::AllocaInst* first_skipped_ = nullptr;
  llvm::AllocaInst* skipped_count_ = nullptr;
  llvm::AllocaInst* skip_reasons_ = nullptr;
};

}  // namespace dun::dsl::jit
