// Unary, IntToDecimal, Arith and Call (interp_arith.cpp and interp_builtins.cpp are the
// reference). Int arithmetic, same-currency money sums and day/week date arithmetic are inline
// with LLVM's overflow intrinsics (the common path makes no call); everything that rounds,
// converts currencies or counts calendars calls the stdlib's functions, so both back ends share
// one implementation.
#include "dsl/jit_codegen.hpp"

namespace dun::dsl::jit {
llvm::Value* Codegen::checked(llvm::Intrinsic::ID op, llvm::Value* lhs, llvm::Value* rhs) {
  llvm::Value* pair = b_.CreateBinaryIntrinsic(op, lhs, rhs);
  fail_if(b_.CreateExtractValue(pair, 1), EvalError::overflow);
  return b_.CreateExtractValue(pair, 0);
}

llvm::Value* Codegen::status_call(const char* name, llvm::ArrayRef<llvm::Value*> args,
                                  llvm::Type* out_type) {
  std::vector<llvm::Type*> params;
  for (llvm::Value* arg : args) params.push_back(arg->getType());
  params.push_back(ptr());
  llvm::AllocaInst* out = entry_alloca(out_type, "out");
  std::vector<llvm::Value*> call_args(args.begin(), args.end());
  call_args.push_back(out);
  fail_on_status(b_.CreateCall(host(name, i32(), params), call_args));
  return b_.CreateLoad(out_type, out);
}

CgValue Codegen::unary(const ir::Unary& node) {
  const CgValue operand = expr(*node.operand);
  if (node.op == ir::UnaryOp::logical_not) return {b_.CreateNot(operand.value)};
  fail_if(b_.CreateICmpEQ(operand.value, c64(kInt64Min)), EvalError::overflow);
  return {b_.CreateNeg(operand.value), operand.aux};  // money keeps its currency
}

CgValue Codegen::int_to_decimal(const ir::IntToDecimal& node) {
  const CgValue operand = expr(*node.operand);
  return {checked(llvm::Intrinsic::smul_with_overflow, operand.value, c64(ir::kDecimalScale))};
}

CgValue Codegen::arith(const ir::Arith& node) {
  const CgValue l = expr(*node.lhs);
  const CgValue r = expr(*node.rhs);
  using enum ir::ArithOp;
  switch (node.op) {
    case add_int:
    case add_decimal:
      return {checked(llvm::Intrinsic::sadd_with_overflow, l.value, r.value)};
    case subtract_int:
    case subtract_decimal:
      return {checked(llvm::Intrinsic::ssub_with_overflow, l.value, r.value)};
    case multiply_int:
      return {checked(llvm::Intrinsic::smul_with_overflow, l.value, r.value)};
    case divide_int:  // truncates toward zero, as ir.hpp specifies
      fail_if(b_.CreateICmpEQ(r.value, c64(0)), EvalError::division_by_zero);
      fail_if(
          b_.CreateAnd(b_.CreateICmpEQ(l.value, c64(kInt64Min)), b_.CreateICmpEQ(r.value, c64(-1))),
          EvalError::overflow);
      return {b_.CreateSDiv(l.value, r.value)};
    case multiply_decimal:
      return {status_call("dun_decimal_multiply", {l.value, r.value}, i64())};
    case divide_decimal:
      return {status_call("dun_decimal_divide", {l.value, r.value}, i64())};
    case add_money:
    case subtract_money: {
      // Same currency: an inline checked sum; else dun_money_add/subtract convert the right
      // operand to the left's currency. The result keeps the left operand's currency.
      const bool add = node.op == add_money;
      llvm::BasicBlock* convert = block("money_convert");
      llvm::BasicBlock* same = block("money_same");
      llvm::BasicBlock* merged = block("money_sum");
      b_.CreateCondBr(b_.CreateICmpEQ(l.aux, r.aux), same, convert);
      b_.SetInsertPoint(same);
      llvm::Value* direct =
          checked(add ? llvm::Intrinsic::sadd_with_overflow : llvm::Intrinsic::ssub_with_overflow,
                  l.value, r.value);
      llvm::BasicBlock* same_end = b_.GetInsertBlock();
      b_.CreateBr(merged);
      b_.SetInsertPoint(convert);
      llvm::Value* converted = status_call(add ? "dun_money_add" : "dun_money_subtract",
                                           {l.value, l.aux, r.value, r.aux, rates_}, i64());
      llvm::BasicBlock* convert_end = b_.GetInsertBlock();
      b_.CreateBr(merged);
      b_.SetInsertPoint(merged);
      llvm::PHINode* sum = b_.CreatePHI(i64(), 2);
      sum->addIncoming(direct, same_end);
      sum->addIncoming(converted, convert_end);
      return {sum, l.aux};
    }
    case multiply_money_int:
      return {status_call("dun_money_times_int", {l.value, r.value}, i64()), l.aux};
    case multiply_money_decimal:
      return {status_call("dun_money_times_decimal", {l.value, r.value}, i64()), l.aux};
    case divide_money_int:
      return {status_call("dun_money_divide_int", {l.value, r.value}, i64()), l.aux};
    case divide_money_decimal:
      return {status_call("dun_money_divide_decimal", {l.value, r.value}, i64()), l.aux};
    case add_date_duration:
      return add_duration(l.value, r, false);
    case subtract_date_duration:
      return add_duration(l.value, r, true);
    case subtract_date_date:  // dun_days_between(r, l)
      return {b_.CreateSExt(b_.CreateSub(l.value, r.value), i64())};
  }
  fail_unconditionally(EvalError::overflow);
  b_.SetInsertPoint(block("unreachable_arith"));
  return {llvm::PoisonValue::get(i64())};
}

// date ± duration as dun_add_duration computes it. Days and weeks (a constant unit) are inline:
// the date and the count are bounded first, then the result must be a date of 0001..9999.
CgValue Codegen::add_duration(llvm::Value* date, CgValue duration, bool subtract) {
  llvm::Value* count = duration.value;
  if (subtract) {
    fail_if(b_.CreateICmpEQ(count, c64(kInt64Min)), EvalError::overflow);
    count = b_.CreateNeg(count);
  }
  auto* unit = llvm::dyn_cast<llvm::ConstantInt>(duration.aux);
  if (unit == nullptr || unit->getSExtValue() == kUnitBusinessDays) {
    return {status_call("dun_add_duration", {date, count, duration.aux, c32(calendar_id_)}, i32())};
  }
  auto outside = [&](llvm::Value* day) {
    return b_.CreateOr(b_.CreateICmpSLT(day, c64(kFirstDay)), b_.CreateICmpSGT(day, c64(kLastDay)));
  };
  llvm::Value* day = b_.CreateSExt(date, i64());
  llvm::Value* too_far = b_.CreateOr(b_.CreateICmpSGT(count, c64(kMaxDayCount)),
                                     b_.CreateICmpSLT(count, c64(-kMaxDayCount)));
  fail_if(b_.CreateOr(outside(day), too_far), EvalError::out_of_range);
  llvm::Value* days = unit->getSExtValue() == kUnitWeeks ? b_.CreateMul(count, c64(7)) : count;
  llvm::Value* result = b_.CreateAdd(day, days);
  fail_if(outside(result), EvalError::out_of_range);
  return {b_.CreateTrunc(result, i32())};
}

CgValue Codegen::call(const ir::Call& node) {
  // Builtins take at most two arguments; evaluated left to right, the first failure wins.
  CgValue args[2];
  for (std::size_t i = 0; i < node.args.size() && i < 2; ++i) args[i] = expr(*node.args[i]);
  const CgValue& a = args[0];
  const CgValue& b = args[1];
  switch (node.function) {
    case Builtin::min_int:
    case Builtin::min_decimal:
    case Builtin::min_date:
      return {b_.CreateBinaryIntrinsic(llvm::Intrinsic::smin, a.value, b.value)};
    case Builtin::max_int:
    case Builtin::max_decimal:
    case Builtin::max_date:
      return {b_.CreateBinaryIntrinsic(llvm::Intrinsic::smax, a.value, b.value)};
    case Builtin::min_money:
    case Builtin::max_money: {
      llvm::AllocaInst* minor = entry_alloca(i64(), "minor");
      llvm::AllocaInst* currency = entry_alloca(i16(), "currency");
      const char* name = node.function == Builtin::min_money ? "dun_money_min" : "dun_money_max";
      llvm::FunctionCallee pick =
          host(name, i32(), {i64(), i16(), i64(), i16(), ptr(), ptr(), ptr()});
      fail_on_status(
          b_.CreateCall(pick, {a.value, a.aux, b.value, b.aux, rates_, minor, currency}));
      return {b_.CreateLoad(i64(), minor), b_.CreateLoad(i16(), currency)};
    }
    case Builtin::abs_int:
      return {status_call("dun_int_abs", {a.value}, i64())};
    case Builtin::abs_decimal:
      return {status_call("dun_decimal_abs", {a.value}, i64())};
    case Builtin::abs_money:
      return {status_call("dun_money_abs", {a.value}, i64()), a.aux};
    case Builtin::round_decimal: {
      llvm::Value* rounded = status_call("dun_decimal_round", {a.value, c32(0)}, i64());
      return {b_.CreateSDiv(rounded, c64(ir::kDecimalScale))};
    }
    case Builtin::round_money:
      return {status_call("dun_money_round", {a.value, a.aux}, i64()), a.aux};
    case Builtin::days_between:
      return {b_.CreateSExt(b_.CreateSub(b.value, a.value), i64())};
    case Builtin::business_days_between:
      return {b_.CreateSExt(
          status_call("dun_business_days_between", {c32(calendar_id_), a.value, b.value}, i32()),
          i64())};
    case Builtin::weekday:
      return {b_.CreateSExt(b_.CreateCall(host("dun_weekday", i32(), {i32()}), {a.value}), i64())};
    case Builtin::month_end:
      return {b_.CreateCall(host("dun_month_end", i32(), {i32()}), {a.value})};
    case Builtin::late_interest: {
      fail_if(b_.CreateIsNull(late_interest_), EvalError::no_interest_rule);
      return {status_call("dun_late_interest", {a.value, a.aux, b.value, today_, late_interest_},
                          i64()),
              a.aux};
    }
    case Builtin::contains_string: {
      llvm::Value* found =
          b_.CreateCall(host("dun_jit_string_contains", i32(), {ptr(), i64(), ptr(), i64()}),
                        {a.value, a.aux, b.value, b.aux});
      return {b_.CreateICmpNE(found, c32(0))};
    }
    case Builtin::contains_list: {
      llvm::Value* found =
          b_.CreateCall(host("dun_jit_list_contains", i32(), {ptr(), i64(), ptr(), i64()}),
                        {a.value, a.aux, b.value, b.aux});
      return {b_.CreateICmpNE(found, c32(0))};
    }
    case Builtin::contact: {
      llvm::Value* found =
          b_.CreateCall(host("dun_jit_has_contact", i32(), {ptr(), i32(), ptr(), i64()}),
                        {portfolio_, b_.CreateTrunc(customer_, i32()), a.value, a.aux});
      fail_if(b_.CreateICmpEQ(found, c32(0)), EvalError::absent_value);
      return {b_.getTrue()};
    }
  }
  fail_unconditionally(EvalError::overflow);
  b_.SetInsertPoint(block("unreachable_call"));
  return {llvm::PoisonValue::get(i64())};
}

}  // namespace dun::dsl::jit
