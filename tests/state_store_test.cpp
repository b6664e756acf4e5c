// The state store: schema and migrations, the run record, the one-transaction commit, loading
// sequence state, and damaged files.
#include "engine/store/state_store.hpp"

#include <sqlite3.h>

#include <array>
#include <fstream>

#include "engine/store/schema.hpp"
#include "store_test_access.hpp"
#include "store_test_support.hpp"

namespace dun {
namespace {

using testing::day;
using testing::email_action;
using testing::run_on;
using testing::sequence;

class StateStoreTest : public testing::StoreTest {
 protected:
  // A count straight from the file with the sqlite3 C API, independent of the store's own code.
  std::int64_t count_rows(const char* table) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(db_path().c_str(), &raw), SQLITE_OK);
    const std::string sql = std::string("SELECT count(*) FROM ") + table;
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
    EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
    const std::int64_t count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(raw);
    return count;
  }
};

TEST_F(StateStoreTest, CreatesTheSchemaInWalModeAndReopensIt) {
  {
    StateStore store = open_store();
    {
      auto journal = StateStoreTestAccess::database(store).prepare("PRAGMA journal_mode");
      ASSERT_TRUE(journal);
      ASSERT_TRUE(*journal.value().step());
      EXPECT_EQ(journal.value().column_text(0), "wal");
      auto foreign_keys = StateStoreTestAccess::database(store).prepare("PRAGMA foreign_keys");
      ASSERT_TRUE(foreign_keys);
      ASSERT_TRUE(*foreign_keys.value().step());
      EXPECT_EQ(foreign_keys.value().column_int64(0), 1);
      auto synchronous = StateStoreTestAccess::database(store).prepare("PRAGMA synchronous");
      ASSERT_TRUE(synchronous);
      ASSERT_TRUE(*synchronous.value().step());
      EXPECT_EQ(synchronous.value().column_int64(0), 2) << "FULL: a commit survives a power loss";
      auto temp_store = StateStoreTestAccess::database(store).prepare("PRAGMA temp_store");
      ASSERT_TRUE(temp_store);
      ASSERT_TRUE(*temp_store.value().step());
      EXPECT_EQ(temp_store.value().column_int64(0), 2)
          << "MEMORY: the statement journals of a run's commit are never files";
    }  // statements still stepping would keep the transaction below from committing
    auto committed = store.commit_run(run_on("2026-11-20"), {});
    ASSERT_TRUE(committed) << committed.error().message;
  }
  StateStore reopened = open_store();
  auto last = reopened.last_completed_run_date();
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, day("2026-11-20"));
  EXPECT_EQ(count_rows("schema_version"), 1);
}

// A new store is made of 16 KiB pages (fewer WAL frames for a first run's millions of rows); a
// store created with SQLite's 4 KiB pages keeps them and works as before.
TEST_F(StateStoreTest, ANewStoreHas16KiBPagesAndAnOlderOneKeepsItsOwn) {
  const auto page_size = [](const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, "PRAGMA page_size", -1, &statement, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
    const std::int64_t size = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(raw);
    return size;
  };
  {
    StateStore store = open_store();
    ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), {}));
  }
  EXPECT_EQ(page_size(db_path()), 16384);

  const std::filesystem::path older = directory_ / "older.db";
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(older.c_str(), &raw), SQLITE_OK);
    // WAL mode writes the file's header: its page size is set from then on.
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA page_size=4096; PRAGMA journal_mode=WAL;", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  {
    auto store = StateStore::open(older);
    ASSERT_TRUE(store) << store.error().message;
    ChangeBatch batch;
    batch.sequences.push_back(sequence("I1", "first", "2026-11-20"));
    auto committed = store.value().commit_run(run_on("2026-11-20"), batch);
    ASSERT_TRUE(committed) << committed.error().message;
  }
  EXPECT_EQ(page_size(older), 4096);
  auto reopened = StateStore::open(older);
  ASSERT_TRUE(reopened) << reopened.error().message;
  auto loaded = reopened.value().load_sequences();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->size(), 1U);
}

