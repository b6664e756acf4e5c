// The state store at portfolio scale: one run's commit (1,000,000 sequence updates with their step
// events and history events, plus 200,000 actions of two invoices each, in ONE transaction) and
// the load of all sequence state at the start of the next run. Real files on disk, WAL, FULL sync.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "engine/model/action_id.hpp"
#include "engine/store/state_store.hpp"

namespace dun {
namespace {

// state.range(0) sequences, one action of two invoices per five sequences (200,000 for a
// million). Smaller sizes (--benchmark_filter=/100000) are for quick comparisons.
constexpr int kSequencesPerAction = 5;

std::filesystem::path fresh_directory() {
  const auto directory =
      std::filesystem::temp_directory_path() / ("dun_store_bench_" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  return directory;
}

std::string invoice_id(int n) { return "INV-" + std::to_string(10'000'000 + n); }

ChangeBatch portfolio_batch(Date today, int sequences) {
  const int actions = sequences / kSequencesPerAction;
  ChangeBatch batch;
  batch.sequences.reserve(sequences);
  batch.step_events.reserve(sequences);
  batch.events.reserve(sequences);
  for (int n = 0; n < sequences; ++n) {
    const std::string_view invoice = batch.text.keep(invoice_id(n));
    const std::string_view customer = batch.text.keep("C" + std::to_string(n / 5));
    batch.sequences.push_back(
        {invoice, customer, "standard_b2b", SequenceState::active, "first", today - 30, today});
    batch.step_events.push_back(
        {invoice, "standard_b2b", "first", StepStatus::fired, "", today, ""});
    batch.events.push_back({invoice, customer, today, EventKind::step_fired, "first"});
  }
  batch.actions.reserve(actions);
  for (int n = 0; n < actions; ++n) {
    Action action;
    action.invoices = {invoice_id(2 * n), invoice_id(2 * n + 1)};
    action.customer = "C" + std::to_string(2 * n / 5);
    action.scenario = "standard_b2b";
    action.step = "first";
    action.created_on = today;
    action.status_on = today;
    action.id =
        make_action_id({today, action.scenario, action.step, 0, action.customer, action.invoices});
    action.template_name = "first_reminder";
    action.language = "en";
    action.to = "ap@customer.example";
    action.payload = std::string(600, 'x');  // a rendered reminder of typical size
    batch.actions.push_back(std::move(action));
  }
  return batch;
}

void BM_CommitRun(benchmark::State& state) {
  const Date today = *Date::parse("2026-11-22");
  const int sequences = static_cast<int>(state.range(0));
  const int actions = sequences / kSequencesPerAction;
  const ChangeBatch batch = portfolio_batch(today, sequences);
  RunRecord record;
  record.date = today;
  record.snapshot_fingerprint = "bench";
  for (auto _ : state) {
    state.PauseTiming();
    const auto directory = fresh_directory();
    auto store = StateStore::open(directory / "dun.db");
    if (!store) {
      state.SkipWithError(store.error().message.c_str());
      return;
    }
    state.ResumeTiming();
    auto report = store.value().commit_run(record, batch);
    if (!report) {
      state.SkipWithError(report.error().message.c_str());
      return;
    }
    state.PauseTiming();
    state.counters["db_MiB"] =
        static_cast<double>(std::filesystem::file_size(directory / "dun.db") +
                            std::filesystem::file_size(directory / "dun.db-wal")) /
        (1024.0 * 1024.0);
    state.ResumeTiming();
  }
  const double rows = sequences * 3.0 + actions * 3.0;  // + 2 action_invoices per action
  state.counters["rows_per_s"] = benchmark::Counter(rows * static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
  state.counters["sequences_per_s"] = benchmark::Counter(
      sequences * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  std::filesystem::remove_all(fresh_directory());
}
BENCHMARK(BM_CommitRun)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

void BM_LoadSequences(benchmark::State& state) {
  const Date today = *Date::parse("2026-11-22");
  const int sequences = static_cast<int>(state.range(0));
  const auto directory = fresh_directory();
  {
    auto store = StateStore::open(directory / "dun.db");
    RunRecord record;
    record.date = today;
    ChangeBatch batch = portfolio_batch(today, sequences);
    batch.actions.clear();
    batch.events.clear();
    if (!store || !store.value().commit_run(record, batch)) {
      state.SkipWithError("cannot build the store");
      return;
    }
  }
  auto store = StateStore::open(directory / "dun.db");
  for (auto _ : state) {
    auto table = store.value().load_sequences();
    if (!table || table->size() != static_cast<std::size_t>(sequences)) {
      state.SkipWithError("load failed");
      return;
    }
    benchmark::DoNotOptimize(table->event_date.data());
  }
  state.counters["sequences_per_s"] = benchmark::Counter(
      sequences * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  std::filesystem::remove_all(directory);
}
BENCHMARK(BM_LoadSequences)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace
}  // namespace dun
