// The invoices file read by two threads (load_csv.cpp, docs/snapshot-loading.md): wherever the
// second thread starts, inside a quoted field, at a CRLF, after a stray quote, the portfolio, the
// quarantine (file:line: column: reason, in file order) and the duplicate ids come out exactly as
// from one thread. And the mapped file given back as its records are added: the same result,
// and the load's peak memory holds a window of the file, not all of it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/base/mapped_file.hpp"
#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/portfolio_builder.hpp"
#include "snapshot_fixture.hpp"

namespace dun {
namespace {

using testing::kCollectorsCsv;
using testing::kContactsCsv;
using testing::kCustomersCsv;
using testing::kInvoicesCsvHeader;

LoadOptions one_thread() {
  LoadOptions options;
  options.two_thread_min_bytes = std::size_t{1} << 40;
  return options;
}

LoadOptions split_at(std::size_t at, LoadOptions options = {}) {
  options.csv_split_at = at;
  return options;
}

LoadedSnapshot load(const std::string& invoices, const LoadOptions& options) {
  auto loaded = load_csv_snapshot_from_memory(
      {kCollectorsCsv, kCustomersCsv, kContactsCsv, invoices}, options);
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
  if (!loaded.ok()) return {};
  return std::move(loaded).value();
}

// Everything a load yields for the invoices table, as text, row by row.
std::vector<std::string> describe(const LoadedSnapshot& snapshot) {
  std::vector<std::string> lines;
  const Invoices& i = snapshot.portfolio.invoices;
  for (std::size_t r = 0; r < i.size(); ++r) {
    std::string line = std::string(i.id[r]) + "|" + std::to_string(i.customer[r]) + "|" +
                       std::string(i.number[r]) + "|" +
                       std::to_string(static_cast<int>(i.kind[r])) + "|" +
                       std::to_string(i.issue_date[r]) + "|" + std::to_string(i.due_date[r]) + "|" +
                       std::string(i.currency[r].code()) + "|" + std::to_string(i.amount[r]) + "|" +
                       std::to_string(i.balance[r]) + "|" + std::to_string(i.disputed[r]) +
                       std::to_string(i.dunning[r]) + "|" + std::to_string(i.promise_date[r]) +
                       "|" + std::string(i.pdf[r]);
    if (snapshot.portfolio.find_invoice(i.id[r]) != r) line += " (not found by id)";
    lines.push_back(line);
  }
  for (const CustomFieldValues& field : snapshot.portfolio.custom_fields) {
    for (std::size_t r = 0; r < field.present.size(); ++r) {
      lines.push_back(field.declaration.name + "[" + std::to_string(r) +
                      "]=" + std::to_string(field.present[r]) + "/" +
                      (field.text.size() > r ? std::string(field.text[r]) : "") + "/" +
                      (field.values.size() > r ? std::to_string(field.values[r]) : ""));
    }
  }
  for (const QuarantinedRow& row : snapshot.quarantine) {
    lines.push_back("quarantined " + row.to_string() + " id=" + row.id);
  }
  for (const std::string& warning : snapshot.warnings) lines.push_back("warning " + warning);
  return lines;
}

// The line starts of `text` after its header: every place a second thread could start.
std::vector<std::size_t> line_starts(const std::string& text) {
  std::vector<std::size_t> starts;
  const std::size_t body = text.find('\n') + 1;
  for (std::size_t at = body + 1; at < text.size(); ++at) {
    if (text[at - 1] == '\n') starts.push_back(at);
  }
  return starts;
}

std::string good_row(int n, const std::string& customer = "C1") {
  return "I" + std::to_string(n) + "," + customer + ",F-" + std::to_string(n) +
         ",invoice,2026-10-01,2026-10-31,EUR,100.00,50.00,false,true,,\n";
}

// An invoices file with every kind of record a split must not change: quoted fields holding
// line breaks and doubled quotes, CRLF, blank lines, short records, bad values, duplicates of
// good and of quarantined ids, and stray quotes that make the reader resynchronise.
std::string awkward_invoices() {
  std::string csv = kInvoicesCsvHeader;
  csv += good_row(1);
  csv += "I2,C2,F-2,invoice,2026-10-01,2026-10-31,EUR,10.00,10.00,,,,\"pdf/a\nb\nc.pdf\"\n";
  csv += good_row(3);
  csv += "I4,C1,\"F-4 \"\"quoted\"\"\",credit_note,2026-10-01,2026-10-31,USD,5,5,yes,no,,\r\n";
  csv += "\n";
  csv += "I5,C1,F-5,invoice,2026-10-01,2026-09-30,EUR,1,1,,,,\n";  // due before issue
  csv += good_row(6, "C2");
  csv += "I7,C9,F-7,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n";  // unknown customer
  csv += "I8,C1,F-8\n";                                            // short record
  csv += "I9,C1,\"F-9\" and text,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n";
  csv += good_row(1);                                               // duplicate of a good row
  csv += "I5,C1,F-5b,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n";  // duplicate of a quarantined id
  csv += "I10,C1,F-10,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\"pdf\r\nwith CRLF.pdf\"\r\n";
  csv += "I11,C1,\"F-11,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n";  // stray quote, resumes
  for (int n = 12; n < 16; ++n) csv += good_row(n);
  csv += "I16,C1,F-16,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\"a pdf\n\"\"x\"\"\n.pdf\"\n";
  csv += "I17,C1,F-17,invoice,2026-10-01,2026-10-31,EUR,abc,1,,,,\n";  // bad amount
  csv += good_row(18);
  csv += "I19,C1,F-19,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\"a\nb\"tail\n";  // resumes
  csv += good_row(20);
  csv += "I21,C1,F-21,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\"never closed\n";
  csv += good_row(22);
  return csv;
}

TEST(LoadCsvTwoThreads, EverySplitPointGivesTheOneThreadResult) {
  const std::string invoices = awkward_invoices();
  const std::vector<std::string> expected = describe(load(invoices, one_thread()));
  ASSERT_GT(expected.size(), 20u);
  for (const std::size_t at : line_starts(invoices)) {
    EXPECT_EQ(describe(load(invoices, split_at(at))), expected) << "split at byte " << at;
  }
}

TEST(LoadCsvTwoThreads, EverySplitPointGivesTheOneThreadResultForACrlfFile) {
  std::string invoices;
  for (const char c : awkward_invoices()) {
    if (c == '\n') invoices += '\r';
    invoices += c;
  }
  const std::vector<std::string> expected = describe(load(invoices, one_thread()));
  for (const std::size_t at : line_starts(invoices)) {
    EXPECT_EQ(describe(load(invoices, split_at(at))), expected) << "split at byte " << at;
  }
}

// The second thread starts on the line a quoted field's line break opens: the first part's
// reader finds the field running to the end of its part, and the record is read again whole.
TEST(LoadCsvTwoThreads, AQuotedLineBreakAtTheSplitPointIsReadAsPartOfItsField) {
  std::string invoices = kInvoicesCsvHeader + good_row(1) +
                         "I2,C1,F-2,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\"pdf/first\n";
  const std::size_t inside = invoices.size();
  invoices += "I3,C1,F-3,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,second.pdf\"\n" + good_row(4);
  const LoadedSnapshot snapshot = load(invoices, split_at(inside));
  EXPECT_TRUE(snapshot.quarantine.empty());
  const Invoices& i = snapshot.portfolio.invoices;
  ASSERT_EQ(i.size(), 3u);
  EXPECT_EQ(i.id[1], "I2");
  EXPECT_EQ(i.pdf[1], "pdf/first\nI3,C1,F-3,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,second.pdf");
  EXPECT_EQ(i.id[2], "I4");
}

TEST(LoadCsvTwoThreads, AnErrorInTheSecondPartNamesItsLineAndColumn) {
  std::string invoices = kInvoicesCsvHeader;
  for (int n = 1; n <= 10; ++n) invoices += good_row(n);
  const std::size_t second_part = invoices.size();
  invoices += "I11,C1,\"F-11\nstill the number\",invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n";
  invoices += "I12,C1,F-12,invoice,2026-10-01,2026-13-01,EUR,1,1,,,,\n";
  invoices += good_row(3);  // a duplicate of a row the first thread added
  const LoadedSnapshot snapshot = load(invoices, split_at(second_part));
  ASSERT_EQ(snapshot.quarantine.size(), 3u);
  EXPECT_EQ(snapshot.quarantine[0].to_string(),
            "invoices.csv:12: number: contains a line break (CR or LF), which it cannot hold");
  EXPECT_EQ(snapshot.quarantine[1].to_string(),
            "invoices.csv:14: due_date: '2026-13-01' is not a valid date (expected YYYY-MM-DD, a "
            "real calendar day)");
  EXPECT_EQ(snapshot.quarantine[2].to_string(),
            "invoices.csv:15: id: duplicate id 'I3' (an earlier row has it)");
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 10u);
}

TEST(LoadCsvTwoThreads, ABigFileIsSplitWhereARecordStarts) {
  // Customers' addresses make every other line break a quoted one: the middle of the file is
  // as likely to fall inside a field as not.
  std::string invoices = kInvoicesCsvHeader;
  for (int n = 1; n <= 2000; ++n) {
    invoices += "I" + std::to_string(n) + ",C1,F,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\"pdf/" +
                std::to_string(n) + "\n\"\"b\"\".pdf\"\n";
  }
  LoadOptions options;
  options.two_thread_min_bytes = 0;
  const LoadedSnapshot snapshot = load(invoices, options);
  EXPECT_TRUE(snapshot.quarantine.empty());
  ASSERT_EQ(snapshot.portfolio.invoices.size(), 2000u);
  EXPECT_EQ(snapshot.portfolio.invoices.pdf[1999], "pdf/2000\n\"b\".pdf");
  EXPECT_EQ(describe(snapshot), describe(load(invoices, one_thread())));
}

TEST(LoadCsvTwoThreads, ShardsAndCustomFieldsComeOutTheSame) {
  std::string invoices =
      "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
      "promise_date,pdf,fee,note\n";
  for (int n = 1; n <= 40; ++n) {
    const std::string customer = n % 3 ? "C1" : "C2";
    const std::string fee = n % 7 == 0 ? "x" : n % 5 == 0 ? "" : std::to_string(n) + ".50";
    invoices += "I" + std::to_string(n % 17 == 0 ? 1 : n) + "," + customer + ",F-" +
                std::to_string(n) + ",invoice,2026-10-01,2026-10-31,EUR,100,50,,,,," + fee +
                ",\"note " + std::to_string(n) + "\"\n";
  }
  LoadOptions options;
  CustomFieldDeclaration fee;
  fee.name = "fee";
  fee.type = CustomFieldType::money;
  fee.default_text = "1.00";
  CustomFieldDeclaration note;
  note.name = "note";
  options.custom_fields = {fee, note};
  for (const Shard shard : {Shard{}, Shard{0, 2}, Shard{1, 2}}) {
    LoadOptions sequential = one_thread();
    sequential.custom_fields = options.custom_fields;
    sequential.shard = shard;
    options.shard = shard;
    const std::vector<std::string> expected = describe(load(invoices, sequential));
    for (const std::size_t at : line_starts(invoices)) {
      EXPECT_EQ(describe(load(invoices, split_at(at, options))), expected)
          << "shard " << shard.flag_text() << ", split at byte " << at;
    }
  }
}

// ---------------------------------------------------------------- a mapped file given back

// A folder holding the fixture's snapshot with `invoices` as invoices.csv, removed at the end.
class SnapshotFolder {
 public:
  explicit SnapshotFolder(const std::string& invoices)
      : path_(std::filesystem::temp_directory_path() /
              ("dun_mapped_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
    write("collectors.csv", kCollectorsCsv);
    write("customers.csv", kCustomersCsv);
    write("contacts.csv", kContactsCsv);
    write("invoices.csv", invoices);
  }
  ~SnapshotFolder() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  LoadedSnapshot load(const LoadOptions& options) const {
    auto loaded = load_csv_snapshot(path_, options);
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
    if (!loaded.ok()) return {};
    return std::move(loaded).value();
  }
  // describe() of load(options), the files named as a load from memory names them.
  std::vector<std::string> describe_load(const LoadOptions& options) const {
    std::vector<std::string> lines = describe(load(options));
    const std::string folder = path_.string() + "/";
    for (std::string& line : lines) {
      if (const std::size_t at = line.find(folder); at != std::string::npos)
        line.erase(at, folder.size());
    }
    return lines;
  }

 private:
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }
  std::filesystem::path path_;
};

// A field of /proc/self/status, in KiB ("VmRSS", "VmHWM").
std::size_t status_kib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stoul(line.substr(field.size() + 1));
  }
  ADD_FAILURE() << field << " is not in /proc/self/status";
  return 0;
}

