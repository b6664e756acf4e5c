// How a batch's sequences, step events and history events reach the store: one INSERT … SELECT
// per table from the batch itself (engine/store/batch_rows_table.hpp, store_batch.cpp). What one
// statement for many rows must keep from the row-by-row writes it replaced: a key written twice in
// one batch, the step events' repetition kept unless a row names one, the history's order and
// NULL ids, a failing row that leaves nothing, and nothing of it in the database's schema. Also
// the history's indexes set aside and built again for a batch as large as the history, and a
// batch handed over by value, freed table by table as it is written.
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store_test_support.hpp"

namespace dun {
namespace {

using testing::day;
using testing::email_action;
using testing::run_on;
using testing::sequence;

class StoreBatchWrites : public testing::StoreTest {
 protected:
  // One text column of a query, row by row, read with the sqlite3 C API (not the store's code).
  std::vector<std::string> column(const std::string& sql) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(db_path().c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
    std::vector<std::string> values;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      values.emplace_back(text == nullptr ? "NULL" : reinterpret_cast<const char*>(text));
    }
    sqlite3_finalize(statement);
    sqlite3_close(raw);
    return values;
  }

  static StepEvent step_event(const char* step, StepStatus status, const char* date,
                              std::optional<int> repetition) {
    return {"INV-1", "standard_b2b", step, status, "", day(date), "", repetition};
  }
};

TEST_F(StoreBatchWrites, ASequenceTwiceInOneBatchKeepsItsLastRow) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.sequences = {sequence("INV-2", "first", "2026-01-19"), sequence("INV-1", "", "2026-01-19"),
                     sequence("INV-2", "second", "2026-01-19")};
  ASSERT_TRUE(store.commit_run(run_on("2026-01-19"), batch));
  EXPECT_EQ(column("SELECT invoice_id || ':' || coalesce(last_step, 'NULL') FROM sequences "
                   "ORDER BY invoice_id"),
            (std::vector<std::string>{"INV-1:NULL", "INV-2:second"}));
}

TEST_F(StoreBatchWrites, AStepEventTwiceInOneBatchKeepsItsLastRowAndTheLastRepetitionGiven) {
  StateStore store = open_store();
  ChangeBatch first;
  first.sequences = {sequence("INV-1", "third", "2026-01-19")};
  first.step_events = {
      step_event("kept", StepStatus::fired, "2026-01-19", 5),
      // A repetition, then a row that names none (a confirmation): the repetition stays.
      step_event("first", StepStatus::pending_confirmation, "2026-01-19", 2),
      step_event("first", StepStatus::completed, "2026-01-19", std::nullopt),
      // A row without, then one with: the last row, its repetition.
      step_event("second", StepStatus::skipped, "2026-01-19", std::nullopt),
      step_event("second", StepStatus::fired, "2026-01-19", 3),
      // Never a repetition: 0.
      step_event("third", StepStatus::fired, "2026-01-19", std::nullopt),
      step_event("third", StepStatus::completed, "2026-01-19", std::nullopt)};
  ASSERT_TRUE(store.commit_run(run_on("2026-01-19"), first));
  // Two rows naming no repetition for a stored event keep the stored one.
  ChangeBatch next;
  next.step_events = {step_event("kept", StepStatus::pending_confirmation, "2026-01-20", {}),
                      step_event("kept", StepStatus::completed, "2026-01-20", {})};
  ASSERT_TRUE(store.commit_run(run_on("2026-01-20"), next));
  EXPECT_EQ(
      column("SELECT step || ':' || status || ':' || repetition || ':' || event_date "
             "FROM step_events ORDER BY step"),
      (std::vector<std::string>{"first:completed:2:2026-01-19", "kept:completed:5:2026-01-20",
                                "second:fired:3:2026-01-19", "third:completed:0:2026-01-19"}));
}

TEST_F(StoreBatchWrites, HistoryEventsKeepTheBatchsOrderAndAnEmptyIdIsNull) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.sequences = {sequence("INV-1", "", "2026-01-19")};
  batch.events = {{"INV-9", "C1", day("2026-01-19"), EventKind::step_skipped, "b"},
                  {"", "C1", day("2026-01-19"), EventKind::override_set, "assign"},
                  {"INV-1", "", day("2026-01-18"), EventKind::step_fired, "a"}};
  auto report = store.commit_run(run_on("2026-01-19"), batch);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(column("SELECT coalesce(invoice_id, 'NULL') || ':' || coalesce(customer_id, 'NULL') || "
                   "':' || kind || ':' || detail || ':' || event_date || ':' || run_id "
                   "FROM events ORDER BY id"),
            (std::vector<std::string>{
                "INV-9:C1:step_skipped:b:2026-01-19:" + std::to_string(report->run_id),
                "NULL:C1:override:assign:2026-01-19:" + std::to_string(report->run_id),
                "INV-1:NULL:step_fired:a:2026-01-18:" + std::to_string(report->run_id)}));
}

TEST_F(StoreBatchWrites, AHistoryEventWithoutAnyIdFailsTheCommitAndLeavesNothing) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.sequences = {sequence("INV-1", "", "2026-01-19")};
  batch.events = {{"INV-1", "C1", day("2026-01-19"), EventKind::step_fired, ""},
                  {"", "", day("2026-01-19"), EventKind::step_fired, ""}};
  auto report = store.commit_run(run_on("2026-01-19"), batch);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("CHECK constraint failed"), std::string::npos)
      << report.error().message;
  for (const char* table : {"runs", "sequences", "events"}) {
    EXPECT_EQ(column(std::string("SELECT count(*) FROM ") + table), std::vector<std::string>{"0"})
        << table;
  }
}

