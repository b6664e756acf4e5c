// The branch-free first pass of the batch function (docs/jit.md, "Two passes"): for a scenario
// whose clauses all belong to a small subset of the language (numeric, date and money fields,
// constants, comparisons, `and`/`or`/`not`, dates ± days or weeks, step dates), every step's
// clauses are computed for every row with selects instead of branches, and the decision procedure
// of jit_codegen.cpp (emit_row) is followed with masks. Whatever the fast form cannot decide
// exactly — an evaluation error, money of two currencies, an unknown aggregate — only sets the
// row's "decide again" mark, and the branching form decides that row afterwards. An unmarked row's
// decision is therefore the branching form's, bit for bit; LLVM's loop vectorizer turns the
// branch-free loop into SIMD code.
#include <cstddef>
#include <type_traits>
#include <variant>

#include "dsl/jit_codegen.hpp"

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

bool supported(const ir::ExprPtr& e);

bool supported_node(const ir::Expr& e) {
  return std::visit(
      [&](const auto& node) -> bool {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::BoolConst> || std::is_same_v<Node, ir::IntConst> ||
                      std::is_same_v<Node, ir::DecimalConst> ||
                      std::is_same_v<Node, ir::MoneyConst> || std::is_same_v<Node, ir::DateConst> ||
                      std::is_same_v<Node, ir::Today> || std::is_same_v<Node, ir::StepDate>) {
          return true;
        } else if constexpr (std::is_same_v<Node, ir::DurationConst>) {
          return node.value.unit != ir::DurationUnit::business_days;
        } else if constexpr (std::is_same_v<Node, ir::FieldRead>) {
          return supported_field(node.field);
        } else if constexpr (std::is_same_v<Node, ir::Unary>) {
          return node.op == ir::UnaryOp::logical_not && supported(node.operand);
        } else if constexpr (std::is_same_v<Node, ir::Compare>) {
          return node.operand_type != Type::string && supported(node.lhs) && supported(node.rhs);
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          return supported(node.money);
        } else if constexpr (std::is_same_v<Node, ir::Logic>) {
          return supported(node.lhs) && supported(node.rhs);
        } else if constexpr (std::is_same_v<Node, ir::Arith>) {
          const bool dates = node.op == ir::ArithOp::add_date_duration ||
                             node.op == ir::ArithOp::subtract_date_duration;
          // A duration constant of days or weeks: a computed duration has no constant unit.
          return dates && supported(node.lhs) && node.rhs != nullptr &&
                 std::holds_alternative<ir::DurationConst>(node.rhs->node) && supported(node.rhs);
        } else {
          return false;
        }
      },
      e.node);
}

bool supported(const ir::ExprPtr& e) { return e == nullptr || supported_node(*e); }

}  // namespace

bool fast_pass_supported(const ir::Scenario& scenario) {
  if (scenario.send_on_business_days || !scenario.lets.empty() || scenario.steps.empty()) {
    return false;
  }
  if (!supported(scenario.applies) || !supported(scenario.stop) || !supported(scenario.pause)) {
    return false;
  }
  for (const ir::Step& step : scenario.steps) {
    if (step.repeat || !supported(step.at) || !supported(step.until) || !supported(step.when) ||
        !supported(step.wait_until)) {
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
        } else if constexpr (std::is_same_v<Node, ir::Compare>) {
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
        } else {
          return {b_.getFalse(), nullptr, b_.getTrue()};  // not reached: fast_pass_supported
        }
      },
      e.node);
}

// date ± days or weeks, with Codegen::add_duration's range checks as slow marks.
Codegen::FastValue Codegen::fast_add_days(const ir::Arith& node) {
  const FastValue date = fast_expr(*node.lhs);
  const FastValue duration = fast_expr(*node.rhs);
  llvm::Value* count = duration.value;
  llvm::Value* slow = b_.CreateOr(date.slow, duration.slow);
  if (node.op == ir::ArithOp::subtract_date_duration) {
    slow = b_.CreateOr(slow, b_.CreateICmpEQ(count, c64(kInt64Min)));
    count = b_.CreateNeg(count);
  }
  auto outside = [&](llvm::Value* day) {
    return b_.CreateOr(b_.CreateICmpSLT(day, c64(kFirstDay)), b_.CreateICmpSGT(day, c64(kLastDay)));
  };
  llvm::Value* day = b_.CreateSExt(date.value, i64());
  llvm::Value* too_far = b_.CreateOr(b_.CreateICmpSGT(count, c64(kMaxDayCount)),
                                     b_.CreateICmpSLT(count, c64(-kMaxDayCount)));
  slow = b_.CreateOr(slow, b_.CreateOr(outside(day), too_far));
  // Within kMaxDayCount the multiplication cannot overflow.
  llvm::Value* result = b_.CreateAdd(day, b_.CreateMul(count, duration.aux));
  slow = b_.CreateOr(slow, outside(result));
  return {b_.CreateTrunc(result, i32()), nullptr, slow};
}