// Resets the process's peak resident set (VmHWM) to its current size (Linux 4.0+).
void reset_peak_memory() { std::ofstream("/proc/self/clear_refs") << "5"; }

TEST(MappedFile, ReleasedPagesAreMappedAgainFromTheFile) {
  const SnapshotFolder folder(std::string(std::size_t{8} << 20, 'x'));
  auto file = MappedFile::open(folder.path() / "invoices.csv");
  ASSERT_TRUE(file.ok()) << file.error().message;
  const std::span<char> bytes = file.value().bytes();
  bytes[10] = 'a';                 // an edit in place, as the tokenizer unescapes a field
  bytes[bytes.size() - 10] = 'b';  // one in a page that is kept
  bytes[bytes.size() / 2] = 'c';   // in the page the released range ends in, not wholly inside
  file.value().release(0, bytes.size() / 2 + 1);
  EXPECT_EQ(bytes[10], 'x') << "the released page still holds the edit: it was not given back";
  EXPECT_EQ(bytes[bytes.size() / 2], 'c');
  EXPECT_EQ(bytes[bytes.size() - 10], 'b');
  EXPECT_EQ(bytes[bytes.size() / 2 - 1], 'x');
  bytes[20] = 'd';
  file.value().release(1, bytes.size());  // the first page is not wholly inside
  EXPECT_EQ(bytes[20], 'd');
  EXPECT_EQ(bytes[bytes.size() - 10], 'x');
  EXPECT_EQ(bytes[bytes.size() / 2], 'x');
}

