// dun_load_snapshot: loads one snapshot (a CSV directory or a SQLite .db) and computes the
// customer aggregates, printing what it loaded and how long each phase took. It is the program
// bench/load_snapshot.sh runs under /usr/bin/time -v for the end-to-end wall time and peak RSS.
//   dun_load_snapshot SNAPSHOT [TODAY]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "engine/portfolio/aggregate.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/load_sqlite.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dun_load_snapshot SNAPSHOT_DIR|SNAPSHOT.db [TODAY]\n");
    return 2;
  }
  const std::string path = argv[1];
  const auto today = dun::Date::parse(argc > 2 ? argv[2] : "2026-01-01");
  if (!today) {
    std::fprintf(stderr, "dun_load_snapshot: TODAY must be YYYY-MM-DD\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  // CPU seconds of this thread or of the whole process: the loader's second thread shows as
  // their difference, and this thread's share is the load's critical path on an idle machine.
  const auto cpu_ms = [](clockid_t clock) {
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
  };
  const double thread_cpu_start = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
  const double process_cpu_start = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
  const auto start = Clock::now();
  const bool is_sqlite = path.ends_with(".db");
  auto loaded = is_sqlite ? dun::load_sqlite_snapshot(path) : dun::load_csv_snapshot(path);
  if (!loaded.ok()) {
    std::fprintf(stderr, "dun_load_snapshot: %s\n", loaded.error().message.c_str());
    return 1;
  }
  const auto loaded_at = Clock::now();
  const double load_thread_cpu = cpu_ms(CLOCK_THREAD_CPUTIME_ID) - thread_cpu_start;
  const double load_process_cpu = cpu_ms(CLOCK_PROCESS_CPUTIME_ID) - process_cpu_start;
  // Every currency the generator uses, against EUR (the rates are only for the measurement).
  dun::RateTable rates(*dun::Currency::from_code("EUR"));
  for (const auto& [code, rate] : {std::pair{"USD", "0.92"},
                                   {"GBP", "1.17"},
                                   {"CHF", "1.05"},
                                   {"PLN", "0.23"},
                                   {"SEK", "0.087"},
                                   {"JPY", "0.0061"}}) {
    (void)rates.set(*dun::Currency::from_code(code), rate);
  }
  const dun::CustomerAggregates aggregates =
      dun::compute_aggregates(loaded->portfolio, *today, rates);
  const auto done = Clock::now();

  std::int64_t open_invoices = 0;
  for (const std::int32_t count : aggregates.open_count) open_invoices += count;
  const auto ms = [](auto duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
  };
  std::printf("%s: %zu customers, %zu contacts, %zu invoices (%lld open), %zu quarantined\n",
              is_sqlite ? "sqlite" : "csv", loaded->portfolio.customers.size(),
              loaded->portfolio.contacts.size(), loaded->portfolio.invoices.size(),
              static_cast<long long>(open_invoices), loaded->quarantine.size());
  std::printf("load %.1f ms, aggregates %.1f ms, total %.1f ms\n", ms(loaded_at - start),
              ms(done - loaded_at), ms(done - start));
  std::printf("load CPU: main thread %.1f ms, all threads %.1f ms\n", load_thread_cpu,
              load_process_cpu);
  return 0;
}
