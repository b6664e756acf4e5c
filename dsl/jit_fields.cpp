// FieldRead: the catalogue of dsl/fields.hpp read from the columnar portfolio (interp_fields.cpp
// is the reference). Absent values (no promise date, no credit limit, no collector, money
// aggregates without a rate) are evaluation errors, never zeros.
#include <algorithm>
#include <cstddef>

#include "dsl/jit_codegen.hpp"
#include "dsl/letter_status.hpp"
#include "stdlib/currency.hpp"

namespace dun::dsl::jit {

std::string currency_word(std::uint16_t index) {
  std::string word(Currency::from_index(index).code().substr(0, 3));
  word.resize(3, ' ');
  return word;
}

CgValue Codegen::present_date(llvm::Value* day) {
  fail_if(b_.CreateICmpEQ(day, c32(kNoDate)), EvalError::absent_value);
  return {day};
}

// overdue_total / open_total: unknown when a conversion to the customer's currency lacked a rate
// or a total overflowed (batch.hpp, aggregates_missing_rate).
CgValue Codegen::aggregate_money(std::size_t column_offset) {
  llvm::Value* missing_rate =
      portfolio_pointer(offsetof(PortfolioColumns, aggregates_missing_rate));
  llvm::Value* missing = load_element_or(i8(), missing_rate, customer_, c8(0));
  fail_if(b_.CreateICmpEQ(missing, c8(kAggregatesOverflow)), EvalError::overflow);
  fail_if(b_.CreateICmpNE(missing, c8(0)), EvalError::missing_rate);
  return {load_element(i64(), portfolio_pointer(column_offset), customer_),
          load_element(i16(), portfolio_pointer(offsetof(PortfolioColumns, customer_currency)),
                       customer_)};
}

// A StringColumn at `column_offset`: string k = bytes[offsets[k] .. offsets[k + 1]), where k is
// the row, or ids[row] for an interned column.
CgValue Codegen::string_at(std::size_t column_offset, llvm::Value* row) {
  llvm::Value* bytes = portfolio_pointer(column_offset + offsetof(StringColumn, bytes));
  llvm::Value* offsets = portfolio_pointer(column_offset + offsetof(StringColumn, offsets));
  llvm::Value* ids = portfolio_pointer(column_offset + offsetof(StringColumn, ids));
  llvm::Value* interned = load_element_or(i32(), ids, row, b_.CreateTrunc(row, i32()));
  llvm::Value* k = b_.CreateZExt(interned, i64());
  llvm::Value* begin = load_element(i32(), offsets, k);
  llvm::Value* end = load_element(i32(), offsets, b_.CreateAdd(k, c64(1)));
  return {b_.CreateInBoundsGEP(i8(), bytes, b_.CreateZExt(begin, i64())),
          b_.CreateZExt(b_.CreateSub(end, begin), i64())};
}

// The customer's collector row, failing (absent) when the customer has none.
llvm::Value* Codegen::collector_row() {
  llvm::Value* column = portfolio_pointer(offsetof(PortfolioColumns, customer_collector));
  llvm::Value* row = load_element_or(i32(), column, customer_, c32(kNoIndex));
  fail_if(b_.CreateICmpEQ(row, c32(kNoIndex)), EvalError::absent_value);
  return b_.CreateZExt(row, i64());
}

// The word of a letter status byte (dsl/letter_status.hpp): a chain of selects over the table,
// "" for 0 and for a byte beyond it, as the interpreter's letter_status_word.
CgValue Codegen::letter_status(llvm::Value* code) {
  const std::span<const std::string_view> words = letter_statuses();
  CgValue word = string_constant("");
  for (std::size_t k = 1; k < words.size(); ++k) {
    const CgValue candidate = string_constant(std::string(words[k]));
    llvm::Value* is = b_.CreateICmpEQ(code, c8(static_cast<std::uint8_t>(k)));
    word = {b_.CreateSelect(is, candidate.value, word.value),
            b_.CreateSelect(is, candidate.aux, word.aux)};
  }
  return word;
}

CgValue Codegen::field(FieldId field) {
  using P = PortfolioColumns;
  auto invoice_column = [&](std::size_t offset, llvm::Type* type) {
    return load_element(type, portfolio_pointer(offset), invoice_);
  };
  auto customer_column = [&](std::size_t offset, llvm::Type* type) {
    return load_element(type, portfolio_pointer(offset), customer_);
  };
  auto invoice_currency = [&] { return invoice_column(offsetof(P, invoice_currency), i16()); };
  switch (field) {
    case FieldId::invoice_id:
      return string_at(offsetof(P, invoice_id), invoice_);
    case FieldId::invoice_number:
      return string_at(offsetof(P, invoice_number), invoice_);
    case FieldId::invoice_kind: {
      const CgValue invoice = string_constant("invoice");
      const CgValue credit_note = string_constant("credit_note");
      llvm::Value* is_invoice =
          b_.CreateICmpEQ(invoice_column(offsetof(P, invoice_kind), i8()), c8(0));
      return {b_.CreateSelect(is_invoice, invoice.value, credit_note.value),
              b_.CreateSelect(is_invoice, invoice.aux, credit_note.aux)};
    }
    case FieldId::invoice_issue_date:
      return present_date(invoice_column(offsetof(P, issue_date), i32()));
    case FieldId::invoice_due_date:
      return present_date(invoice_column(offsetof(P, due_date), i32()));
    case FieldId::invoice_amount:
      return {invoice_column(offsetof(P, amount), i64()), invoice_currency()};
    case FieldId::invoice_balance:
      return {invoice_column(offsetof(P, balance), i64()), invoice_currency()};
    case FieldId::invoice_currency: {
      // ISO codes are three letters: a table of them, indexed by currency, is compiled in.
      if (currency_codes_ == nullptr) {
        std::string codes;
        for (std::uint16_t k = 0; k < currency_count(); ++k) codes += currency_word(k);
        currency_codes_ = string_constant(codes).value;
      }
      llvm::Value* index = b_.CreateZExt(invoice_currency(), i64());
      return {b_.CreateInBoundsGEP(i8(), currency_codes_, b_.CreateMul(index, c64(3))), c64(3)};
    }
    case FieldId::invoice_disputed:
      return {b_.CreateICmpNE(invoice_column(offsetof(P, disputed), i8()), c8(0))};
    case FieldId::invoice_promised:
      return {b_.CreateICmpNE(invoice_column(offsetof(P, promise_date), i32()), c32(kNoDate))};
    case FieldId::invoice_promise_date:
      return present_date(invoice_column(offsetof(P, promise_date), i32()));
    case FieldId::invoice_days_overdue: {
      llvm::Value* due = present_date(invoice_column(offsetof(P, due_date), i32())).value;
      return {b_.CreateSub(b_.CreateSExt(today_, i64()), b_.CreateSExt(due, i64()))};
    }
    case FieldId::customer_id:
      return string_at(offsetof(P, customer_id), customer_);
    case FieldId::customer_name:
      return string_at(offsetof(P, customer_name), customer_);
    case FieldId::customer_segment:
      return string_at(offsetof(P, customer_segment), customer_);
    case FieldId::customer_country:
      return string_at(offsetof(P, customer_country), customer_);
    case FieldId::customer_language:
      return string_at(offsetof(P, customer_language), customer_);
    case FieldId::customer_scenario:
      return string_at(offsetof(P, customer_scenario), customer_);
    case FieldId::customer_email:
      return string_at(offsetof(P, customer_email), customer_);
    case FieldId::customer_overdue_total:
      return aggregate_money(offsetof(P, overdue_total));
    case FieldId::customer_open_total:
      return aggregate_money(offsetof(P, open_total));
    case FieldId::customer_open_count:
      return {b_.CreateZExt(customer_column(offsetof(P, open_count), i32()), i64())};
    case FieldId::customer_overdue_count:
      return {b_.CreateZExt(customer_column(offsetof(P, overdue_count), i32()), i64())};
    case FieldId::customer_oldest_due_date:
      return present_date(customer_column(offsetof(P, oldest_due_date), i32()));
    case FieldId::customer_credit_limit: {
      llvm::Value* limits = portfolio_pointer(offsetof(P, credit_limit));
      llvm::Value* has =
          load_element_or(i8(), portfolio_pointer(offsetof(P, has_credit_limit)), customer_, c8(0));
      fail_if(b_.CreateOr(b_.CreateIsNull(limits), b_.CreateICmpEQ(has, c8(0))),
              EvalError::absent_value);
      return {load_element(i64(), limits, customer_),
              customer_column(offsetof(P, customer_currency), i16())};
    }
    case FieldId::collector:
      collector_row();
      return {b_.getTrue()};
    case FieldId::collector_name:
      return string_at(offsetof(P, collector_name), collector_row());
    case FieldId::collector_email:
      return string_at(offsetof(P, collector_email), collector_row());
    case FieldId::collector_phone:
      return string_at(offsetof(P, collector_phone), collector_row());
    case FieldId::company_name:
    case FieldId::company_address:
    case FieldId::company_email:
    case FieldId::company_phone:
    case FieldId::company_iban:
    case FieldId::company_bic:
    case FieldId::company_late_interest_rate:
      break;
    case FieldId::invoice_last_letter_status:
      return letter_status(load_element_or(i8(), portfolio_pointer(offsetof(P, last_letter_status)),
                                           invoice_, c8(0)));
    case FieldId::customer_email_bounced: {
      llvm::Value* bounced =
          load_element_or(i8(), portfolio_pointer(offsetof(P, email_bounced)), customer_, c8(0));
      return {b_.CreateICmpNE(bounced, c8(0))};
    }
  }
  // Configuration for templates only (the checker refuses them in expressions).
  fail_unconditionally(EvalError::absent_value);
  b_.SetInsertPoint(block("unreachable_field"));
  const Type type = field_info(field).type;
  llvm::Type* aux = type_of(type, true);
  return {llvm::PoisonValue::get(type_of(type, false)),
          aux != nullptr ? llvm::PoisonValue::get(aux) : nullptr};
}

}  // namespace dun::dsl::jit
