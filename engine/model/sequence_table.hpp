// All per-invoice sequence state, loaded at the start of a run in one pass and laid out in
// columns (one vector per field) so that millions of invoices cost a few flat arrays, not a map of
// objects. Rows are sorted by invoice id in byte order (SQLite's BINARY collation), so the run can
// find an invoice by binary search or walk the table alongside a sorted portfolio.
//
// Scenario, step and reason names repeat across millions of rows: they are interned in `names`
// and the columns hold indexes into it. The invoice and customer ids are packed into one byte
// array each (TextColumn: a few bytes per id and a 4-byte offset, where a std::string per id
// cost 32 bytes even when short; ~30 MB at 724k sequences).
//
// A SequenceTable owns all its columns and points into nothing. The string_views name() and the
// id columns return point into the table: valid while it lives and is not changed (a move keeps
// them valid). Immutable once built by
// convention; concurrent const use (find, find_event, name) is safe, nothing synchronises writers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/text_column.hpp"
#include "engine/model/store_records.hpp"
#include "stdlib/date.hpp"

namespace dun {

struct SequenceTable {
  static constexpr std::uint32_t kNoName = UINT32_MAX;

  // One entry per sequence.
  TextColumn invoice_ids;
  TextColumn customer_ids;
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
  std::vector<std::uint16_t> event_repetition;  // of a `repeat` step: 0 = its first firing

  std::vector<std::string> names;

  std::size_t size() const { return invoice_ids.size(); }
  // "" for kNoName. REQUIRES: index is kNoName or < names.size().
  std::string_view name(std::uint32_t index) const;
  // The row of `invoice_id`, by binary search. REQUIRES: invoice_ids sorted in byte order (as
  // SequenceTableBuilder requires them added).
  std::optional<std::size_t> find(std::string_view invoice_id) const;
  // The event row of `step` (a name) in sequence `row`, if the step has an event.
  // REQUIRES: row < size().
  std::optional<std::size_t> find_event(std::size_t row, std::string_view step) const;
};

// Builds a SequenceTable row by row; the store's loader feeds it in invoice id order. Copies
// every text it is given (the arguments need only live for the call). Not thread-safe.
class SequenceTableBuilder {
 public:
  std::uint32_t intern(std::string_view name);
  // Whether ids of `bytes` more bytes still fit the id columns (under 4 GiB each).
  bool ids_fit(std::size_t bytes) const;
  // REQUIRES: invoice_id sorts after (byte order) every invoice id added before; ids_fit() of
  // the two ids' sizes.
  void add_sequence(std::string_view invoice_id, std::string_view customer_id,
                    std::string_view scenario, SequenceState state, std::string_view last_step,
                    Date started_on, Date updated_on);
  // Adds an event to the sequence added last. REQUIRES: add_sequence was called before, and
  // the events of a sequence come ordered by step name.
  void add_event(std::string_view step, StepStatus status, std::string_view reason, Date date,
                 std::uint16_t repetition = 0);
  SequenceTable finish() &&;

 private:
  SequenceTable table_;
  std::vector<std::pair<std::string, std::uint32_t>> index_;  // small: names are few
};

}  // namespace dun
