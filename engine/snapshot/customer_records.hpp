// The customer prefilter of a restricted CSV load (LoadOptions::customer): which records of one
// table's text a load of one customer's rows must read, found without parsing the others.
//
// The records are found by walk_records (record_walk.hpp), which reads only the customer and id
// fields of each record, the way CsvReader would find them. A run of the customer's records that
// follow one another in the file is kept as one RecordRun: exports usually list a customer's rows
// together, and a reader resumed at the run's start reads them in turn.
//
// For the invoices table (CustomerRecordQuery::find_repeated_ids) it also finds the other
// customers' records whose id one of the customer's invoices repeats: a duplicate id makes the
// later row the bad one whatever its customer (data-model.md). Each other record's id is hashed
// into a compact list while scanning (8 bytes a record); once the customer's ids are known, the
// records whose hash matches one of theirs are kept as `elsewhere` (a collision only adds a record
// whose id the builder keeps for nothing).
//
// Reads `text` only (CsvReader in read-only mode), keeps no pointer into it once it returns. A
// free function without state: any number may run at once on any threads.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/snapshot/csv_reader.hpp"

namespace dun {

struct CustomerRecordQuery {
  std::string_view customer;            // the customer id a record must name to be the customer's
  std::size_t customer_field;           // the field (header position) naming the record's customer
  std::optional<std::size_t> id_field;  // the invoice id's field (the invoices table)
  // With id_field: find the other customers' records whose id the customer's repeat.
  bool find_repeated_ids = false;
  // With id_field: tell the customer field of the first record whose id is this invoice, and
  // stop there when `stop_at_invoice`.
  std::optional<std::string_view> invoice;
  bool stop_at_invoice = false;
  int max_field_lines = CsvReader::kDefaultMaxFieldLines;
};

// `records` records in a row, the first starting at `start`: a reader resumed there reads them.
struct RecordRun {
  CsvPosition start;
  std::size_t records = 0;
};

struct CustomerRecords {
  std::vector<RecordRun> own;  // the customer's records, in file order
  // Byte offsets of other customers' records whose id may be one of the customer's invoices',
  // earlier than the customer's last record, in file order.
  std::vector<std::size_t> elsewhere;
  // With CustomerRecordQuery::invoice: the customer field of the first record with that id.
  std::optional<std::string> invoice_customer;
};

// The biggest text the scan takes: a record's offset shares 8 bytes with its id's hash.
inline constexpr std::size_t kMaxCustomerScanBytes = (std::size_t{1} << 40) - 1;

// Walks the records of `text` from `body` (the first record after the header, as a whole-buffer
// CsvReader reported it). REQUIRES: `text` is the whole file, at most kMaxCustomerScanBytes;
// CR line endings already made LF (the header's reader does that).
CustomerRecords find_customer_records(std::span<char> text, CsvPosition body,
                                      const CustomerRecordQuery& query);

}  // namespace dun
