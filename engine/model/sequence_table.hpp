// All per-invoice sequence state, loaded at the start of a run in one pass and laid out in
// columns (one vector per field) so that millions of invoices cost a few flat arrays, not a map of
// objects. Rows are sorted by invoice id in byte order (SQLite's BINARY collation), so the run can
// find an invoice by binary search or walk the table alongside a sorted portfolio.
//
// Scenario, step and reason names repeat across millions of rows: they are interned in `names`
// and the columns hold indexes into it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/store_records.hpp"
#include "stdlib/date.hpp"

namespace dun {

struct SequenceTable {
  static constexpr std::uint32_t kNoName = UINT32_MAX;

  // One entry per sequence.
  std::vector<std::string> invoice_ids;
  std::vector<std::string> customer_ids;
  std::vector<std::uint32_t> scenario;
  std::vector<SequenceState> state;
  std::vector<std::uint32_t> last_step;  // kNoName before the first step
  std::vector<Date> started_on;
  std::vector<Date> updated_on;

  // The step events of sequence i (of its current scenario) are rows
  // [event_begin[i], event_begin[i + 1]) of the event columns, ordered by step name.
  std::vector<std::uint32_t> event_begin;  // size() + 1 entries
  std::vector<std::uint32_t> event_step;
  std::vector<StepStatus> event_status;
  std::vector<std::uint32_t> event_reason;  // kNoName when there is no reason
  std::vector<Date> event_date;

  std::vector<std::string> names;

  std::size_t size() const { return invoice_ids.size(); }
  std::string_view name(std::uint32_t index) const;  // "" for kNoName
  std::optional<std::size_t> find(std::string_view invoice_id) const;
  // The event row of `step` (a name) in sequence `row`, if the step has an event.
  std::optional<std::size_t> find_event(std::size_t row, std::string_view step) const;
};

// Builds a SequenceTable row by row; the store's loader feeds it in invoice id order.
class SequenceTableBuilder {
 public:
  std::uint32_t intern(std::string_view name);
  void add_sequence(std::string invoice_id, std::string customer_id, std::string_view scenario,
                    SequenceState state, std::string_view last_step, Date started_on,
                    Date updated_on);
  // Adds an event to the sequence added last.
  void add_event(std::string_view step, StepStatus status, std::string_view reason, Date date);
  SequenceTable finish() &&;

 private:
  SequenceTable table_;
  std::vector<std::pair<std::string, std::uint32_t>> index_;  // small: names are few
};

}  // namespace dun
