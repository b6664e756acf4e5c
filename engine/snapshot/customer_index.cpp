#include "engine/snapshot/customer_index.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "engine/base/shard.hpp"
#include "engine/snapshot/record_walk.hpp"

namespace dun {
namespace {

constexpr std::array<char, 8> kMagic = {'D', 'U', 'N', 'C', 'I', 'D', 'X', '\n'};
constexpr std::uint64_t kFormat = 1;
constexpr std::array<Table, 3> kIndexedTables = {Table::customers, Table::contacts,
                                                 Table::invoices};
constexpr std::uint32_t kSharesAnInvoiceId = 1;

// What identifies a file's bytes without reading them (the file comment).
struct FileIdentity {
  std::uint64_t present = 0;
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::uint64_t modified_ns = 0;
  std::uint64_t changed_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

struct Header {
  std::array<char, 8> magic;
  std::uint64_t format;
  std::uint64_t max_field_lines;
  std::array<FileIdentity, 3> files;  // kIndexedTables' files
  std::uint64_t slot_count;           // a power of two; the slots follow the header
  std::uint64_t file_size;
  std::uint64_t checksum;  // of the header's bytes before it
};

// A customer's entry: this, the id (padded to 8 bytes), then its runs table by table.
struct EntryHead {
  std::uint64_t checksum;  // of the entry's bytes after it
  std::uint32_t id_size;
  std::uint32_t flags;
  std::array<std::uint32_t, 3> runs;  // per kIndexedTables
  std::uint32_t padding;
};

// A run in 16 bytes: its first record's offset (below 2^40) and the number of records (below
// 2^24: a longer run is split), then the line the first record starts on.
struct PackedRun {
  std::uint64_t offset_and_records;
  std::uint64_t line;
};
constexpr int kRecordBits = 24;
constexpr std::uint64_t kMaxRunRecords = (std::uint64_t{1} << kRecordBits) - 1;

constexpr std::uint64_t align8(std::uint64_t n) { return (n + 7) & ~std::uint64_t{7}; }

// FNV-1a (the shard hash) of the bytes [offset, offset + size) of `bytes`.
std::uint64_t checksum_of(std::span<const char> bytes, std::uint64_t offset, std::uint64_t size) {
  return shard_hash(std::string_view(bytes.data() + offset, size));
}

// The size of an entry whose head is `head`.
std::uint64_t entry_size(const EntryHead& head) {
  return sizeof(EntryHead) + align8(head.id_size) +
         (std::uint64_t{head.runs[0]} + head.runs[1] + head.runs[2]) * sizeof(PackedRun);
}

std::uint64_t nanoseconds(const timespec& time) {
  return static_cast<std::uint64_t>(time.tv_sec) * 1'000'000'000u +
         static_cast<std::uint64_t>(time.tv_nsec);
}

FileIdentity identity_of(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return {};
  return {1,
          static_cast<std::uint64_t>(status.st_dev),
          static_cast<std::uint64_t>(status.st_ino),
          static_cast<std::uint64_t>(status.st_size),
          nanoseconds(status.st_mtim),
          nanoseconds(status.st_ctim)};
}

std::filesystem::path table_path(const std::filesystem::path& directory, Table table) {
  return directory / (std::string(table_spec(table).name) + ".csv");
}

std::array<FileIdentity, 3> identities(const std::filesystem::path& directory) {
  std::array<FileIdentity, 3> files;
  for (std::size_t t = 0; t < kIndexedTables.size(); ++t) {
    files[t] = identity_of(table_path(directory, kIndexedTables[t]));
  }
  return files;
}

std::size_t table_slot(Table table) {
  return static_cast<std::size_t>(std::find(kIndexedTables.begin(), kIndexedTables.end(), table) -
                                  kIndexedTables.begin());
}

template <typename T>
T read_at(std::span<const char> bytes, std::uint64_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

// --- building ------------------------------------------------------------------------------

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

// Customer ids numbered in order of first appearance.
class CustomerNumbers {
 public:
  std::uint32_t number_of(std::string_view id) {
    if (last_ != nullptr && *last_ == id) return last_number_;
    // Exports list the customers' contacts and invoices in the customers' order: the next
    // customer is most often the one numbered next, found without a hash lookup.
    if (last_ != nullptr && last_number_ + 1 < ids_.size() && *ids_[last_number_ + 1] == id) {
      last_ = ids_[++last_number_];
      return last_number_;
    }
    auto found = numbers_.find(id);
    if (found == numbers_.end()) {
      found = numbers_.emplace(std::string(id), static_cast<std::uint32_t>(ids_.size())).first;
      ids_.push_back(&found->first);  // a node's key stays where it is
    }
    last_ = &found->first;
    last_number_ = found->second;
    return last_number_;
  }
  std::size_t size() const { return ids_.size(); }
  const std::string& id(std::uint32_t number) const { return *ids_[number]; }

 private:
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> numbers_;
  std::vector<const std::string*> ids_;
  const std::string* last_ = nullptr;
  std::uint32_t last_number_ = 0;
};

struct NumberedRun {
  std::uint32_t customer;
  std::uint64_t offset;
  std::int64_t line;
  std::uint64_t records;
};

struct IdHash {
  std::uint64_t hash;
  std::uint32_t customer;
};

// The header position of the first field named `name`, as the loader's header mapping finds it.
std::optional<std::size_t> field_named(const CsvRecord& header, std::string_view name) {
  const auto found = std::find(header.fields.begin(), header.fields.end(), name);
  if (found == header.fields.end()) return std::nullopt;
  return static_cast<std::size_t>(found - header.fields.begin());
}

// Walks one table's file: its runs in file order, and (invoices) every id's hash. False when the
// file cannot be indexed.
bool index_table(const std::filesystem::path& path, Table table, int max_field_lines,
                 CustomerNumbers& numbers, std::vector<NumberedRun>& runs,
                 std::vector<IdHash>* ids) {
  auto file = MappedFile::open(path);
  if (!file.ok()) return false;
  const std::span<char> bytes = file.value().bytes();
  if (bytes.size() > kMaxCustomerScanBytes) return false;
  CsvReader header_reader(bytes, max_field_lines);  // makes CR line endings LF, as a load does
  CsvRecord header;
  if (!header_reader.next(header) || header.error) return false;
  const TableSpec& spec = table_spec(table);
  const auto customer_field = field_named(header, spec.columns[customer_column(table)].name);
  if (!customer_field) return false;
  std::optional<std::size_t> id_field;
  if (ids != nullptr) {
    id_field = field_named(header, spec.columns[kInvoiceId].name);
    if (!id_field) return false;
  }
  const RecordWalkFields fields{*customer_field, id_field, max_field_lines};
  walk_records(bytes, header_reader.position(), fields,
               [&](CsvPosition at, std::string_view customer, std::string_view id) {
                 const std::uint32_t number = numbers.number_of(customer);
                 // Every record is in a run: the last run is the previous record's.
                 if (!runs.empty() && runs.back().customer == number &&
                     runs.back().records < kMaxRunRecords) {
                   ++runs.back().records;
                 } else {
                   runs.push_back({number, at.offset, at.line, 1});
                 }
                 if (ids != nullptr) ids->push_back({shard_hash(id), number});
                 return true;
               });
  return true;
}

// Flags the customers one of whose invoice ids (by hash: a collision only sends a customer to
// the walk) another customer's invoice has.
std::vector<std::uint32_t> flags_of(std::vector<IdHash>& ids, std::size_t customers) {
  std::vector<std::uint32_t> flags(customers, 0);
  std::sort(ids.begin(), ids.end(), [](const IdHash& a, const IdHash& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.customer < b.customer;
  });
  for (std::size_t begin = 0; begin < ids.size();) {
    std::size_t end = begin + 1;
    while (end < ids.size() && ids[end].hash == ids[begin].hash) ++end;
    if (ids[end - 1].customer != ids[begin].customer) {
      for (std::size_t k = begin; k < end; ++k) flags[ids[k].customer] |= kSharesAnInvoiceId;
    }
    begin = end;
  }
  return flags;
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// Writes the index file at `path` (see the file comment for the layout). False on any error.
bool write_index(const std::filesystem::path& path, const Header& header_in,
                 const CustomerNumbers& numbers,
                 const std::array<std::vector<NumberedRun>, 3>& runs,
                 const std::vector<std::uint32_t>& flags) {
  const std::size_t customers = numbers.size();
  // Each table's runs grouped by customer (a counting sort keeps their file order).
  std::array<std::vector<std::uint64_t>, 3> first_run;
  std::array<std::vector<PackedRun>, 3> grouped;
  for (std::size_t t = 0; t < 3; ++t) {
    std::vector<std::uint64_t>& first = first_run[t];
    first.assign(customers + 1, 0);
    for (const NumberedRun& run : runs[t]) ++first[run.customer + 1];
    for (std::size_t c = 0; c < customers; ++c) first[c + 1] += first[c];
    std::vector<std::uint64_t> next(first.begin(), first.end() - 1);
    grouped[t].resize(runs[t].size());
    for (const NumberedRun& run : runs[t]) {
      grouped[t][next[run.customer]++] = {run.offset << kRecordBits | run.records,
                                          static_cast<std::uint64_t>(run.line)};
    }
  }
  Header header = header_in;
  header.slot_count = std::bit_ceil(std::max<std::uint64_t>(16, 2 * customers));
  const std::uint64_t mask = header.slot_count - 1;
  std::vector<std::uint64_t> slots(header.slot_count, 0);
  std::uint64_t entry = sizeof(Header) + header.slot_count * sizeof(std::uint64_t);
  for (std::uint32_t c = 0; c < customers; ++c) {
    std::uint64_t slot = shard_hash(numbers.id(c)) & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = entry;
    std::uint64_t run_count = 0;
    for (std::size_t t = 0; t < 3; ++t) run_count += first_run[t][c + 1] - first_run[t][c];
    entry += sizeof(EntryHead) + align8(numbers.id(c).size()) + run_count * sizeof(PackedRun);
  }
  header.file_size = entry;
  header.checksum = 0;
  header.checksum =
      checksum_of(std::span<const char>(reinterpret_cast<const char*>(&header), sizeof header), 0,
                  offsetof(Header, checksum));

  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (!file) return false;
  std::vector<char> buffer(std::size_t{1} << 20);
  std::setvbuf(file.get(), buffer.data(), _IOFBF, buffer.size());
  bool ok =
      std::fwrite(&header, sizeof header, 1, file.get()) == 1 &&
      std::fwrite(slots.data(), sizeof(std::uint64_t), slots.size(), file.get()) == slots.size();
  std::vector<char> entry_bytes;
  for (std::uint32_t c = 0; ok && c < customers; ++c) {
    const std::string& id = numbers.id(c);
    EntryHead head{0, static_cast<std::uint32_t>(id.size()), flags[c], {}, 0};
    for (std::size_t t = 0; t < 3; ++t) {
      head.runs[t] = static_cast<std::uint32_t>(first_run[t][c + 1] - first_run[t][c]);
    }
    entry_bytes.assign(entry_size(head), 0);
    std::memcpy(entry_bytes.data() + sizeof head, id.data(), id.size());
    std::size_t at = sizeof head + align8(id.size());
    for (std::size_t t = 0; t < 3; ++t) {
      const std::size_t bytes = head.runs[t] * sizeof(PackedRun);
      std::memcpy(entry_bytes.data() + at, grouped[t].data() + first_run[t][c], bytes);
      at += bytes;
    }
    head.checksum = checksum_of(entry_bytes, sizeof head, entry_bytes.size() - sizeof head);
    std::memcpy(entry_bytes.data(), &head, sizeof head);
    ok = std::fwrite(entry_bytes.data(), 1, entry_bytes.size(), file.get()) == entry_bytes.size();
  }
  std::FILE* raw = file.release();
  return std::fclose(raw) == 0 && ok;
}

}  // namespace

std::optional<CustomerIndex> CustomerIndex::open(const std::filesystem::path& path,
                                                 const std::filesystem::path& directory,
                                                 int max_field_lines) {
  auto file = MappedFile::open(path, MappedFile::Reading::few_pages);
  if (!file.ok()) return std::nullopt;
  const std::span<const char> bytes = file.value().bytes();
  if (bytes.size() < sizeof(Header)) return std::nullopt;
  const auto header = read_at<Header>(bytes, 0);
  if (header.magic != kMagic || header.format != kFormat ||
      header.checksum != checksum_of(bytes, 0, offsetof(Header, checksum)) ||
      header.max_field_lines != static_cast<std::uint64_t>(max_field_lines) ||
      header.file_size != bytes.size() || !std::has_single_bit(header.slot_count) ||
      header.slot_count > (bytes.size() - sizeof(Header)) / sizeof(std::uint64_t) ||
      header.files != identities(directory)) {
    return std::nullopt;
  }
  return CustomerIndex(std::move(file).value());
}

std::optional<CustomerIndex> CustomerIndex::build(const CustomerIndexSettings& settings,
                                                  const std::filesystem::path& directory,
                                                  int max_field_lines) {
  const std::array<FileIdentity, 3> before = identities(directory);
  const auto now =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  const auto settle = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(settings.settle).count());
  for (std::size_t t = 0; t < kIndexedTables.size(); ++t) {
    const FileIdentity& file = before[t];
    if (!file.present) {
      if (table_spec(kIndexedTables[t]).required_file) return std::nullopt;
      continue;
    }
    if (file.modified_ns + settle > now) return std::nullopt;
  }

  CustomerNumbers numbers;
  std::array<std::vector<NumberedRun>, 3> runs;
  std::vector<IdHash> ids;
  for (std::size_t t = 0; t < kIndexedTables.size(); ++t) {
    if (!before[t].present) continue;
    const Table table = kIndexedTables[t];
    if (!index_table(table_path(directory, table), table, max_field_lines, numbers, runs[t],
                     table == Table::invoices ? &ids : nullptr)) {
      return std::nullopt;
    }
  }
  if (identities(directory) != before) return std::nullopt;
  const std::vector<std::uint32_t> flags = flags_of(ids, numbers.size());
  ids = {};

  Header header{};
  header.magic = kMagic;
  header.format = kFormat;
  header.max_field_lines = static_cast<std::uint64_t>(max_field_lines);
  header.files = before;
  std::filesystem::path temporary = settings.path;
  temporary += ".tmp-" + std::to_string(::getpid());
  std::error_code error;
  if (!write_index(temporary, header, numbers, runs, flags)) {
    std::filesystem::remove(temporary, error);
    return std::nullopt;
  }
  std::filesystem::rename(temporary, settings.path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return std::nullopt;
  }
  return open(settings.path, directory, max_field_lines);
}

CustomerIndex::Answer CustomerIndex::records_of(std::string_view customer, Table table) const {
  using Kind = Answer::Kind;
  const std::span<const char> bytes = file_.bytes();
  const auto header = read_at<Header>(bytes, 0);
  const std::uint64_t mask = header.slot_count - 1;
  const std::size_t t = table_slot(table);
  std::uint64_t slot = shard_hash(customer) & mask;
  for (std::uint64_t probe = 0; probe < header.slot_count; ++probe, slot = (slot + 1) & mask) {
    const auto entry = read_at<std::uint64_t>(bytes, sizeof(Header) + slot * sizeof(std::uint64_t));
    if (entry == 0) return {Kind::records, {}};  // no record names the customer
    if (entry > bytes.size() || bytes.size() - entry < sizeof(EntryHead))
      return {Kind::damaged, {}};
    const auto head = read_at<EntryHead>(bytes, entry);
    // Every entry met is checked whole: a damaged one must not pass for another customer's.
    if (head.id_size > bytes.size() || entry_size(head) > bytes.size() - entry ||
        head.checksum !=
            checksum_of(bytes, entry + sizeof(EntryHead), entry_size(head) - sizeof(EntryHead))) {
      return {Kind::damaged, {}};
    }
    const std::uint64_t id_at = entry + sizeof(EntryHead);
    if (std::string_view(bytes.data() + id_at, head.id_size) != customer) continue;
    if (table == Table::invoices && (head.flags & kSharesAnInvoiceId) != 0) return {Kind::walk, {}};
    std::uint64_t first = 0;
    for (std::size_t k = 0; k < t; ++k) first += head.runs[k];
    const std::uint64_t runs_at = id_at + align8(head.id_size) + first * sizeof(PackedRun);
    const std::uint64_t count = head.runs[t];
    std::vector<RecordRun> found;
    found.reserve(count);
    for (std::uint64_t k = 0; k < count; ++k) {
      const auto run = read_at<PackedRun>(bytes, runs_at + k * sizeof(PackedRun));
      found.push_back(
          {CsvPosition{run.offset_and_records >> kRecordBits, static_cast<std::int64_t>(run.line)},
           run.offset_and_records & kMaxRunRecords});
    }
    return {Kind::records, std::move(found)};
  }
  return {Kind::damaged, {}};
}

std::filesystem::path customer_index_path_for(const std::filesystem::path& database) {
  std::filesystem::path path = database;
  path += ".customer-index";
  return path;
}

void discard_customer_index(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::remove(path, error);
}

}  // namespace dun
