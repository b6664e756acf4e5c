// The customer index of a CSV snapshot: where each customer's records start in customers.csv,
// contacts.csv and invoices.csv, so that a load of one customer's rows (LoadOptions::customer,
// `dun explain`, `dun status --customer`) reads them at known offsets instead of walking every
// record of the files (customer_records.hpp). At ten million invoices the walk costs most of a
// second; reading a customer's few records through the index costs microseconds.
//
// The index is a cache, never a source of truth: a load that cannot use it walks the files as
// before and gets the same rows. It is written by the first restricted load of a snapshot that
// has none (build: one walk of each file, as a restricted load makes anyway, plus a hash of
// every id), and read by the next ones while the files stay the same.
//
// The same files: the index records each table file's device, inode, size, modification and
// change times (nanoseconds). Any write to a file changes its change time, which no program can
// set back, so an index describing other bytes is not used. A file modified less than
// CustomerIndexSettings::settle before the build is not indexed (it may still be being written,
// and a write in the same clock tick would leave its times unchanged); nor is one whose identity
// changes during the build.
//
// What the index cannot answer is left to the walk: a customer one of whose invoice ids another
// customer's invoice also has (which row is the duplicate depends on their order, which the
// walk finds; customer_records.hpp). A damaged index is noticed and set aside: the header and
// every entry a lookup meets carry a checksum (FNV-1a), and the records an entry points to are
// checked to name the customer before any is used; then the files are walked and the index
// removed. Not covered: a slot table damaged into pointing to no entry, or to another whole
// entry, makes the customer look absent (`dun status --customer` then reports the customer
// unknown; `dun explain`, an invoice it follows as gone from the snapshot).
//
// The file (native byte order, 8-byte aligned, one format version): a header (magic, version, the
// CSV reader's max_field_lines, the three files' identities), an open-addressing table of
// customer slots (FNV-1a of the id, linear probing; each slot the offset of an entry or 0),
// then one entry per customer: a checksum, its id, a flag, and its runs of records per table (a run
// is records that follow one another in the file: usually one per table, as exports list a
// customer's rows together). Written to a temporary file in the same folder and renamed over
// the index, so readers see the old index or the new one whole; two processes writing at once
// each rename a complete file.
//
// A CustomerIndex owns its mapping of the file; lookups are const and safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/base/mapped_file.hpp"
#include "engine/snapshot/customer_records.hpp"
#include "engine/snapshot/snapshot.hpp"
#include "engine/snapshot/snapshot_schema.hpp"

namespace dun {

class CustomerIndex {
 public:
  // The index of the CSV snapshot in `directory` kept at `path`, if one is there and describes
  // the files as they are now, read with `max_field_lines`. Nullopt otherwise (none, another
  // snapshot's, another format's, truncated).
  static std::optional<CustomerIndex> open(const std::filesystem::path& path,
                                           const std::filesystem::path& directory,
                                           int max_field_lines);

  // Walks the snapshot's customers, contacts and invoices files and writes their index at
  // settings.path, then opens it. Nullopt when it cannot: a file missing, unreadable, with a header
  // that does not name the customer (the load reports that), modified within settings.settle or
  // during the walk, bigger than kMaxCustomerScanBytes; the index's folder not writable.
  static std::optional<CustomerIndex> build(const CustomerIndexSettings& settings,
                                            const std::filesystem::path& directory,
                                            int max_field_lines);

  // The records of `customer` in `table` (customers, contacts or invoices), in file order: none
  // for a customer the table does not name. Or that the file must be walked for this customer
  // (see the file comment), or that the index is damaged.
  struct Answer {
    enum class Kind { records, walk, damaged } kind;
    std::vector<RecordRun> records;
  };
  Answer records_of(std::string_view customer, Table table) const;

  CustomerIndex(CustomerIndex&&) noexcept = default;
  CustomerIndex& operator=(CustomerIndex&&) noexcept = default;

 private:
  explicit CustomerIndex(MappedFile file) : file_(std::move(file)) {}
  MappedFile file_;
};

// Where `dun explain` and `dun status --customer` keep the customer index for the state store
// at `database`: beside it, "<database>.customer-index".
std::filesystem::path customer_index_path_for(const std::filesystem::path& database);

// Removes a damaged index (a record it points to does not name its customer). Best effort.
void discard_customer_index(const std::filesystem::path& path);

}  // namespace dun