TEST_F(StateStoreTest, TablesAreStrict) {
  StateStore store = open_store();
  // A STRICT table refuses text in an INTEGER column instead of storing it.
  EXPECT_FALSE(StateStoreTestAccess::database(store).execute(
      "INSERT INTO runs (run_date, snapshot_fingerprint, scenario_fingerprints, started_at, "
      "ended_at, outcome, invoices) VALUES ('2026-01-01', '', '{}', '', '', 'completed', 'many')"));
}

TEST_F(StateStoreTest, MigratesStepByStepAndRefusesANewerFile) {
  auto database = sqlite::Database::open(db_path());
  ASSERT_TRUE(database);
  const std::array<std::string_view, 1> old_program = {"CREATE TABLE a (x INTEGER) STRICT;"};
  const std::array<std::string_view, 2> new_program = {"CREATE TABLE a (x INTEGER) STRICT;",
                                                       "CREATE TABLE b (y INTEGER) STRICT;"};
  auto first = migrate_schema(database.value(), old_program);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, 1);
  auto second = migrate_schema(database.value(), new_program);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, 2);
  EXPECT_TRUE(database.value().execute("INSERT INTO b (y) VALUES (1)"));
  auto again = migrate_schema(database.value(), new_program);
  ASSERT_TRUE(again) << "an up-to-date file is left alone";

  auto refused = migrate_schema(database.value(), old_program);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("schema version 2 but this dun knows versions up to 1"),
            std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("dun.db"), std::string::npos);
}

TEST_F(StateStoreTest, AFailedMigrationStepLeavesTheVersionAsItWas) {
  auto database = sqlite::Database::open(db_path());
  ASSERT_TRUE(database);
  const std::array<std::string_view, 2> steps = {"CREATE TABLE a (x INTEGER) STRICT;",
                                                 "CREATE TABLE c (z INTEGER); NOT SQL;"};
  auto failed = migrate_schema(database.value(), steps);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("migrating to schema version 2 failed"), std::string::npos)
      << failed.error().message;
  auto version = migrate_schema(database.value(), std::span(steps).first(1));
  ASSERT_TRUE(version) << "still at version 1: " << version.error().message;
  EXPECT_TRUE(database.value().execute("CREATE TABLE c (z INTEGER)")) << "step 2 was rolled back";
}

TEST_F(StateStoreTest, RunsMoveForwardInTime) {
  StateStore store = open_store();
  auto first = store.begin_run(day("2026-11-20"));
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->last_completed);
  EXPECT_FALSE(first->repeats_last_date);
  ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), {}));

  auto same = store.begin_run(day("2026-11-20"));
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->repeats_last_date);
  auto later = store.begin_run(day("2026-11-23"));
  ASSERT_TRUE(later);
  EXPECT_FALSE(later->repeats_last_date);
  EXPECT_EQ(later->last_completed, day("2026-11-20"));

  auto earlier = store.begin_run(day("2026-11-19"));
  ASSERT_FALSE(earlier);
  EXPECT_EQ(earlier.error().message,
            "the run date 2026-11-19 is before the last completed run (2026-11-20): runs move "
            "forward in time; use `dun simulate` to look at other dates");
  EXPECT_FALSE(store.commit_run(run_on("2026-11-19"), {})) << "checked again at commit";

  RunRecord failed = run_on("2026-11-25");
  failed.outcome = RunOutcome::failed;
  failed.message = "strict: 3 bad rows";
  ASSERT_TRUE(store.commit_run(failed, {}));
  EXPECT_EQ(*store.last_completed_run_date(), day("2026-11-20")) << "a failed run does not count";
}