// An invoices file of `rows` records, every few of them with a quoted field holding doubled
// quotes and line breaks (unescaped in place by a one-thread reader), padded to `pad` bytes.
std::string big_invoices(int rows, std::size_t pad) {
  std::string csv = kInvoicesCsvHeader;
  const std::string padding(pad, 'p');
  for (int n = 1; n <= rows; ++n) {
    const std::string id = std::to_string(n);
    csv += "I" + id + ",C" + std::to_string(1 + n % 2) + ",F-" + id +
           ",invoice,2026-10-01,2026-10-31,EUR,100.00,50.00,false,true,,";
    if (n % 3 == 0) {
      csv += "\"pdf/" + id + " \"\"" + padding + "\"\"\n" + (n % 2 ? "\r\n" : "x") + ".pdf\"\n";
    } else if (n % 1000 == 7) {
      csv += "\"bad\"quote" + padding + "\n";  // quarantined, and the reader resumes
    } else {
      csv += "pdf/" + padding + id + ".pdf\n";
    }
  }
  return csv;
}

// Loads `invoices` from a mapped file by one thread and by two (and split at `split_at_byte`
// unless 0), expecting the rows and the quarantine of the load from memory.
void expect_mapped_loads_as_from_memory(const std::string& invoices, std::size_t split_at_byte) {
  const SnapshotFolder folder(invoices);
  const std::vector<std::string> expected = describe(load(invoices, one_thread()));
  ASSERT_GE(expected.size(), 60000u);
  EXPECT_EQ(folder.describe_load(one_thread()), expected) << "one thread";
  LoadOptions two_threads;
  two_threads.two_thread_min_bytes = 0;
  EXPECT_EQ(folder.describe_load(two_threads), expected) << "two threads";
  if (split_at_byte != 0) {
    EXPECT_EQ(folder.describe_load(split_at(split_at_byte)), expected)
        << "split at byte " << split_at_byte;
  }
}

