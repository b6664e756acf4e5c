#include "engine/scenario_tests/scenario_test.hpp"

#include <fstream>
#include <span>

#include "engine/run/agenda.hpp"
#include "engine/run/run.hpp"
#include "engine/scenario_tests/test_emitted.hpp"
#include "engine/scenario_tests/test_snapshot.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

// A test walks every day of its span; ten years is far more than any follow-up plan needs, and
// refusing longer spans turns a mistyped year into a message instead of a very long wait.
constexpr std::int32_t kMaxSpanDays = 3660;

using dsl::ast::TestEventKind;

// The test's own copy of the portfolio as it stands on the day being run.
class TestDay {
 public:
  explicit TestDay(ScenarioTestResult& result) : result_(result) {}

  void fail(std::uint32_t line, Date date, std::string message) {
    result_.failures.push_back({line, date, "on " + date.to_string() + ": " + std::move(message)});
  }

  // `pay`, `dispute`, `resolve`, `promise`: they change that day's snapshot.
  void apply_to_portfolio(const dsl::TestDayEvent& event,
                          std::vector<dsl::TestInvoiceData>& invoices) {
    for (std::size_t index : event.invoices) {
      dsl::TestInvoiceData& invoice = invoices[index];
      switch (event.kind) {
        case TestEventKind::pay:
          pay(event, invoice);
          break;
        case TestEventKind::dispute:
          invoice.disputed = true;
          break;
        case TestEventKind::resolve:
          invoice.disputed = false;
          break;
        case TestEventKind::promise:
          invoice.promise_date = event.promise_date;
          break;
        default:
          break;
      }
    }
  }

  // `confirm`, `complete`, `cancel`: the collector works the agenda after the day's run.
  void apply_to_agenda(const dsl::TestDayEvent& event, StateStore& store,
                       const std::filesystem::path& jsonl) {
    if (event.kind != TestEventKind::confirm && event.kind != TestEventKind::complete &&
        event.kind != TestEventKind::cancel) {
      return;
    }
    auto open = store.list_tasks(/*open_only=*/true);
    if (!open) {
      fail(event.line, event.date, open.error().message);
      return;
    }
    const AgendaVerb verb = event.kind == TestEventKind::confirm    ? AgendaVerb::confirm
                            : event.kind == TestEventKind::complete ? AgendaVerb::complete
                                                                    : AgendaVerb::cancel;
    std::size_t closed = 0;
    for (const Task& task : *open) {
      if (verb == AgendaVerb::confirm && task.kind != TaskKind::confirm) continue;
      if (verb == AgendaVerb::complete && task.kind != TaskKind::task) continue;
      auto outcome = close_agenda_task(store, task.id, verb, event.date, "dun test", jsonl);
      if (!outcome) {
        fail(event.line, event.date, outcome.error().message);
        continue;
      }
      ++closed;
    }
    if (closed > 0) return;
    const char* what = verb == AgendaVerb::confirm    ? "confirm: there is no open confirm-task"
                       : verb == AgendaVerb::complete ? "complete: there is no open task"
                                                      : "cancel: there is no open task";
    fail(event.line, event.date,
         std::string(what) + " in the agenda (has the step fired? was the invoice settled?)");
  }

 private:
  void pay(const dsl::TestDayEvent& event, dsl::TestInvoiceData& invoice) {
    if (!event.amount) return;
    const Money& amount = *event.amount;
    if (amount.currency != invoice.balance.currency) {
      fail(event.line, event.date,
           "pay " + format_money(amount) + ": invoice " + invoice.id + " is in " +
               std::string(invoice.balance.currency.code()) + "; pay in that currency");
      return;
    }
    if (amount.minor > invoice.balance.minor) {
      fail(event.line, event.date,
           "pay " + format_money(amount) + ": more than the balance of invoice " + invoice.id +
               " (" + format_money(invoice.balance) + ")");
      return;
    }
    invoice.balance.minor -= amount.minor;
  }

  ScenarioTestResult& result_;
};

Status write_text(const std::filesystem::path& path, const std::string& text) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) return Error{"cannot write " + path.string()};
  return Status::Ok();
}

