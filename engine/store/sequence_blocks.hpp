// Inside the state store: the per-invoice sequence state kept in blocks (table sequence_blocks,
// docs/state-store.md "Sequence blocks"). A block is one row holding the sequences of a range of
// invoice ids, sorted, as a JSON array with one element per invoice:
//
//   [invoice_id, customer_id, scenario, state, last_step|null, started_on, updated_on,
//    [[scenario, step, status, reason|null, event_date, action_id|null, repetition], ...]]
//
// (the columns of the `sequences` and `step_events` views, which expand the blocks for any SQLite
// client). A block covers the invoice ids from its `first_invoice` up to the next block's; the
// first block also covers every id before it. Values are kept as the text the views show (dates
// 'YYYY-MM-DD'), so what SQL writes through the views' triggers reads back unchanged.
//
// Thread safety: none (one connection). The functions take a Database that must outlive the call.
//
// Private to engine/store: nothing else includes it (scripts/check_includes.py).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store/sqlite_db.hpp"

namespace dun {

struct StepEntry {
  std::string scenario;
  std::string step;
  std::string status;
  std::optional<std::string> reason;
  std::string event_date;
  std::optional<std::string> action_id;
  std::int64_t repetition = 0;
};

struct SequenceEntry {
  std::string invoice_id;
  std::string customer_id;
  std::string scenario;
  std::string state;
  std::optional<std::string> last_step;
  std::string started_on;
  std::string updated_on;
  std::vector<StepEntry> steps;  // ordered by (scenario, step)
};

// A block is split when it grows past twice this many invoices. A steady day changes a few
// thousand invoices spread over the whole store and rewrites each block holding one: smaller
// blocks rewrite less (its commit measured 0.35 s of CPU at 64, 0.33 at 32, 0.31 at 16 on 1M
// invoices), a first day writes more rows (23k at 32) for the same cost (bench/RESULTS.md).
inline constexpr std::size_t kBlockInvoices = 32;

// The JSON text of `entry`, appended to `out`.
void append_entry_json(const SequenceEntry& entry, std::string& out);

// Parses one entry's JSON text into `entry` (whose strings keep their capacity: a loop that
// reuses one entry allocates little). The error names what is malformed.
Status parse_entry(std::string_view json, SequenceEntry& entry);

// Calls `visit` with each entry's JSON text of a block's array, in the array's order.
Status for_each_entry_text(std::string_view block,
                           const std::function<Status(std::string_view entry)>& visit);

// The invoice id of an entry's JSON text (its first element), decoded.
Result<std::string> entry_invoice_id(std::string_view entry);

// Edits the sequences of `invoice_ids` (sorted, unique) in place: `edit` is called once per id,
// in order, with the stored entry (nullopt when the invoice has none); it may change it, create
// it (set it), or remove it (reset it). Only the blocks holding those ids are read and
// rewritten; a block grown past 2 × kBlockInvoices is split. Runs inside the caller's
// transaction.
using EntryEdit = std::function<Status(std::string_view invoice_id, std::optional<SequenceEntry>&)>;
Status edit_sequence_entries(sqlite::Database& database, std::span<const std::string> invoice_ids,
                             const EntryEdit& edit);

// The stored entry of one invoice, if any.
Result<std::optional<SequenceEntry>> find_sequence_entry(sqlite::Database& database,
                                                         std::string_view invoice_id);

// Calls `visit` with every stored entry in invoice id order (one entry object reused: copy what
// must outlive the call). REQUIRES: a read transaction held by the caller if the scan must see
// one state.
Status for_each_sequence_entry(sqlite::Database& database,
                               const std::function<Status(const SequenceEntry&)>& visit);

// How many sequences and step events the blocks hold (for reports).
Result<std::pair<std::int64_t, std::int64_t>> count_sequence_entries(sqlite::Database& database);

}  // namespace dun