TEST(LoadCsvMappedFile, GivingBackTheReadPagesChangesNothing) {
  const std::string invoices = big_invoices(60000, 150);  // ~13 MB: several releases
  // A split just after a quoted line break: the first part's last record is read again whole,
  // and the second part's rows are committed from the record both readers met.
  const std::size_t inside = invoices.find("\"\"\n", invoices.size() / 2) + 3;
  ASSERT_EQ(invoices[inside - 1], '\n');
  expect_mapped_loads_as_from_memory(invoices, inside);
}

TEST(LoadCsvMappedFile, ACarriageReturnOnlyFileRewrittenInPlaceIsReadWhole) {
  // The reader rewrites a CR-only file's line endings in the mapping before the line count: a
  // page given back before it is read would read CR again, and the records would run together.
  std::string invoices = big_invoices(60000, 150);
  std::replace(invoices.begin(), invoices.end(), '\n', '\r');
  expect_mapped_loads_as_from_memory(invoices, 0);
}

TEST(LoadCsvMappedFile, TheLoadHoldsAWindowOfTheFileNotAllOfIt) {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed blocks in its quarantine instead of reusing them, so the peak it
  // shows is the sanitizer's, not the load's (14.2 MiB against the 11.9 allowed, on 2026-12-07;
  // the same with the loader of the day before). The plain build measures the load.
  GTEST_SKIP() << "peak memory is not the load's under AddressSanitizer";
#endif
  // A wide column the portfolio does not keep: the file is ~48 MB, the portfolio's rows small.
  std::string invoices =
      "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
      "promise_date,pdf,memo\n";
  const std::string memo(4000, 'm');
  for (int n = 1; n <= 12000; ++n) {
    invoices += "I" + std::to_string(n) +
                ",C1,F,invoice,2026-10-01,2026-10-31,EUR,1.00,1.00,false,true,,," + memo + "\n";
  }
  const std::size_t file_kib = invoices.size() / 1024;
  const SnapshotFolder folder(invoices);
  invoices = std::string();
  LoadOptions two_threads;
  two_threads.two_thread_min_bytes = 0;
  for (const auto& [name, options] :
       {std::pair{"one thread", one_thread()}, std::pair{"two threads", two_threads}}) {
    SCOPED_TRACE(name);
    reset_peak_memory();
    const std::size_t before = status_kib("VmRSS");
    const LoadedSnapshot snapshot = folder.load(options);
    ASSERT_EQ(snapshot.portfolio.invoices.size(), 12000u);
    const std::size_t grown = status_kib("VmHWM") - before;
    // Held whole, the file alone would be file_kib. One thread holds a few MiB of it at a time;
    // two hold the second thread's part (its prepared rows view it) until it is committed.
    const std::size_t allowed = options.two_thread_min_bytes == 0 ? file_kib * 3 / 4 : file_kib / 4;
    EXPECT_LT(grown, allowed) << "the load's peak grew by " << grown << " KiB for a file of "
                              << file_kib << " KiB";
  }
}

