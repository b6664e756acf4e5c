// The batch function's skeleton: the loop over the selection vector and, in its body, the decision
// procedure of docs/run-semantics.md with the steps unrolled (interp_decide.cpp is the reference;
// keep them in step). Shared helpers of the generator live here too.
#include "dsl/jit_codegen.hpp"
#include "stdlib/status.hpp"

#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <bit>
#include <cstddef>

namespace dun::dsl::jit {
namespace {

std::uint16_t site(ClauseKind kind, std::size_t index = 0) {
  return clause_site(kind, static_cast<std::uint16_t>(index));
}

}  // namespace

Codegen::Codegen(const ir::Scenario& scenario, std::int32_t calendar_id, llvm::Module& module)
    : scenario_(scenario),
      calendar_id_(calendar_id),
      module_(module),
      context_(module.getContext()),
      b_(module.getContext()) {}

Status generate_batch_function(const ir::Scenario& scenario, std::int32_t calendar_id,
                               FastPass fast_pass, llvm::Module& module) {
  Codegen codegen(scenario, calendar_id, module);
  return codegen.emit_batch_function(fast_pass);
}

Status Codegen::emit_batch_function(FastPass fast_pass) {
  auto* type = llvm::FunctionType::get(b_.getVoidTy(), {ptr(), ptr(), i32()}, false);
  function_ =
      llvm::Function::Create(type, llvm::Function::ExternalLinkage, kBatchFunctionName, module_);
  function_->addFnAttr(llvm::Attribute::NoUnwind);
  for (unsigned arg = 0; arg < 2; ++arg) function_->addParamAttr(arg, llvm::Attribute::NoAlias);
  batch_ = function_->getArg(0);
  decisions_ = function_->getArg(1);
  llvm::Value* row_count = function_->getArg(2);

  entry_ = block("entry");
  preheader_ = block("preheader");

  b_.SetInsertPoint(entry_);
  error_ = entry_alloca(i8(), "error");
  error_site_ = entry_alloca(i16(), "error_site");
  flags_ = entry_alloca(i8(), "flags");
  outcome_ = entry_alloca(i8(), "outcome");
  step_ = entry_alloca(i8(), "step");
  first_skipped_ = entry_alloca(i8(), "first_skipped");
  skipped_count_ = entry_alloca(i8(), "skipped_count");
  skip_reasons_ = entry_alloca(i64(), "skip_reasons");
  for (std::size_t k = 0; k < scenario_.steps.size(); ++k) {
    step_dates_.push_back(entry_alloca(i32(), "step_date"));
  }
  for (const ir::Let& let : scenario_.lets) {
    LetSlot slot;
    slot.computed = entry_alloca(i1(), "let_computed");
    slot.value = entry_alloca(type_of(let.value->type, false), "let_value");
    if (llvm::Type* aux = type_of(let.value->type, true)) slot.aux = entry_alloca(aux, "let_aux");
    lets_.push_back(slot);
  }
  const bool fast = fast_pass_supported(scenario_, fast_pass);
  fast_pass_ = fast_pass;
  has_first_pass_ = fast;
  llvm::Value* marks =
      fast ? entry_alloca(i8(), "marks", static_cast<unsigned>(kFastChunkRows)) : nullptr;
  llvm::Value* marked_list =
      fast ? entry_alloca(i32(), "marked_list", static_cast<unsigned>(kFastChunkRows)) : nullptr;
  b_.CreateBr(preheader_);

  b_.SetInsertPoint(preheader_);
  portfolio_ = b_.CreateLoad(
      ptr(), b_.CreateConstInBoundsGEP1_64(i8(), batch_, offsetof(BatchInput, portfolio)));
  today_ = b_.CreateLoad(i32(),
                         b_.CreateConstInBoundsGEP1_64(i8(), batch_, offsetof(BatchInput, today)));
  const std::size_t environment = offsetof(BatchInput, environment);
  rates_ = b_.CreateLoad(ptr(), b_.CreateConstInBoundsGEP1_64(
                                    i8(), batch_, environment + offsetof(EvalEnvironment, rates)));
  late_interest_ = b_.CreateLoad(
      ptr(), b_.CreateConstInBoundsGEP1_64(i8(), batch_,
                                           environment + offsetof(EvalEnvironment, late_interest)));
  rows_column_ =
      b_.CreateLoad(ptr(), b_.CreateConstInBoundsGEP1_64(i8(), batch_, offsetof(BatchInput, rows)));
  // The sequence columns may be null (a batch of new invoices).
  const std::size_t sequences = offsetof(BatchInput, sequences);
  auto sequence_column = [&](std::size_t field) {
    return b_.CreateLoad(ptr(), b_.CreateConstInBoundsGEP1_64(i8(), batch_, sequences + field));
  };
  status_column_ = sequence_column(offsetof(SequenceColumns, status));
  flags_column_ = sequence_column(offsetof(SequenceColumns, flags));
  last_column_ = sequence_column(offsetof(SequenceColumns, last_step));
  dates_column_ = sequence_column(offsetof(SequenceColumns, step_dates));
  dates_column_->setName("step_dates");
  // One column of the batch's row_count dates per step (dsl/batch.hpp): step k's column starts
  // k * row_count entries in. Not inbounds: the dates may be null (tested where they are read).
  llvm::Value* date_rows = b_.CreateZExt(
      b_.CreateLoad(i32(),
                    b_.CreateConstInBoundsGEP1_64(i8(), batch_, offsetof(BatchInput, row_count))),
      i64(), "date_rows");
  step_date_columns_.clear();
  for (std::size_t k = 0; k < scenario_.steps.size(); ++k) {
    step_date_columns_.push_back(b_.CreateGEP(
        i32(), dates_column_, b_.CreateMul(date_rows, c64(std::int64_t(k))), "step_date_column"));
  }
  llvm::Value* count = b_.CreateZExt(row_count, i64());
  llvm::BasicBlock* chunks = block("chunk");
  b_.CreateBr(chunks);

  // The rows in chunks of kFastChunkRows: with a fast pass, its loop decides the chunk and marks
  // the rows it cannot decide exactly; the branching loop then decides the marked rows (every
  // row when there is no fast pass).
  llvm::BasicBlock* chunk_body = block("chunk_body");
  llvm::BasicBlock* branching = block("branching");
  llvm::BasicBlock* header = block("loop");
  llvm::BasicBlock* select_row = block("select_row");
  llvm::BasicBlock* body = block("row");
  llvm::BasicBlock* latch = block("next_row");
  llvm::BasicBlock* chunk_done = block("chunk_done");
  llvm::BasicBlock* exit = block("exit");
  row_done_ = block("row_done");
  row_error_ = block("row_error");

  b_.SetInsertPoint(chunks);
  llvm::PHINode* begin = b_.CreatePHI(i64(), 2, "chunk_begin");
  begin->addIncoming(c64(0), preheader_);
  b_.CreateCondBr(b_.CreateICmpULT(begin, count), chunk_body, exit);
  b_.SetInsertPoint(chunk_body);
  llvm::Value* end = b_.CreateBinaryIntrinsic(
      llvm::Intrinsic::umin, b_.CreateAdd(begin, c64(kFastChunkRows)), count, nullptr, "chunk_end");
  // The branching loop runs over `to_decide` offsets in the chunk: all of them, or the list of
  // the marked ones (built without a branch, so that scattered marks cost no misprediction).
  llvm::Value* to_decide = b_.CreateSub(end, begin);
  llvm::Value* use_list = b_.getFalse();
  if (fast) {
    llvm::BasicBlock* fast_entry = block("fast");
    llvm::BasicBlock* fast_done = block("fast_chunk_done");
    llvm::BasicBlock* all_rows = block("all_rows");
    llvm::BranchInst* choose = b_.CreateCondBr(b_.getTrue(), fast_entry, all_rows);
    b_.SetInsertPoint(fast_entry);
    // A chunk of consecutive invoices (one scenario for the whole portfolio) gets a loop that
    // reads the invoice columns with vector loads instead of gathers.
    llvm::BasicBlock* consecutive = block("fast_consecutive");
    llvm::BasicBlock* selected = block("fast_selected");
    b_.CreateCondBr(emit_consecutive_check(begin, end), consecutive, selected);
    b_.SetInsertPoint(consecutive);
    emit_fast_loop(begin, end, marks, fast_done,
                   b_.CreateZExt(load_element(i32(), rows_column_, begin), i64()));
    b_.SetInsertPoint(selected);
    emit_fast_loop(begin, end, marks, fast_done, nullptr);
    b_.SetInsertPoint(fast_done);
    llvm::Value* listed = emit_marked_list(to_decide, marks, marked_list);
    emit_marked_prefetch(begin, listed, marked_list);
    llvm::BasicBlock* listed_end = b_.GetInsertBlock();
    b_.CreateBr(branching);
    b_.SetInsertPoint(all_rows);
    b_.CreateBr(branching);
    // The fast loop reads the sequence columns and the aggregates' status without null checks.
    llvm::IRBuilder<> hoist(preheader_->getTerminator());
    llvm::Value* present = hoist.getTrue();
    for (llvm::Value* column :
         {status_column_, flags_column_, last_column_, dates_column_,
          portfolio_pointer(offsetof(PortfolioColumns, aggregates_missing_rate))}) {
      present = hoist.CreateAnd(present, hoist.CreateIsNotNull(column));
    }
    choose->setCondition(present);
    b_.SetInsertPoint(branching);
    llvm::PHINode* listing = b_.CreatePHI(i1(), 2, "use_list");
    listing->addIncoming(b_.getTrue(), listed_end);
    listing->addIncoming(b_.getFalse(), all_rows);
    use_list = listing;
    llvm::PHINode* counted = b_.CreatePHI(i64(), 2, "to_decide");
    counted->addIncoming(listed, listed_end);
    counted->addIncoming(to_decide, all_rows);
    to_decide = counted;
  } else {
    b_.CreateBr(branching);
    b_.SetInsertPoint(branching);
  }
  b_.CreateBr(header);

  b_.SetInsertPoint(header);
  llvm::PHINode* nth = b_.CreatePHI(i64(), 2, "nth");
  nth->addIncoming(c64(0), branching);
  b_.CreateCondBr(b_.CreateICmpULT(nth, to_decide), select_row, chunk_done);
  b_.SetInsertPoint(select_row);
  llvm::Value* offset = nth;
  if (fast) {
    llvm::Value* listed_offset =
        b_.CreateZExt(load_element(i32(), marked_list, nth), i64(), "listed_offset");
    offset = b_.CreateSelect(use_list, listed_offset, nth);
  }
  llvm::Value* position = b_.CreateAdd(begin, offset, "position");
  b_.CreateBr(body);

  b_.SetInsertPoint(body);
  position_ = position;
  recording_customer_reads_ = fast;
  emit_row();
  recording_customer_reads_ = false;
  if (fast) emit_customer_prefetches();

  b_.SetInsertPoint(row_done_);
  store_decision();
  b_.CreateBr(latch);
  b_.SetInsertPoint(row_error_);
  store_error_decision();
  b_.CreateBr(latch);

  b_.SetInsertPoint(latch);
  nth->addIncoming(b_.CreateAdd(nth, c64(1), "", true, true), latch);
  b_.CreateBr(header);
  b_.SetInsertPoint(chunk_done);
  begin->addIncoming(end, chunk_done);
  b_.CreateBr(chunks);
  b_.SetInsertPoint(exit);
  b_.CreateRetVoid();

  std::string problems;
  llvm::raw_string_ostream out(problems);
  if (llvm::verifyFunction(*function_, &out)) {
    return Error{"internal error: the generated code of scenario " + scenario_.name +
                 " is invalid: " + out.str()};
  }
  return Status::Ok();
}

// The offsets of the marked rows of a chunk, in order, into `list`; returns how many (i64). The
// marks are read 64 at a time as a bit mask (one vector compare), and only the set bits are
// visited: the cost follows the marked rows, not the chunk (a byte-by-byte loop over the marks
// cost as much as the branching pass over them). The marks buffer holds kFastChunkRows bytes, so
// a group's 64-byte read stays inside it; bits past `rows` (stale marks of an earlier chunk) are
// cleared.
static_assert(kFastChunkRows % 64 == 0);
llvm::Value* Codegen::emit_marked_list(llvm::Value* rows, llvm::Value* marks, llvm::Value* list) {
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* group = block("list_group");
  llvm::BasicBlock* bit = block("list_marked");
  llvm::BasicBlock* group_done = block("list_group_done");
  llvm::BasicBlock* done = block("listed");
  b_.CreateCondBr(b_.CreateICmpEQ(rows, c64(0)), done, group);

  b_.SetInsertPoint(group);
  llvm::PHINode* first = b_.CreatePHI(i64(), 2, "group_first");
  llvm::PHINode* listed = b_.CreatePHI(i64(), 2, "listed");
  first->addIncoming(c64(0), before);
  listed->addIncoming(c64(0), before);
  auto* bytes = llvm::FixedVectorType::get(i8(), 64);
  llvm::Value* loaded =
      b_.CreateAlignedLoad(bytes, b_.CreateInBoundsGEP(i8(), marks, first), llvm::Align(1));
  llvm::Value* word =
      b_.CreateBitCast(b_.CreateICmpNE(loaded, llvm::Constant::getNullValue(bytes)), i64());
  // Rows left in this group: 64, or fewer in the chunk's last one (a shift by 64 is poison).
  llvm::Value* left = b_.CreateSub(rows, first);
  llvm::Value* keep =
      b_.CreateSelect(b_.CreateICmpUGE(left, c64(64)), c64(-1),
                      b_.CreateSub(b_.CreateShl(c64(1), b_.CreateAnd(left, c64(63))), c64(1)));
  word = b_.CreateAnd(word, keep);
  llvm::BasicBlock* group_end = b_.GetInsertBlock();
  b_.CreateCondBr(b_.CreateICmpEQ(word, c64(0)), group_done, bit);

  b_.SetInsertPoint(bit);
  llvm::PHINode* remaining = b_.CreatePHI(i64(), 2, "marked_bits");
  llvm::PHINode* count = b_.CreatePHI(i64(), 2, "listed_in_group");
  remaining->addIncoming(word, group_end);
  count->addIncoming(listed, group_end);
  llvm::Value* offset =
      b_.CreateAdd(first, b_.CreateBinaryIntrinsic(llvm::Intrinsic::cttz, remaining, b_.getTrue()));
  b_.CreateStore(b_.CreateTrunc(offset, i32()), b_.CreateInBoundsGEP(i32(), list, count));
  llvm::Value* next_count = b_.CreateAdd(count, c64(1));
  llvm::Value* rest = b_.CreateAnd(remaining, b_.CreateSub(remaining, c64(1)));
  remaining->addIncoming(rest, bit);
  count->addIncoming(next_count, bit);
  b_.CreateCondBr(b_.CreateICmpEQ(rest, c64(0)), group_done, bit);

  b_.SetInsertPoint(group_done);
  llvm::PHINode* group_listed = b_.CreatePHI(i64(), 2, "group_listed");
  group_listed->addIncoming(listed, group_end);
  group_listed->addIncoming(next_count, bit);
  llvm::Value* next_first = b_.CreateAdd(first, c64(64));
  first->addIncoming(next_first, group_done);
  listed->addIncoming(group_listed, group_done);
  b_.CreateCondBr(b_.CreateICmpULT(next_first, rows), group, done);

  b_.SetInsertPoint(done);
  llvm::PHINode* total = b_.CreatePHI(i64(), 2, "marked");
  total->addIncoming(c64(0), before);
  total->addIncoming(group_listed, group_done);
  return total;
}

void Codegen::emit_marked_prefetch(llvm::Value* begin, llvm::Value* listed, llvm::Value* list) {
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* loop = block("prefetch_marked");
  llvm::BasicBlock* done = block("prefetched");
  b_.CreateCondBr(b_.CreateICmpEQ(listed, c64(0)), done, loop);
  b_.SetInsertPoint(loop);
  llvm::PHINode* nth = b_.CreatePHI(i64(), 2, "prefetch_nth");
  nth->addIncoming(c64(0), before);
  llvm::Value* position = b_.CreateAdd(begin, b_.CreateZExt(load_element(i32(), list, nth), i64()));
  llvm::Value* invoice = b_.CreateZExt(load_element(i32(), rows_column_, position), i64());
  prefetch_customer_ = b_.CreateZExt(
      load_element(i32(), portfolio_pointer(offsetof(PortfolioColumns, invoice_customer)), invoice),
      i64());
  prefetch_fallback_ = list;
  llvm::Value* next = b_.CreateAdd(nth, c64(1), "", true, true);
  nth->addIncoming(next, loop);
  prefetch_point_ = b_.CreateCondBr(b_.CreateICmpULT(next, listed), loop, done);
  b_.SetInsertPoint(done);
}

// A prefetch never faults, but a null column's address would cost a page walk: such a column
// prefetches the (cached) list instead.
void Codegen::emit_customer_prefetches() {
  llvm::IRBuilder<> at(prefetch_point_);
  llvm::Function* prefetch =
      llvm::Intrinsic::getDeclaration(&module_, llvm::Intrinsic::prefetch, {ptr()});
  for (const auto& [type, column] : customer_reads_) {
    llvm::Value* address = at.CreateSelect(at.CreateIsNull(column), prefetch_fallback_,
                                           at.CreateInBoundsGEP(type, column, prefetch_customer_));
    // Read, high locality, data.
    at.CreateCall(prefetch, {address, at.getInt32(0), at.getInt32(3), at.getInt32(1)});
  }
}

void Codegen::emit_row() {
  llvm::Value* invoice_customer = portfolio_pointer(offsetof(PortfolioColumns, invoice_customer));

  invoice_ = b_.CreateZExt(load_element(i32(), rows_column_, position_), i64(), "invoice");
  customer_ = b_.CreateZExt(load_element(i32(), invoice_customer, invoice_), i64(), "customer");
  llvm::Value* status = load_element_or(i8(), status_column_, position_, c8(0));
  llvm::Value* stored_flags = load_element_or(i8(), flags_column_, position_, c8(0));
  llvm::Value* last_step =
      b_.CreateSExt(load_element_or(i8(), last_column_, position_, c8(0xFF)), i32(), "last_step");
  const std::size_t step_count = scenario_.steps.size();
  if (step_count != 0) {  // null step dates: no step has a date
    llvm::BasicBlock* before = b_.GetInsertBlock();
    llvm::BasicBlock* present = block("step_dates");
    llvm::BasicBlock* merged = block("step_dates_read");
    b_.CreateCondBr(b_.CreateIsNull(dates_column_), merged, present);
    b_.SetInsertPoint(present);
    std::vector<llvm::Value*> loaded;
    for (llvm::Value* column : step_date_columns_) {
      loaded.push_back(load_element(i32(), column, position_));
    }
    b_.CreateBr(merged);
    b_.SetInsertPoint(merged);
    std::vector<llvm::PHINode*> dates;  // the phis first: they head the block
    for (std::size_t k = 0; k < step_count; ++k) {
      dates.push_back(b_.CreatePHI(i32(), 2, "stored_step_date"));
      dates.back()->addIncoming(c32(kNoDate), before);
      dates.back()->addIncoming(loaded[k], present);
    }
    for (std::size_t k = 0; k < step_count; ++k) b_.CreateStore(dates[k], step_dates_[k]);
  }
  for (const LetSlot& slot : lets_) b_.CreateStore(b_.getFalse(), slot.computed);
  for (llvm::AllocaInst* field : {flags_, outcome_, step_, first_skipped_, skipped_count_}) {
    b_.CreateStore(c8(0), field);
  }
  b_.CreateStore(c64(0), skip_reasons_);

  auto status_is = [&](SequenceStatus wanted) {
    return b_.CreateICmpEQ(status, c8(static_cast<std::uint8_t>(wanted)));
  };
  auto flag_if = [&](llvm::Value* condition, std::uint8_t flag) {
    return b_.CreateSelect(condition, c8(flag), c8(0));
  };
  auto add_flags = [&](llvm::Value* bits) {
    b_.CreateStore(b_.CreateOr(b_.CreateLoad(i8(), flags_), bits), flags_);
  };
  auto stored = [&](std::uint8_t bits) {
    return b_.CreateICmpNE(b_.CreateAnd(stored_flags, c8(bits)), c8(0));
  };

  // stop is final
  llvm::BasicBlock* live = block("live");
  b_.CreateCondBr(status_is(SequenceStatus::stopped), row_done_, live);
  b_.SetInsertPoint(live);

  llvm::Value* applies = clause(scenario_.applies, true, site(ClauseKind::applies));
  llvm::BasicBlock* applying = block("applies");
  llvm::BasicBlock* not_applying = block("not_applying");
  b_.CreateCondBr(applies, applying, not_applying);
  b_.SetInsertPoint(not_applying);
  add_flags(flag_if(status_is(SequenceStatus::active), kClosed));
  b_.CreateBr(row_done_);

  b_.SetInsertPoint(applying);
  add_flags(b_.CreateOr(flag_if(status_is(SequenceStatus::closed), kReopened),
                        flag_if(status_is(SequenceStatus::none), kStarted)));
  llvm::Value* stop = clause(scenario_.stop, false, site(ClauseKind::stop));
  llvm::BasicBlock* stopping = block("stop");
  llvm::BasicBlock* going = block("going");
  b_.CreateCondBr(stop, stopping, going);
  b_.SetInsertPoint(stopping);
  add_flags(c8(kStopped));
  b_.CreateBr(row_done_);

  // A collector's pause (`dun pause`) holds exactly as the scenario's `pause` would; the clause
  // is then not evaluated (like the right side of an `or`).
  b_.SetInsertPoint(going);
  llvm::BasicBlock* paused = block("paused");
  llvm::BasicBlock* scenario_pause = block("scenario_pause");
  llvm::BasicBlock* running = block("running");
  b_.CreateCondBr(stored(kSequenceManualPause), paused, scenario_pause);
  b_.SetInsertPoint(scenario_pause);
  llvm::Value* pause = clause(scenario_.pause, false, site(ClauseKind::pause));
  b_.CreateCondBr(pause, paused, running);
  b_.SetInsertPoint(paused);  // no skips while paused
  add_flags(flag_if(b_.CreateNot(stored(kSequencePaused)), kPaused));
  b_.CreateBr(row_done_);

  b_.SetInsertPoint(running);
  add_flags(flag_if(stored(kSequencePaused), kResumed));
  // The agenda moves an awaiting sequence on; a step that acted today leaves the day to it.
  llvm::BasicBlock* walk = block("walk");
  b_.CreateCondBr(stored(kSequenceAwaiting | kSequenceActedToday), row_done_, walk);
  b_.SetInsertPoint(walk);
  if (step_count == 0) {
    b_.CreateBr(row_done_);
    return;
  }
  // k := max(L, -1) + 1, then the steps from k on, unrolled.
  std::vector<llvm::BasicBlock*> steps;
  for (std::size_t k = 0; k < step_count; ++k) steps.push_back(block("step"));
  llvm::Value* first = b_.CreateAdd(
      b_.CreateSelect(b_.CreateICmpSLT(last_step, c32(-1)), c32(-1), last_step), c32(1));
  llvm::SwitchInst* dispatch = b_.CreateSwitch(first, row_done_, static_cast<unsigned>(step_count));
  for (std::size_t k = 0; k < step_count; ++k) dispatch->addCase(c32(std::int64_t(k)), steps[k]);
  if (const auto& repeat = scenario_.steps.back().repeat) {
    // Past the last step: its next repetition, unless the repeats are over.
    llvm::BasicBlock* repeating = block("repeating");
    llvm::BasicBlock* repetition = block("repetition");
    dispatch->addCase(c32(std::int64_t(step_count)), repeating);
    b_.SetInsertPoint(repeating);
    b_.CreateCondBr(stored(kSequenceRepeatsEnded), row_done_, repetition);
    b_.SetInsertPoint(repetition);
    emit_repetition(*repeat);
  }
  for (std::size_t k = 0; k < step_count; ++k) {
    b_.SetInsertPoint(steps[k]);
    emit_step(k, k + 1 < step_count ? steps[k + 1] : row_done_);
  }
}

void Codegen::emit_repetition(const ir::Repeat& repeat) {
  const std::size_t k = scenario_.steps.size() - 1;
  llvm::Value* last_date = b_.CreateLoad(i32(), step_dates_[k]);
  llvm::BasicBlock* has_date = block("has_date");
  b_.CreateCondBr(b_.CreateICmpEQ(last_date, c32(kNoDate)), row_done_, has_date);  // no event
  b_.SetInsertPoint(has_date);
  site_ = site(ClauseKind::at, k);
  llvm::Value* at =
      status_call("dun_add_duration",
                  {last_date, c64(repeat.every_days), c32(kUnitDays), c32(calendar_id_)}, i32());
  if (scenario_.send_on_business_days) {
    at = status_call("dun_next_business_day", {c32(calendar_id_), at}, i32());
  }
  llvm::BasicBlock* due = block("due");
  b_.CreateCondBr(b_.CreateICmpSLT(today_, at), row_done_, due);
  b_.SetInsertPoint(due);
  emit_due_step(k, at, row_done_);  // a skipped repetition ends the repeats
}

void Codegen::emit_step(std::size_t k, llvm::BasicBlock* next_step) {
  const ir::Step& step = scenario_.steps[k];
  site_ = site(ClauseKind::at, k);
  llvm::Value* at = expr(*step.at).value;
  if (scenario_.send_on_business_days) {
    at = status_call("dun_next_business_day", {c32(calendar_id_), at}, i32());
  }
  llvm::BasicBlock* due = block("due");
  b_.CreateCondBr(b_.CreateICmpSLT(today_, at), row_done_, due);  // step k is next, on `at`
  b_.SetInsertPoint(due);
  emit_due_step(k, at, next_step);
}

void Codegen::emit_due_step(std::size_t k, llvm::Value* at, llvm::BasicBlock* next_step) {
  const ir::Step& step = scenario_.steps[k];
  if (step.until != nullptr) {
    site_ = site(ClauseKind::until, k);
    llvm::Value* until = expr(*step.until).value;
    llvm::BasicBlock* in_time = block("in_time");
    llvm::BasicBlock* expired = block("expired");
    b_.CreateCondBr(b_.CreateICmpSGT(today_, until), expired, in_time);  // the plain date
    b_.SetInsertPoint(expired);
    emit_skip(k, SkipReason::expired, next_step);
    b_.SetInsertPoint(in_time);
  }
  // Exactly `catch up` days late still fires.
  llvm::Value* lateness = b_.CreateSub(b_.CreateSExt(today_, i64()), b_.CreateSExt(at, i64()));
  llvm::BasicBlock* on_time = block("on_time");
  llvm::BasicBlock* late = block("late");
  b_.CreateCondBr(b_.CreateICmpSGT(lateness, c64(scenario_.catch_up_days)), late, on_time);
  b_.SetInsertPoint(late);
  emit_skip(k, SkipReason::late, next_step);
  b_.SetInsertPoint(on_time);

  if (step.when != nullptr) {
    llvm::Value* when = clause(step.when, true, site(ClauseKind::when, k));
    llvm::BasicBlock* wanted = block("wanted");
    llvm::BasicBlock* unwanted = block("unwanted");
    b_.CreateCondBr(when, wanted, unwanted);
    b_.SetInsertPoint(unwanted);
    emit_skip(k, SkipReason::condition, next_step);
    b_.SetInsertPoint(wanted);
  }
  llvm::Value* ready = clause(step.wait_until, true, site(ClauseKind::wait_until, k));
  b_.CreateStore(b_.CreateSelect(ready, c8(static_cast<std::uint8_t>(Outcome::fire)),
                                 c8(static_cast<std::uint8_t>(Outcome::hold))),
                 outcome_);
  b_.CreateStore(c8(k), step_);
  b_.CreateBr(row_done_);
}

// A skipped step's event date is today: later steps' `at previous + …` see it.
void Codegen::emit_skip(std::size_t k, SkipReason reason, llvm::BasicBlock* next_step) {
  llvm::Value* count = b_.CreateLoad(i8(), skipped_count_);
  llvm::Value* first = b_.CreateLoad(i8(), first_skipped_);
  b_.CreateStore(b_.CreateSelect(b_.CreateICmpEQ(count, c8(0)), c8(k), first), first_skipped_);
  llvm::Value* shift = b_.CreateShl(b_.CreateZExt(count, i64()), c64(1));
  llvm::Value* bits = b_.CreateShl(c64(static_cast<std::int64_t>(reason)), shift);
  b_.CreateStore(b_.CreateOr(b_.CreateLoad(i64(), skip_reasons_), bits), skip_reasons_);
  b_.CreateStore(b_.CreateAdd(count, c8(1)), skipped_count_);
  b_.CreateStore(today_, step_dates_[k]);
  b_.CreateBr(next_step);
}

llvm::Value* Codegen::clause(const ir::ExprPtr& e, bool absent, std::uint16_t clause_site) {
  if (e == nullptr) return absent ? b_.getTrue() : b_.getFalse();
  site_ = clause_site;
  return expr(*e).value;
}

// The Decision as two 8-byte stores: its first eight bytes packed little-endian (error and
// error_site are zero), then skip_reasons.
static_assert(offsetof(Decision, flags) == 0 && offsetof(Decision, outcome) == 1 &&
              offsetof(Decision, step) == 2 && offsetof(Decision, first_skipped) == 3 &&
              offsetof(Decision, skipped_count) == 4 && offsetof(Decision, error) == 5 &&
              offsetof(Decision, error_site) == 6 && offsetof(Decision, skip_reasons) == 8 &&
              sizeof(Decision) == 16 && alignof(Decision) == 8 &&
              std::endian::native == std::endian::little);
void Codegen::store_decision() {
  llvm::Value* out =
      b_.CreateInBoundsGEP(i8(), decisions_, b_.CreateMul(position_, c64(sizeof(Decision))));
  llvm::Value* head = c64(0);
  unsigned shift = 0;
  for (llvm::AllocaInst* byte : {flags_, outcome_, step_, first_skipped_, skipped_count_}) {
    llvm::Value* wide = b_.CreateZExt(b_.CreateLoad(i8(), byte), i64());
    head = b_.CreateOr(head, b_.CreateShl(wide, c64(shift)));
    shift += 8;
  }
  b_.CreateAlignedStore(head, out, llvm::Align(8));
  b_.CreateAlignedStore(b_.CreateLoad(i64(), skip_reasons_),
                        b_.CreateConstInBoundsGEP1_64(i8(), out, 8), llvm::Align(8));
}

// The day's flags and skips are dropped: only the error is left (run-semantics.md).
void Codegen::store_error_decision() {
  llvm::Value* out =
      b_.CreateInBoundsGEP(i8(), decisions_, b_.CreateMul(position_, c64(sizeof(Decision))));
  auto put = [&](llvm::Value* value, std::size_t offset) {
    b_.CreateStore(value, b_.CreateConstInBoundsGEP1_64(i8(), out, offset));
  };
  for (std::size_t offset :
       {offsetof(Decision, flags), offsetof(Decision, step), offsetof(Decision, first_skipped),
        offsetof(Decision, skipped_count)}) {
    put(c8(0), offset);
  }
  put(c8(static_cast<std::uint8_t>(Outcome::error)), offsetof(Decision, outcome));
  put(b_.CreateLoad(i8(), error_), offsetof(Decision, error));
  put(b_.CreateLoad(i16(), error_site_), offsetof(Decision, error_site));
  put(c64(0), offsetof(Decision, skip_reasons));
}

// ---- shared helpers ----

llvm::Type* Codegen::type_of(Type type, bool aux) const {
  switch (type) {
    case Type::boolean:
    case Type::contact:
      return aux ? nullptr : i1();
    case Type::integer:
    case Type::decimal:
      return aux ? nullptr : i64();
    case Type::money:
      return aux ? i16() : i64();
    case Type::date:
      return aux ? nullptr : i32();
    case Type::duration:
      return aux ? i32() : i64();
    case Type::string:
    case Type::string_list:
      return aux ? i64() : static_cast<llvm::Type*>(ptr());
    case Type::error:
      break;
  }
  return aux ? nullptr : i1();
}

llvm::AllocaInst* Codegen::entry_alloca(llvm::Type* type, const char* name, unsigned count) {
  llvm::IRBuilder<> at_entry(entry_, entry_->begin());
  return at_entry.CreateAlloca(type, count == 1 ? nullptr : c32(count), name);
}

llvm::BasicBlock* Codegen::block(const char* name) {
  return llvm::BasicBlock::Create(context_, name, function_);
}

llvm::Value* Codegen::portfolio_pointer(std::size_t offset) {
  auto found = portfolio_pointers_.find(offset);
  if (found != portfolio_pointers_.end()) return found->second;
  llvm::IRBuilder<> hoist(preheader_->getTerminator());
  llvm::Value* loaded =
      hoist.CreateLoad(ptr(), hoist.CreateConstInBoundsGEP1_64(i8(), portfolio_, offset));
  portfolio_pointers_.emplace(offset, loaded);
  return loaded;
}

llvm::Value* Codegen::load_element(llvm::Type* type, llvm::Value* column, llvm::Value* index) {
  // Only a column loaded before the loop can be prefetched from the prefetch loop.
  const auto* defined = llvm::dyn_cast<llvm::Instruction>(column);
  if (recording_customer_reads_ && index == customer_ &&
      (defined == nullptr || defined->getParent() == preheader_) &&
      std::find(customer_reads_.begin(), customer_reads_.end(), std::pair{type, column}) ==
          customer_reads_.end()) {
    customer_reads_.emplace_back(type, column);
  }
  return b_.CreateLoad(type, b_.CreateInBoundsGEP(type, column, index));
}

llvm::Value* Codegen::load_element_or(llvm::Type* type, llvm::Value* column, llvm::Value* index,
                                      llvm::Value* or_value) {
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* present = block("column");
  llvm::BasicBlock* merged = block("column_read");
  b_.CreateCondBr(b_.CreateIsNull(column), merged, present);
  b_.SetInsertPoint(present);
  llvm::Value* loaded = load_element(type, column, index);
  b_.CreateBr(merged);
  b_.SetInsertPoint(merged);
  llvm::PHINode* value = b_.CreatePHI(type, 2);
  value->addIncoming(or_value, before);
  value->addIncoming(loaded, present);
  return value;
}

void Codegen::fail_if(llvm::Value* failed, EvalError error) {
  llvm::BasicBlock* failure = block("fail");
  llvm::BasicBlock* ok = block("ok");
  llvm::MDBuilder weights(context_);
  b_.CreateCondBr(failed, failure, ok, weights.createUnlikelyBranchWeights());
  b_.SetInsertPoint(failure);
  fail_unconditionally(error);
  b_.SetInsertPoint(ok);
}

void Codegen::fail_unconditionally(EvalError error) {
  b_.CreateStore(c8(static_cast<std::uint8_t>(error)), error_);
  b_.CreateStore(b_.getInt16(site_), error_site_);
  b_.CreateBr(row_error_);
}

void Codegen::fail_on_status(llvm::Value* status) {
  llvm::BasicBlock* failure = block("fail");
  llvm::BasicBlock* ok = block("ok");
  llvm::MDBuilder weights(context_);
  b_.CreateCondBr(b_.CreateICmpNE(status, c32(kStatusOk)), failure, ok,
                  weights.createUnlikelyBranchWeights());
  b_.SetInsertPoint(failure);
  // interp::error_of_status: every other status is reported as an overflow.
  auto as = [&](std::int32_t code, EvalError error, llvm::Value* otherwise) {
    return b_.CreateSelect(b_.CreateICmpEQ(status, c32(code)), c8(static_cast<std::uint8_t>(error)),
                           otherwise);
  };
  llvm::Value* error = c8(static_cast<std::uint8_t>(EvalError::overflow));
  error = as(kStatusMissingRate, EvalError::missing_rate, error);
  error = as(kStatusDivisionByZero, EvalError::division_by_zero, error);
  error = as(kStatusDateOutOfRange, EvalError::out_of_range, error);
  error = as(kStatusNoReferenceRate, EvalError::no_interest_rule, error);
  b_.CreateStore(error, error_);
  b_.CreateStore(b_.getInt16(site_), error_site_);
  b_.CreateBr(row_error_);
  b_.SetInsertPoint(ok);
}

llvm::FunctionCallee Codegen::host(const char* name, llvm::Type* result,
                                   llvm::ArrayRef<llvm::Type*> params) {
  llvm::FunctionCallee callee =
      module_.getOrInsertFunction(name, llvm::FunctionType::get(result, params, false));
  if (auto* function = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
    function->addFnAttr(llvm::Attribute::NoUnwind);
    // The C ABI passes uint16_t currencies zero-extended; say so, as clang would.
    for (unsigned k = 0; k < params.size(); ++k) {
      if (params[k]->isIntegerTy(16)) function->addParamAttr(k, llvm::Attribute::ZExt);
    }
  }
  return callee;
}

CgValue Codegen::string_constant(const std::string& text) {
  llvm::Constant*& global = strings_[text];
  if (global == nullptr) global = b_.CreateGlobalString(text, "text", 0, &module_, false);
  return {global, c64(static_cast<std::int64_t>(text.size()))};
}

}  // namespace dun::dsl::jit
