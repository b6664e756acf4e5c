// Snapshot loading throughput: the CSV tokenizer alone (MB/s), a whole CSV snapshot, the same
// snapshot from SQLite, and the customer-aggregate pass (rows/s). The data is a synthetic
// snapshot written once per run into a temporary directory (10k customers, 100k invoices).
// BM_LoadCsv/0 reads the invoices file on one thread, /1 on two (wall time: the second thread's
// CPU does not show in the main thread's).
// The 1M-invoice end-to-end figure is bench/load_snapshot.sh's job.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/portfolio/aggregate.hpp"
#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/load_sqlite.hpp"

namespace {

namespace fs = std::filesystem;

constexpr int kCustomers = 10'000;
constexpr int kInvoices = 100'000;

std::string customer_id(int c) { return "C" + std::to_string(100000 + c); }

std::string customers_csv() {
  std::string csv =
      "id,name,language,country,currency,segment,scenario,email,address,collector,credit_limit\n";
  for (int c = 0; c < kCustomers; ++c) {
    csv += customer_id(c) + ",\"Customer " + std::to_string(c) + ", Ltd\"," +
           (c % 3 ? "fr,FR,EUR" : "en,GB,GBP") + ",sme,,ap" + std::to_string(c) +
           "@example.com,\"" + std::to_string(c) + " Main Street\nSpringfield\",," +
           std::to_string(1000 * (c % 50)) + ".00\n";
  }
  return csv;
}

std::string invoices_csv() {
  std::string csv =
      "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
      "promise_date,pdf\n";
  for (int i = 0; i < kInvoices; ++i) {
    const int customer = i / (kInvoices / kCustomers);
    const int month = 1 + i % 12;
    const std::string mm = (month < 10 ? "0" : "") + std::to_string(month);
    const std::string amount = std::to_string(100 + i % 9000) + "." + std::to_string(10 + i % 90);
    csv += "I" + std::to_string(1000000 + i) + "," + customer_id(customer) + ",INV-2026-" +
           std::to_string(i) + "," + (i % 20 ? "invoice" : "credit_note") + ",2026-" + mm +
           "-01,2026-" + mm + "-28," + (i % 7 ? "EUR" : "USD") + "," + amount + "," +
           (i % 4 ? amount : "0") + "," + (i % 50 ? "false" : "true") + ",true," +
           (i % 30 ? "" : "2026-12-15") + ",\n";
  }
  return csv;
}

// Writes the CSV files and a SQLite copy once; the directory lives as long as the process.
struct Snapshot {
  fs::path directory = fs::temp_directory_path() / ("dun_load_bench_" + std::to_string(::getpid()));
  std::string customers = customers_csv();
  std::string invoices = invoices_csv();

  Snapshot() {
    fs::create_directories(directory);
    std::ofstream(directory / "customers.csv", std::ios::binary) << customers;
    std::ofstream(directory / "invoices.csv", std::ios::binary) << invoices;
    write_sqlite();
  }
  ~Snapshot() { fs::remove_all(directory); }

  void write_sqlite() const {
    sqlite3* db = nullptr;
    sqlite3_open((directory / "snapshot.db").c_str(), &db);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const auto& [name, csv] : {std::pair{"customers", customers}, {"invoices", invoices}}) {
      std::string text = csv;
      dun::CsvReader reader(text);
      dun::CsvRecord record;
      reader.next(record);
      std::string create = std::string("CREATE TABLE ") + name + " (";
      std::string insert = std::string("INSERT INTO ") + name + " VALUES (";
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        create += (i ? ", " : "") + std::string(record.fields[i]) + " TEXT";
        insert += i ? ", ?" : "?";
      }
      sqlite3_exec(db, (create + ")").c_str(), nullptr, nullptr, nullptr);
      sqlite3_stmt* statement = nullptr;
      sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &statement, nullptr);
      while (reader.next(record)) {
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
          sqlite3_bind_text(statement, static_cast<int>(i + 1), record.fields[i].data(),
                            static_cast<int>(record.fields[i].size()), SQLITE_TRANSIENT);
        }
        sqlite3_step(statement);
        sqlite3_reset(statement);
      }
      sqlite3_finalize(statement);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
};

const Snapshot& snapshot() {
  static const Snapshot instance;
  return instance;
}

void BM_CsvTokenizer(benchmark::State& state) {
  std::string text = snapshot().invoices;  // no doubled quotes: tokenizing leaves it unchanged
  dun::CsvRecord record;
  for (auto _ : state) {
    dun::CsvReader reader(text);
    std::size_t fields = 0;
    while (reader.next(record)) fields += record.fields.size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CsvTokenizer)->Unit(benchmark::kMillisecond);

// Arg 1: the invoices file read by two threads (the default for a file this size), 0: by one.
void BM_LoadCsv(benchmark::State& state) {
  dun::LoadOptions options;
  if (state.range(0) == 0) options.two_thread_min_bytes = std::size_t{1} << 40;
  for (auto _ : state) {
    auto loaded = dun::load_csv_snapshot(snapshot().directory, options);
    if (!loaded.ok() || !loaded->quarantine.empty()) state.SkipWithError("bad snapshot");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetItemsProcessed(state.iterations() * kInvoices);
  state.SetBytesProcessed(static_cast<std::int64_t>(
      state.iterations() * (snapshot().invoices.size() + snapshot().customers.size())));
}
BENCHMARK(BM_LoadCsv)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadSqlite(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = dun::load_sqlite_snapshot(snapshot().directory / "snapshot.db");
    if (!loaded.ok() || !loaded->quarantine.empty()) state.SkipWithError("bad snapshot");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetItemsProcessed(state.iterations() * kInvoices);
}
BENCHMARK(BM_LoadSqlite)->Unit(benchmark::kMillisecond);

void BM_Aggregate(benchmark::State& state) {
  const auto loaded = dun::load_csv_snapshot(snapshot().directory);
  dun::RateTable rates(*dun::Currency::from_code("EUR"));
  (void)rates.set(*dun::Currency::from_code("USD"), "0.92");
  (void)rates.set(*dun::Currency::from_code("GBP"), "1.17");
  const dun::Date today = *dun::Date::parse("2026-07-01");
  for (auto _ : state) {
    auto aggregates = dun::compute_aggregates(loaded->portfolio, today, rates);
    benchmark::DoNotOptimize(aggregates);
  }
  state.SetItemsProcessed(state.iterations() * kInvoices);
}
BENCHMARK(BM_Aggregate)->Unit(benchmark::kMillisecond);

}  // namespace
