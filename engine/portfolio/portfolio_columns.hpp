// Lends a loaded Portfolio and its customer aggregates to the evaluation back ends as the plain
// columns of dsl/batch.hpp. No invoice data is copied: the columns point into the Portfolio and
// the aggregates, which must outlive this object and stay unchanged while it is used. Only the
// interned symbols are packed once into one byte array, so generated code can read them like any
// other string column.
//
// REQUIRES: the Portfolio and the CustomerAggregates outlive the view and do not change while
// it is used; the aggregates are those computed from this Portfolio. Not copyable (its columns
// point into its own buffers). Read-only after construction: any number of threads may read
// columns() at once.
#pragma once

#include <cstdint>
#include <vector>

#include "dsl/batch.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio.hpp"

namespace dun {

class PortfolioColumnsView {
 public:
  PortfolioColumnsView(const Portfolio& portfolio, const CustomerAggregates& aggregates);
  PortfolioColumnsView(const PortfolioColumnsView&) = delete;
  PortfolioColumnsView& operator=(const PortfolioColumnsView&) = delete;

  const dsl::PortfolioColumns& columns() const { return columns_; }
  // Points the delivery-fact columns (dsl/batch.hpp) at `last_letter_status` (by invoice row) and
  // `email_bounced` (by customer row), or null. REQUIRES: they outlive the view's readers.
  void set_delivery_columns(const std::uint8_t* last_letter_status,
                            const std::uint8_t* email_bounced) {
    columns_.last_letter_status = last_letter_status;
    columns_.email_bounced = email_bounced;
  }

 private:
  std::vector<char> symbol_bytes_;
  std::vector<std::uint32_t> symbol_offsets_;
  std::vector<std::int32_t> promise_dates_;     // kNoDate where the invoice has none
  std::vector<std::int32_t> oldest_due_dates_;  // kNoDate where nothing is open
  std::vector<std::uint8_t> missing_rate_;      // 1 where the money aggregates are unusable
  std::vector<std::uint32_t> open_counts_;
  std::vector<std::uint32_t> overdue_counts_;
  std::vector<dsl::CustomFieldColumn> custom_fields_;
  dsl::PortfolioColumns columns_;
};

}  // namespace dun