// ---------------------------------------------------------------- prepared rows and add_row

// The fixture's collectors and customers, then `invoices` (one value per column, spec order):
// row by row through add_row when `chunk` is 0 (what a text over 4 GiB takes), else prepared and
// committed `chunk` rows at a time (every invoices text under 4 GiB, on one thread or two).
LoadedSnapshot build_invoices(const std::vector<std::vector<std::string>>& invoices,
                              std::size_t chunk, Shard shard = {}) {
  LoadedSnapshot snapshot;
  PortfolioBuilder builder(snapshot, shard);
  for (const auto& [table, csv] :
       {std::pair{Table::collectors, kCollectorsCsv}, std::pair{Table::customers, kCustomersCsv}}) {
    std::string text = csv;
    CsvReader reader(text);
    CsvRecord record;
    reader.next(record);  // the header, in spec order
    builder.begin_table(table, "table.csv", 10, text.size());
    while (reader.next(record)) builder.add_row(record.fields, record.line);
  }
  builder.begin_table(Table::invoices, "invoices.csv", invoices.size() + 1, 100000);
  PortfolioBuilder::PreparedRows prepared;
  for (std::size_t r = 0; r < invoices.size(); ++r) {
    const std::vector<std::string_view> values(invoices[r].begin(), invoices[r].end());
    const auto line = static_cast<std::int64_t>(r + 2);
    if (chunk == 0) {
      builder.add_row(values, line);
      continue;
    }
    builder.prepare_row(values, line, prepared);
    if (prepared.rows.size() == chunk) {
      builder.commit(prepared, 0);
      prepared.rows.clear();
      prepared.problems.clear();
      prepared.cells.clear();
    }
  }
  builder.commit(prepared, 0);
  builder.finish();
  return snapshot;
}