Codegen::FastValue Codegen::fast_field(FieldId field) {
  using P = PortfolioColumns;
  auto invoice_column = [&](std::size_t offset, llvm::Type* type) {
    return load_element(type, portfolio_pointer(offset), invoice_);
  };
  auto customer_column = [&](std::size_t offset, llvm::Type* type) {
    return load_element(type, portfolio_pointer(offset), customer_);
  };
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

// Whether rows[begin .. end) are consecutive invoices (i1), computed without a branch.
llvm::Value* Codegen::emit_consecutive_check(llvm::Value* begin, llvm::Value* end) {
  llvm::Value* first = b_.CreateZExt(load_element(i32(), rows_column_, begin), i64());
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* loop = block("consecutive");
  llvm::BasicBlock* done = block("consecutive_checked");
  b_.CreateBr(loop);
  b_.SetInsertPoint(loop);
  llvm::PHINode* position = b_.CreatePHI(i64(), 2);
  llvm::PHINode* all = b_.CreatePHI(i1(), 2);
  position->addIncoming(begin, before);
  all->addIncoming(b_.getTrue(), before);
  llvm::Value* expected = b_.CreateAdd(first, b_.CreateSub(position, begin));
  llvm::Value* row = b_.CreateZExt(load_element(i32(), rows_column_, position), i64());
  llvm::Value* same = b_.CreateAnd(all, b_.CreateICmpEQ(row, expected));
  llvm::Value* next = b_.CreateAdd(position, c64(1));
  position->addIncoming(next, loop);
  all->addIncoming(same, loop);
  b_.CreateCondBr(b_.CreateICmpULT(next, end), loop, done);
  b_.SetInsertPoint(done);
  return same;
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
  fast_dates_.clear();
  for (std::size_t k = 0; k < step_count; ++k) {
    llvm::Value* index =
        b_.CreateAdd(b_.CreateMul(position_, c64(std::int64_t(step_count))), c64(std::int64_t(k)));
    fast_dates_.push_back(load_element(i32(), dates_column_, index));
  }

  auto status_is = [&](SequenceStatus wanted) {
    return b_.CreateICmpEQ(status, c8(static_cast<std::uint8_t>(wanted)));
  };
  auto stored = [&](std::uint8_t bits) {
    return b_.CreateICmpNE(b_.CreateAnd(stored_flags, c8(bits)), c8(0));
  };
  auto bit_if = [&](llvm::Value* condition, std::uint8_t bit) {
    return b_.CreateSelect(condition, c8(bit), c8(0));
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
  llvm::Value* outcome = c8(static_cast<std::uint8_t>(Outcome::nothing));
  llvm::Value* step = c8(0);
  llvm::Value* first_skipped = c8(0);
  llvm::Value* skipped_count = c8(0);
  llvm::Value* skip_reasons = c64(0);
  llvm::Value* today = b_.CreateSExt(today_, i64());
  for (std::size_t k = 0; k < step_count; ++k) {
    const ir::Step& s = scenario_.steps[k];
    llvm::Value* reached = b_.CreateAnd(walking, b_.CreateICmpSLE(first, c32(std::int64_t(k))));
    const FastValue at = fast_expr(*s.at);
    slow = b_.CreateOr(slow, slow_if(reached, at.slow));
    llvm::Value* due = b_.CreateAnd(reached, b_.CreateICmpSGE(today_, at.value));
    llvm::Value* expired = b_.getFalse();
    if (s.until != nullptr) {
      const FastValue until = fast_expr(*s.until);
      slow = b_.CreateOr(slow, slow_if(due, until.slow));
      expired = b_.CreateAnd(due, b_.CreateICmpSGT(today_, until.value));
    }
    llvm::Value* in_time = b_.CreateAnd(due, b_.CreateNot(expired));
    llvm::Value* lateness = b_.CreateSub(today, b_.CreateSExt(at.value, i64()));
    llvm::Value* late =
        b_.CreateAnd(in_time, b_.CreateICmpSGT(lateness, c64(scenario_.catch_up_days)));
    llvm::Value* on_time = b_.CreateAnd(in_time, b_.CreateNot(late));
    llvm::Value* unwanted = b_.getFalse();
    if (s.when != nullptr) {
      const FastValue when = fast_expr(*s.when);
      slow = b_.CreateOr(slow, slow_if(on_time, when.slow));
      unwanted = b_.CreateAnd(on_time, b_.CreateNot(when.value));
    }
    llvm::Value* fires = b_.CreateAnd(on_time, b_.CreateNot(unwanted));
    const FastValue ready = fast_clause(s.wait_until, true);
    slow = b_.CreateOr(slow, slow_if(fires, ready.slow));
    outcome =
        b_.CreateSelect(fires,
                        b_.CreateSelect(ready.value, c8(static_cast<std::uint8_t>(Outcome::fire)),
                                        c8(static_cast<std::uint8_t>(Outcome::hold))),
                        outcome);
    step = b_.CreateSelect(fires, c8(k), step);
    // A skip (expired, late, unwanted) records its reason; the step's event date becomes today.
    llvm::Value* skipped = b_.CreateOr(b_.CreateOr(expired, late), unwanted);
    llvm::Value* reason =
        b_.CreateSelect(expired, c64(static_cast<std::int64_t>(SkipReason::expired)),
                        b_.CreateSelect(late, c64(static_cast<std::int64_t>(SkipReason::late)),
                                        c64(static_cast<std::int64_t>(SkipReason::condition))));
    first_skipped = b_.CreateSelect(b_.CreateAnd(skipped, b_.CreateICmpEQ(skipped_count, c8(0))),
                                    c8(k), first_skipped);
    llvm::Value* shift = b_.CreateShl(b_.CreateZExt(skipped_count, i64()), c64(1));
    skip_reasons =
        b_.CreateOr(skip_reasons, b_.CreateSelect(skipped, b_.CreateShl(reason, shift), c64(0)));
    skipped_count = b_.CreateAdd(skipped_count, b_.CreateZExt(skipped, i8()));
    fast_dates_[k] = b_.CreateSelect(skipped, today_, fast_dates_[k]);
    walking = b_.CreateAnd(walking, b_.CreateOr(b_.CreateNot(reached), skipped));
  }

  // The Decision as Codegen::store_decision packs it; the mark says whether it stands.
  llvm::Value* out =
      b_.CreateInBoundsGEP(i8(), decisions_, b_.CreateMul(position_, c64(sizeof(Decision))));
  llvm::Value* head = c64(0);
  unsigned shift = 0;
  for (llvm::Value* byte : {flags, outcome, step, first_skipped, skipped_count}) {
    head = b_.CreateOr(head, b_.CreateShl(b_.CreateZExt(byte, i64()), c64(shift)));
    shift += 8;
  }
  b_.CreateAlignedStore(head, out, llvm::Align(8));
  b_.CreateAlignedStore(skip_reasons, b_.CreateConstInBoundsGEP1_64(i8(), out, 8), llvm::Align(8));
  b_.CreateStore(b_.CreateZExt(slow, i8()),
                 b_.CreateInBoundsGEP(i8(), marks, b_.CreateSub(position_, begin)));

  llvm::Value* next = b_.CreateAdd(position_, c64(1), "", true, true);
  position->addIncoming(next, b_.GetInsertBlock());
  llvm::BranchInst* back = b_.CreateCondBr(b_.CreateICmpULT(next, end), header, exit);
  // Ask for vectorisation whatever the cost model thinks of the gathers.
  llvm::MDNode* enable =
      llvm::MDNode::get(context_, {llvm::MDString::get(context_, "llvm.loop.vectorize.enable"),
                                   llvm::ConstantAsMetadata::get(b_.getTrue())});
  llvm::MDNode* loop = llvm::MDNode::getDistinct(context_, {nullptr, enable});
  loop->replaceOperandWith(0, loop);
  back->setMetadata(llvm::LLVMContext::MD_loop, loop);
  b_.SetInsertPoint(exit);
  b_.CreateBr(done);
}

}  // namespace dun::dsl::jit