// The day's run, then its agenda work, then what it emitted against what it expects.
void run_one_day(const dsl::TestCase& test, Date day,
                 std::span<const dsl::TestDayEvent* const> events, const RunOptions& run,
                 std::uintmax_t& jsonl_offset, TestDay& test_day, ScenarioTestResult& result,
                 bool& stop) {
  dsl::Diagnostics diagnostics;
  auto summary = run_day(run, diagnostics);
  if (!summary) {
    test_day.fail(test.line, day, "the daily run failed: " + summary.error().message);
    stop = true;
    return;
  }
  for (const QuarantinedRow& row : summary->quarantine) {
    test_day.fail(test.line, day, "the test's snapshot has a bad row: " + row.to_string());
  }
  for (const EvaluationErrorRecord& error : summary->errors) {
    test_day.fail(test.line, day,
                  "evaluation error for invoice " + error.invoice + " (" + error.clause +
                      "): " + error.message);
  }
  auto store = StateStore::open(run.database);
  if (!store) {
    test_day.fail(test.line, day, store.error().message);
    stop = true;
    return;
  }
  for (const dsl::TestDayEvent* event : events)
    test_day.apply_to_agenda(*event, store.value(), *run.jsonl);
  auto emitted = read_emitted_actions(*run.jsonl, jsonl_offset, store.value());
  if (!emitted) {
    test_day.fail(test.line, day, emitted.error().message);
    stop = true;
    return;
  }
  std::vector<const dsl::TestDayEvent*> expectations;
  for (const dsl::TestDayEvent* event : events) {
    if (event->kind == TestEventKind::expect_action || event->kind == TestEventKind::expect_nothing)
      expectations.push_back(event);
  }
  for (TestFailure& failure : compare_day(day, expectations, *emitted, test.task_sources))
    result.failures.push_back(std::move(failure));
}

}  // namespace

std::optional<TestSpan> test_span(const dsl::TestCase& test) {
  if (test.events.empty()) return std::nullopt;
  TestSpan span{test.events.front().date, test.events.back().date};
  for (const dsl::TestInvoiceData& invoice : test.invoices) {
    if (invoice.issued < span.first) span.first = invoice.issued;
  }
  return span;
}

ScenarioTestResult run_scenario_test(const dsl::TestCase& test,
                                     const ScenarioTestOptions& options) {
  ScenarioTestResult result;
  const std::optional<TestSpan> span = test_span(test);
  if (!span) {
    result.failures.push_back(
        {test.line, std::nullopt,
         "the test has no 'on' line, so it checks nothing: add one, like 'on 2026-01-19 expect "
         "email \"first_reminder\"'"});
    return result;
  }
  result.first_day = span->first;
  result.last_day = span->last;
  if (span->last - span->first > kMaxSpanDays) {
    result.failures.push_back({test.line, std::nullopt,
                               "the test spans " + std::to_string(span->last - span->first) +
                                   " days (from " + span->first.to_string() +
                                   ", the earliest issue or 'on' date, to " +
                                   span->last.to_string() + "); keep it under " +
                                   std::to_string(kMaxSpanDays) + " days (is a year mistyped?)"});
    return result;
  }

  RunOptions run(options.config);
  run.scenarios = options.work_dir / "scenarios";
  run.snapshot = options.work_dir / "snapshot";
  run.templates = options.templates;
  run.database = options.work_dir / "dun.db";
  run.jsonl = options.work_dir / "actions.jsonl";
  run.backend = options.backend;
  // A test's days are written by hand (an invoice paid, gone, its only invoice removed): the
  // sanity gate guards real exports, not the story a test tells.
  run.accept_snapshot = true;
  if (auto written = write_text(run.scenarios / options.scenario_file_name, options.scenario_text);
      !written) {
    result.failures.push_back({test.line, std::nullopt, written.error().message});
    return result;
  }

  std::vector<dsl::TestInvoiceData> invoices = test.invoices;
  TestDay test_day(result);
  std::uintmax_t jsonl_offset = 0;
  std::size_t next_event = 0;
  bool stop = false;
  for (Date day = span->first; day <= span->last && !stop; day = day + 1) {
    std::vector<const dsl::TestDayEvent*> events;
    while (next_event < test.events.size() && test.events[next_event].date == day)
      events.push_back(&test.events[next_event++]);
    for (const dsl::TestDayEvent* event : events) test_day.apply_to_portfolio(*event, invoices);
    run.date = day;
    if (auto written = write_test_snapshot(test, invoices, day, run.snapshot, run.config.fields);
        !written) {
      test_day.fail(test.line, day, written.error().message);
      break;
    }
    run_one_day(test, day, events, run, jsonl_offset, test_day, result, stop);
  }
  return result;
}

}  // namespace dun