TEST_F(StateStoreTest, CommitsTheWholeBatchWithTheRun) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.sequences = {sequence("INV-2", "first", "2026-11-20"), sequence("INV-1", "", "2026-11-20")};
  batch.step_events = {
      {"INV-2", "standard_b2b", "first", StepStatus::fired, "", day("2026-11-20"), "a1"}};
  batch.actions = {email_action("a1", {"INV-2"}, "2026-11-20")};
  batch.events = {{"INV-2", "C1", day("2026-11-20"), EventKind::step_fired, "first"}};
  batch.quarantine = {{"invoices.csv", 7, "due_date", "bad date '2026-02-30'", "INV-9"}};
  RunRecord record = run_on("2026-11-20");
  record.counts.actions = 1;
  auto report = store.commit_run(record, batch);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->actions_created, 1);
  EXPECT_TRUE(report->duplicate_action_ids.empty());

  EXPECT_EQ(count_rows("runs"), 1);
  EXPECT_EQ(count_rows("sequences"), 2);
  EXPECT_EQ(count_rows("step_events"), 1);
  EXPECT_EQ(count_rows("actions"), 1);
  EXPECT_EQ(count_rows("action_invoices"), 1);
  EXPECT_EQ(count_rows("events"), 1);
  auto quarantine = store.quarantine_of_run(report->run_id);
  ASSERT_TRUE(quarantine);
  ASSERT_EQ(quarantine->size(), 1U);
  EXPECT_EQ(quarantine->front().position, 7);
  EXPECT_EQ(quarantine->front().reason, "bad date '2026-02-30'");
}

TEST_F(StateStoreTest, AFailureMidBatchLeavesNothing) {
  StateStore store = open_store();
  ChangeBatch batch;
  for (int i = 0; i < 100; ++i) {
    batch.sequences.push_back(sequence("INV-" + std::to_string(i), "", "2026-11-20"));
  }
  batch.actions = {email_action("a1", {"INV-1"}, "2026-11-20")};
  Action broken = email_action("a2", {"INV-2"}, "2026-11-20");
  broken.channel = Channel::letter;  // a letter without a letter type: the schema refuses it
  batch.actions.push_back(broken);
  batch.events = {{"INV-1", "C1", day("2026-11-20"), EventKind::step_fired, ""}};

  auto report = store.commit_run(run_on("2026-11-20"), batch);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("CHECK constraint failed"), std::string::npos)
      << report.error().message;
  for (const char* table : {"runs", "sequences", "actions", "action_invoices", "events"}) {
    EXPECT_EQ(count_rows(table), 0) << table;
  }
  EXPECT_FALSE(*store.last_completed_run_date());
  ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), {})) << "the store is usable afterwards";
}

TEST_F(StateStoreTest, AStepEventNeedsItsSequence) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.step_events = {
      {"INV-X", "standard_b2b", "first", StepStatus::fired, "", day("2026-11-20"), ""}};
  auto report = store.commit_run(run_on("2026-11-20"), batch);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("FOREIGN KEY"), std::string::npos)
      << report.error().message;
}

TEST_F(StateStoreTest, AnActionIdIsNeverStoredTwice) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.actions = {email_action("a1", {"INV-1"}, "2026-11-20"),
                   email_action("a2", {"INV-2"}, "2026-11-20")};
  testing::add_task(batch, "t1", TaskKind::confirm, {"INV-3"}, "2026-11-20");
  auto first = store.commit_run(run_on("2026-11-20"), batch);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->actions_created, 3);
  ASSERT_EQ(first->tasks_created.size(), 1U);
  EXPECT_GT(first->tasks_created[0].id, 0);

  // The same day again (a re-run, or a run resumed after a crash), plus one new action; a
  // duplicate keeps its first content.
  batch.actions[0].payload = "changed";
  batch.actions.push_back(email_action("a3", {"INV-3"}, "2026-11-20"));
  auto second = store.commit_run(run_on("2026-11-20"), batch);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->actions_created, 1);
  EXPECT_EQ(second->duplicate_action_ids, (std::vector<std::string>{"a1", "a2", "t1"}));
  EXPECT_TRUE(second->tasks_created.empty());
  EXPECT_EQ(second->duplicate_task_action_ids, std::vector<std::string>{"t1"});
  EXPECT_EQ(count_rows("actions"), 4);
  EXPECT_EQ(count_rows("action_invoices"), 4);
  EXPECT_EQ(count_rows("tasks"), 1);
  auto kept = store.find_action("a1");
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->payload, "Dear customer");
}