// The loader prepares every invoices row of a text under 4 GiB, so add_row's invoices are no
// longer compared with them by a load: the builder's two ways must keep agreeing on every check,
// in order (duplicates of good, bad and other shards' ids; unknown and unreadable values).
TEST(PreparedRows, CommittedInChunksTheyGiveWhatAddRowGivesRowByRow) {
  std::vector<std::vector<std::string>> rows;
  const auto invoice = [&](std::string id, std::string customer, std::string due,
                           std::string amount) {
    rows.push_back({id, customer, "F-" + id, "invoice", "2026-10-01", due, "EUR", amount, amount,
                    "false", "true", "", "pdf/" + id + ".pdf"});
  };
  for (int n = 0; n < 40; ++n) {
    const std::string id = "I" + std::to_string(n);
    invoice(id, n % 2 ? "C1" : "C2", "2026-10-31", std::to_string(n) + ".50");
    if (n % 7 == 3) invoice(id, "C1", "2026-11-30", "1.00");          // duplicate
    if (n % 9 == 4) invoice("B" + id, "C9", "2026-10-31", "1.00");    // unknown customer
    if (n % 11 == 5) invoice("D" + id, "C1", "2026-13-40", "1.00");   // bad date
    if (n % 13 == 6) invoice("E" + id, "C2", "2026-10-31", "ten");    // bad amount
    if (n % 13 == 6) invoice("E" + id, "C2", "2026-10-31", "10.00");  // a bad row's id
    if (n % 17 == 8) invoice("", "C1", "2026-10-31", "1.00");         // no id
  }
  for (const Shard shard : {Shard{}, Shard{0, 2}, Shard{1, 2}}) {
    SCOPED_TRACE(shard.count > 1 ? "shard " + std::to_string(shard.index) : "unsharded");
    const std::vector<std::string> expected = describe(build_invoices(rows, 0, shard));
    ASSERT_GT(expected.size(), 20u);
    ASSERT_NE(
        std::count_if(expected.begin(), expected.end(),
                      [](const std::string& line) { return line.starts_with("quarantined"); }),
        0);
    for (const std::size_t chunk : {1, 3, 4096}) {
      EXPECT_EQ(describe(build_invoices(rows, chunk, shard)), expected) << "chunk " << chunk;
    }
  }
}

// ---------------------------------------------------------------- the reader's parts

TEST(LikelyRecordStart, SkipsALineBreakInsideAQuotedField) {
  const std::string text = "id,pdf\nI1,\"a\nb\"\nI2,c\n";
  const std::size_t inside = text.find("b\"");  // just after the quoted line break
  EXPECT_EQ(likely_record_start(text, inside), text.find("I2"));
  EXPECT_EQ(likely_record_start(text, text.find("I1")), text.find("I1"));
  EXPECT_EQ(likely_record_start(text, text.find("I1") + 1), text.find("I2"));
  EXPECT_EQ(likely_record_start(text, text.find("I2") + 1), text.size());
}

TEST(LikelyRecordStart, CountsDoubledQuotesAndCrlf) {
  const std::string text = "id,n\r\nI1,\"x\"\"\r\ny\"\r\nI2,z\r\n";
  EXPECT_EQ(likely_record_start(text, text.find("y\"")), text.find("I2"));
  EXPECT_EQ(likely_record_start(text, 1), text.find("I1"));
}

TEST(CsvReaderResume, AResumedReaderReadsWhatTheWholeReaderReadsFromTheSameBoundary) {
  std::string text = "a,b\nx,\"1\n2\"\ny,\"3\"\"4\"\n\nz,5\n";
  std::string whole_text = text;
  CsvReader whole(whole_text);
  CsvRecord record;
  std::vector<CsvPosition> boundaries;
  std::vector<std::string> whole_records;
  while (whole.next(record)) {
    boundaries.push_back(CsvPosition{record.offset, record.line});
    whole_records.push_back(std::to_string(record.line) + ":" + std::string(record.fields[0]) +
                            "|" + std::string(record.fields[1]));
  }
  ASSERT_EQ(whole_records.size(), 4u);
  for (std::size_t k = 0; k < boundaries.size(); ++k) {
    std::string copy = text;
    CsvReader resumed(copy, boundaries[k], /*read_only=*/true);
    for (std::size_t j = k; j < whole_records.size(); ++j) {
      ASSERT_TRUE(resumed.next(record));
      EXPECT_EQ(std::to_string(record.line) + ":" + std::string(record.fields[0]) + "|" +
                    std::string(record.fields[1]),
                whole_records[j]);
    }
    EXPECT_FALSE(resumed.next(record));
    EXPECT_EQ(copy, text) << "a read-only reader wrote to its buffer";
  }
}

TEST(CsvReaderResume, TellsWhenAQuotedFieldRunsToTheEndOfItsPart) {
  std::string text = "a,b\nx,\"1\n2\"\n";
  CsvReader part(std::span<char>(text).first(text.find('2')), CsvPosition{4, 2}, true);
  CsvRecord record;
  ASSERT_TRUE(part.next(record));
  EXPECT_TRUE(part.reached_end_in_quoted_field());
  CsvReader whole(text, CsvPosition{4, 2}, true);
  ASSERT_TRUE(whole.next(record));
  EXPECT_FALSE(whole.reached_end_in_quoted_field());
  EXPECT_EQ(record.fields[1], "1\n2");
}

}  // namespace
}  // namespace dun
