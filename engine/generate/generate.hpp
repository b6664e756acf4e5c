// `dun gen` as a library: a synthetic, realistic portfolio written as snapshot files, for the
// demo, the tests and the benchmarks. docs/gen.md describes the distributions.
//
// Deterministic: the same options give byte-identical CSV files on every platform (the generator
// draws from its own xoshiro256** generator with integer-only distributions; no clock, no
// std::*_distribution, no floating point). snapshot.db and the PDFs hold the same content
// everywhere; their bytes also depend on the SQLite and cairo versions and installed fonts.
//
// generate_portfolio keeps no state between calls and runs on the calling thread; two calls may
// run at once only into different out_dirs. The report is a plain value.
#pragma once

#include <cstdint>
#include <filesystem>

#include "stdlib/date.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

struct GenerateOptions {
  std::uint64_t invoices = 0;   // invoice rows of the first snapshot (credit notes included)
  std::uint64_t customers = 0;  // 0: invoices / 10, at least 1; never more than invoices
  std::uint64_t seed = 1;
  Date start = Date::from_ymd(2026, 1, 1);  // the date of the (first) snapshot
  // 0: one snapshot written directly in out_dir. K >= 1: K daily snapshots out_dir/YYYY-MM-DD/
  // from `start`, each complete, evolving by payments, new invoices, disputes and promises.
  std::uint32_t days = 0;
  std::filesystem::path out_dir;
  bool sqlite = false;  // also write snapshot.db beside the CSV files of each snapshot
  // Also write two custom columns (docs/gen.md): customers.autopay (bool) and
  // invoices.payment_url (a link to the invoice's payment page, empty for some customers).
  bool custom_columns = false;
};

inline constexpr std::uint64_t kMaxGeneratedInvoices = 100'000'000;
inline constexpr std::uint32_t kMaxGeneratedDays = 366;

struct GenerateReport {
  std::uint64_t customers = 0;
  std::uint64_t contacts = 0;
  std::uint64_t collectors = 0;
  std::uint64_t invoices = 0;  // every invoice of every snapshot, counted once
  std::uint32_t snapshots = 0;
  std::uint32_t pdfs = 0;  // distinct invoice PDFs
};

// A message for options that cannot be generated (no invoices, more customers than invoices…).
Status validate(const GenerateOptions& options);
// Validates, then writes the snapshot(s), creating out_dir if needed. Existing snapshot files in
// out_dir are replaced.
Result<GenerateReport> generate_portfolio(const GenerateOptions& options);

// Frees the process-wide font caches the PDF rendering leaves behind, so leak checkers stay
// quiet. Call at the end of a program, when no thread renders PDFs any more.
void release_generator_caches();

}  // namespace dun