TEST_F(StateStoreTest, LoadsSequenceStateInColumnsSortedByInvoice) {
  StateStore store = open_store();
  ChangeBatch day_one;
  day_one.sequences = {sequence("INV-B", "first", "2026-11-20"),
                       sequence("INV-A", "", "2026-11-20"),
                       sequence("INV-C", "second", "2026-11-20")};
  day_one.step_events = {
      {"INV-B", "standard_b2b", "first", StepStatus::fired, "", day("2026-11-20"), ""},
      {"INV-C", "standard_b2b", "first", StepStatus::skipped, "condition", day("2026-11-10"), ""},
      {"INV-C", "standard_b2b", "second", StepStatus::pending_confirmation, "", day("2026-11-20"),
       ""},
      {"INV-C", "old_scenario", "first", StepStatus::fired, "", day("2026-10-01"), ""}};
  ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), day_one));
  ChangeBatch day_two;  // INV-B is paid: closed, and its step event is kept
  day_two.sequences = {sequence("INV-B", "first", "2026-11-20")};
  day_two.sequences[0].state = SequenceState::closed;
  day_two.sequences[0].updated_on = day("2026-11-21");
  ASSERT_TRUE(store.commit_run(run_on("2026-11-21"), day_two));

  auto loaded = store.load_sequences();
  ASSERT_TRUE(loaded) << loaded.error().message;
  const SequenceTable& table = *loaded;
  ASSERT_EQ(table.size(), 3U);
  EXPECT_EQ(table.invoice_ids[0], "INV-A");
  EXPECT_EQ(table.invoice_ids[1], "INV-B");
  EXPECT_EQ(table.invoice_ids[2], "INV-C");
  EXPECT_EQ(table.name(table.last_step[0]), "");
  EXPECT_EQ(table.name(table.last_step[2]), "second");
  EXPECT_EQ(table.name(table.scenario[1]), "standard_b2b");
  EXPECT_EQ(table.state[1], SequenceState::closed);
  EXPECT_EQ(table.updated_on[1], day("2026-11-21"));
  EXPECT_EQ(table.started_on[1], day("2026-11-20"));
  EXPECT_EQ(table.customer_ids[2], "C1");
  ASSERT_EQ(table.event_begin, (std::vector<std::uint32_t>{0, 0, 1, 3}))
      << "INV-C's event of another scenario is not loaded";
  auto skipped = table.find_event(2, "first");
  ASSERT_TRUE(skipped);
  EXPECT_EQ(table.event_status[*skipped], StepStatus::skipped);
  EXPECT_EQ(table.name(table.event_reason[*skipped]), "condition");
  EXPECT_EQ(table.event_date[*skipped], day("2026-11-10"));
  EXPECT_FALSE(table.find_event(0, "first"));
  EXPECT_EQ(table.find("INV-C"), 2U);
  EXPECT_FALSE(table.find("INV-0"));
  EXPECT_FALSE(table.find("INV-D"));

  auto one = store.find_sequence("INV-B");
  ASSERT_TRUE(one && *one) << "found by key";
  EXPECT_EQ((*one)->state, SequenceState::closed);
  EXPECT_EQ((*one)->last_step, "first");
  EXPECT_EQ((*one)->updated_on, day("2026-11-21"));
  EXPECT_FALSE(*store.find_sequence("INV-Z"));
}

// The run's load of all sequences reads every page once: SQLite's page cache stays small while it
// does (Database::SmallCacheScope), instead of keeping up to 64 MiB of pages the run never reads
// again (docs/state-store.md, "Memory").
TEST_F(StateStoreTest, LoadingAllSequencesKeepsThePageCacheSmall) {
  StateStore store = open_store();
  ChangeBatch batch;
  constexpr int kSequences = 200'000;  // ~20 MB of sequence rows, well above the 4 MiB limit
  for (int i = 0; i < kSequences; ++i) {
    batch.sequences.push_back(sequence("INVOICE-WITH-A-LONGER-ID-" + std::to_string(1'000'000 + i),
                                       "first", "2026-11-20"));
  }
  ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), batch));
  StateStore reopened = open_store();  // a cold cache, as at the start of a run

  sqlite3_int64 current = 0;
  sqlite3_int64 highest = 0;
  ASSERT_EQ(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 1), SQLITE_OK);
  const sqlite3_int64 before = current;
  auto loaded = reopened.load_sequences();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->size(), static_cast<std::size_t>(kSequences));
  ASSERT_EQ(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0), SQLITE_OK);
  EXPECT_LT(highest - before, 8 << 20)
      << "SQLite's memory grew by " << (highest - before) << " bytes during the load";
}