TEST_F(StoreBatchWrites, TheBatchTablesLeaveNothingInTheSchema) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.sequences = {sequence("INV-1", "", "2026-01-19")};
  batch.events = {{"INV-1", "C1", day("2026-01-19"), EventKind::step_fired, ""}};
  ASSERT_TRUE(store.commit_run(run_on("2026-01-19"), batch));
  EXPECT_EQ(column("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'batch%'"),
            std::vector<std::string>{"0"});
  // Another connection does not know them at all.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_path().c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_NE(
      sqlite3_prepare_v2(raw, "SELECT count(*) FROM batch_sequences", -1, &statement, nullptr),
      SQLITE_OK);
  EXPECT_STREQ(sqlite3_errmsg(raw), "no such table: batch_sequences");
  sqlite3_finalize(statement);
  sqlite3_close(raw);
}

// The schema's text of the history's indexes, and SQLite's schema cookie (it changes with any
// CREATE or DROP).
struct HistorySchema {
  std::vector<std::string> indexes;
  std::string cookie;
};

class HistoryIndexes : public StoreBatchWrites {
 protected:
  HistorySchema history_schema() {
    return {column("SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' AND "
                   "tbl_name = 'events' ORDER BY name"),
            column("PRAGMA schema_version").at(0)};
  }
  static ChangeBatch events_batch(int count, const char* date) {
    ChangeBatch batch;
    for (int i = 0; i < count; ++i) {
      batch.events.push_back(
          {testing::kept("INV-" + std::to_string(i)), "C1", day(date), EventKind::step_fired, ""});
    }
    return batch;
  }
};

TEST_F(HistoryIndexes, AreBuiltAgainForABatchAsLargeAsTheHistoryAndKeptForASmallerOne) {
  StateStore store = open_store();
  const HistorySchema created = history_schema();
  ASSERT_EQ(created.indexes.size(), 2U);
  ASSERT_TRUE(store.commit_run(run_on("2026-01-19"), events_batch(100, "2026-01-19")));
  const HistorySchema first = history_schema();
  EXPECT_EQ(first.indexes, created.indexes);
  EXPECT_NE(first.cookie, created.cookie) << "a first batch sets the indexes aside";
  ASSERT_TRUE(store.commit_run(run_on("2026-01-20"), events_batch(99, "2026-01-20")));
  EXPECT_EQ(history_schema().cookie, first.cookie) << "a smaller batch keeps them";
  ASSERT_TRUE(store.commit_run(run_on("2026-01-21"), events_batch(200, "2026-01-21")));
  EXPECT_NE(history_schema().cookie, first.cookie);
  EXPECT_EQ(history_schema().indexes, created.indexes);
  EXPECT_EQ(column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  // `dun history` reads them.
  const auto history = store.invoice_history("INV-7");
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 3U);
  EXPECT_EQ(column("SELECT detail FROM events INDEXED BY events_by_invoice WHERE invoice_id = "
                   "'INV-7' ORDER BY event_date")
                .size(),
            3U);
}

TEST_F(HistoryIndexes, AFailedCommitLeavesThemAsTheyWere) {
  StateStore store = open_store();
  const HistorySchema created = history_schema();
  ChangeBatch batch = events_batch(10, "2026-01-19");
  batch.events.push_back({"", "", day("2026-01-19"), EventKind::step_fired, ""});  // no id
  ASSERT_FALSE(store.commit_run(run_on("2026-01-19"), batch));
  EXPECT_EQ(history_schema().indexes, created.indexes);
  EXPECT_EQ(column("SELECT count(*) FROM events"), std::vector<std::string>{"0"});
}

TEST_F(StoreBatchWrites, ABatchHandedOverIsFreedTableByTableAndStoredTheSame) {
  ChangeBatch batch;
  batch.sequences = {sequence("INV-1", "first", "2026-01-19")};
  batch.step_events = {step_event("first", StepStatus::fired, "2026-01-19", 0)};
  batch.events = {{"INV-1", "C1", day("2026-01-19"), EventKind::step_fired, "first"}};
  batch.actions = {email_action("a1", {"INV-1"}, "2026-01-19")};
  const auto stored = [&] {
    std::vector<std::string> rows;
    for (const char* table : {"sequences", "step_events", "events", "actions"}) {
      for (std::string& row : column(std::string("SELECT * FROM ") + table)) {
        rows.push_back(table + (": " + row));
      }
    }
    return rows;
  };
  {
    StateStore store = open_store();
    ASSERT_TRUE(store.commit_run(run_on("2026-01-19"), batch));
  }
  const std::vector<std::string> kept_batch = stored();
  std::filesystem::remove(db_path());
  StateStore store = open_store();
  ChangeBatch handed = batch;
  auto report = store.commit_run(run_on("2026-01-19"), std::move(handed));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(stored(), kept_batch);
  EXPECT_EQ(report->actions_created, 1);
  // NOLINTBEGIN(bugprone-use-after-move): what the store left of the batch is the point.
  EXPECT_EQ(handed.sequences.capacity(), 0U);
  EXPECT_EQ(handed.step_events.capacity(), 0U);
  EXPECT_EQ(handed.events.capacity(), 0U);
  EXPECT_EQ(handed.actions.size(), 1U) << "the jsonl lines are made from the actions";
  // NOLINTEND(bugprone-use-after-move)
}

}  // namespace
}  // namespace dun