// A run's commit spills its dirty pages to the WAL past 16 MiB instead of holding them in SQLite's
// page cache (64 MiB otherwise): a first day writes millions of rows, and the cache was ~50 MB of
// its peak memory at a million invoices (docs/state-store.md, "Memory").
TEST_F(StateStoreTest, ARunsCommitKeepsThePageCacheSmall) {
  StateStore store = open_store();
  ChangeBatch batch;
  constexpr int kSequences = 300'000;  // ~45 MB of sequence rows and index entries
  std::vector<std::string> ids;
  ids.reserve(kSequences);
  for (int i = 0; i < kSequences; ++i) {
    ids.push_back("INVOICE-WITH-A-LONGER-ID-" + std::to_string(1'000'000 + i));
  }
  for (const std::string& id : ids) {
    batch.sequences.push_back(SequenceUpdate{id, "C1", "s", SequenceState::active, "first",
                                             day("2026-11-20"), day("2026-11-20")});
  }
  sqlite3_int64 current = 0;
  sqlite3_int64 highest = 0;
  ASSERT_EQ(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 1), SQLITE_OK);
  const sqlite3_int64 before = current;
  ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), batch));
  ASSERT_EQ(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0), SQLITE_OK);
  EXPECT_LT(highest - before, 20 << 20)
      << "SQLite's memory grew by " << (highest - before) << " bytes during the commit";
  auto loaded = store.load_sequences();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->size(), static_cast<std::size_t>(kSequences));
}

TEST_F(StateStoreTest, AFileThatIsNotADatabaseIsAClearError) {
  {
    std::ofstream garbage(db_path(), std::ios::binary);
    garbage << std::string(8192, 'x');
  }
  auto store = StateStore::open(db_path());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find(db_path().string() + ": "), std::string::npos)
      << store.error().message;
  EXPECT_NE(store.error().message.find("file is not a database"), std::string::npos)
      << store.error().message;
}

TEST_F(StateStoreTest, AMissingDirectoryIsAClearError) {
  auto store = StateStore::open(directory_ / "no" / "such" / "dir" / "dun.db");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("unable to open database file"), std::string::npos)
      << store.error().message;
}

TEST_F(StateStoreTest, ADamagedDatabaseGivesErrorsNotACrash) {
  {
    StateStore store = open_store();
    ChangeBatch batch;
    for (int i = 0; i < 2000; ++i) {
      batch.sequences.push_back(sequence("INV-" + std::to_string(i), "first", "2026-11-20"));
    }
    ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), batch));
    ASSERT_TRUE(StateStoreTestAccess::database(store).execute("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  // Overwrite every page but the first (the header stays valid, the b-trees do not).
  const auto size = std::filesystem::file_size(db_path());
  {
    std::fstream file(db_path(), std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(4096);
    file << std::string(size - 4096, '\x5a');
  }
  // Depending on where the damage falls, opening (reading the schema) or loading fails: either
  // way a message naming the file, never a crash.
  auto store = StateStore::open(db_path());
  std::string message;
  if (!store) {
    message = store.error().message;
  } else {
    auto loaded = store.value().load_sequences();
    ASSERT_FALSE(loaded);
    message = loaded.error().message;
  }
  EXPECT_NE(message.find("dun.db: "), std::string::npos) << message;
  EXPECT_NE(message.find("malformed"), std::string::npos) << message;
}

TEST_F(StateStoreTest, AHandEditedValueIsReportedAsDamage) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.sequences = {sequence("INV-1", "", "2026-11-20")};
  ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), batch));
  ASSERT_TRUE(StateStoreTestAccess::database(store).execute(
      "UPDATE sequences SET started_on = '2026-13-45'"));
  auto loaded = store.load_sequences();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("the date '2026-13-45', which dun never writes"),
            std::string::npos)
      << loaded.error().message;
  auto next = store.commit_run(run_on("2026-11-21"), {});
  EXPECT_TRUE(next) << "a failed load leaves no transaction open: " << next.error().message;
}

}  // namespace
}  // namespace dun
