// Schema version 4 (engine/store/schema_migrations.cpp): a state store written at version 2 keeps
// every row through the table rebuilds, the CHECKs still refuse what they refused, and no statement
// the run executes per row builds a temporary b-tree for a CHECK any more.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/store/schema.hpp"
#include "sqlite_rows.hpp"
#include "store_test_access.hpp"
#include "store_test_support.hpp"

namespace dun {
namespace {

using testing::table_rows;

// One row in every table the migration rebuilds, written with version 2's schema.
constexpr const char* kVersion2Rows = R"sql(
INSERT INTO runs (id, run_date, snapshot_fingerprint, scenario_fingerprints, started_at, ended_at,
                  outcome) VALUES (1, '2026-03-02', 's', '{}', 't0', 't1', 'completed');
INSERT INTO sequences VALUES ('I1', 'C1', 'standard_b2b', 'active', 'first', '2026-03-02',
                              '2026-03-02');
INSERT INTO step_events VALUES ('I1', 'standard_b2b', 'pre_due', 'skipped', 'late', '2026-03-02',
                                NULL);
INSERT INTO step_events VALUES ('I1', 'standard_b2b', 'first', 'fired', NULL, '2026-03-02', 'a1');
INSERT INTO actions (id, created_on, status_on, scenario, step, position, channel, mode,
                     customer_id, invoices, status)
  VALUES ('a1', '2026-03-02', '2026-03-02', 'standard_b2b', 'first', 0, 'task', 'task', 'C1',
          '["I1"]', 'open');
INSERT INTO action_invoices VALUES ('a1', 'I1');
INSERT INTO tasks (id, kind, status, created_on, scenario, step, customer_id, invoices, action_id)
  VALUES (7, 'task', 'open', '2026-03-02', 'standard_b2b', 'first', 'C1', '["I1"]', 'a1');
INSERT INTO events (id, invoice_id, customer_id, event_date, kind, detail, run_id)
  VALUES (41, 'I1', 'C1', '2026-03-02', 'step_fired', 'first (action a1)', 1);
INSERT INTO overrides VALUES ('pause', 'I1', NULL, '2026-04-01', '2026-03-02', 'anna');
)sql";

class StoreMigrationTest : public testing::StoreTest {};

TEST_F(StoreMigrationTest, Version3KeepsEveryRowAndForeignKeys) {
  auto database = sqlite::Database::open(db_path());
  ASSERT_TRUE(database) << database.error().message;
  sqlite::Database& db = database.value();
  auto version2 = migrate_schema(db, schema_migrations().first(2));
  ASSERT_TRUE(version2) << version2.error().message;
  ASSERT_EQ(*version2, 2);
  ASSERT_TRUE(db.execute(kVersion2Rows));

  const char* const queries[] = {
      "SELECT * FROM sequences", "SELECT * FROM step_events ORDER BY invoice_id, scenario, step",
      "SELECT * FROM actions",   "SELECT * FROM action_invoices",
      "SELECT * FROM tasks",     "SELECT * FROM events",
      "SELECT * FROM overrides",
  };
  std::vector<std::vector<std::string>> before;
  for (const char* query : queries) before.push_back(table_rows(db_path(), query));
  ASSERT_EQ(before[1].size(), 2U);

  // Up to version 4: version 5 adds columns (its own test below).
  auto latest = migrate_schema(db, schema_migrations().first(4));
  ASSERT_TRUE(latest) << latest.error().message;
  EXPECT_EQ(*latest, 4) << "through v3 (override events) and v4 (OR-chain CHECKs)";
  for (std::size_t i = 0; i < std::size(queries); ++i) {
    EXPECT_EQ(table_rows(db_path(), queries[i]), before[i]) << queries[i];
  }
  auto foreign_keys = db.prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(foreign_keys);
  ASSERT_TRUE(*foreign_keys.value().step());
  EXPECT_EQ(foreign_keys.value().column_int64(0), 1) << "foreign keys are on again after it";
  // The rebuilt step_events still cascades from the rebuilt sequences.
  ASSERT_TRUE(db.execute("DELETE FROM sequences WHERE invoice_id = 'I1'"));
  EXPECT_TRUE(table_rows(db_path(), "SELECT * FROM step_events").empty());
  // The indexes came back with their tables.
  EXPECT_EQ(table_rows(db_path(),
                       "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE "
                       "'sqlite_autoindex%' ORDER BY name"),
            (std::vector<std::string>{
                "action_invoices_by_invoice|", "actions_by_customer|", "actions_to_deliver|",
                "events_by_customer|", "events_by_invoice|", "quarantine_by_run|",
                "runs_by_outcome_date|", "sequences_by_customer|", "tasks_open|"}));
}

TEST_F(StoreMigrationTest, ChecksRefuseTheSameValuesAsBefore) {
  StateStore store = open_store();
  sqlite::Database& db = StateStoreTestAccess::database(store);
  EXPECT_FALSE(
      db.execute("INSERT INTO sequences VALUES ('I1', 'C1', 's', 'sleeping', NULL, '2026-03-02', "
                 "'2026-03-02')"));
  ASSERT_TRUE(
      db.execute("INSERT INTO sequences VALUES ('I1', 'C1', 's', 'stopped', NULL, '2026-03-02', "
                 "'2026-03-02')"));
  EXPECT_FALSE(db.execute(
      "INSERT INTO step_events VALUES ('I1', 's', 'a', 'fired_twice', NULL, '2026-03-02', "
      "NULL)"));
  EXPECT_FALSE(db.execute(
      "INSERT INTO events (invoice_id, event_date, kind) VALUES ('I1', '2026-03-02', 'lost')"));
  EXPECT_FALSE(db.execute(
      "INSERT INTO actions (id, created_on, status_on, scenario, step, position, channel, "
      "letter_type, mode, customer_id, invoices, status) VALUES ('a', 'd', 'd', 's', 'p', 0, "
      "'letter', 'pigeon', 'auto', 'C1', '[]', 'queued')"));
  EXPECT_FALSE(
      db.execute("INSERT INTO overrides VALUES ('forget', 'I1', NULL, NULL, '2026-03-02', '')"));
}

// The performance regression this version fixes: `x IN ('a', 'b', 'c')` in a CHECK made SQLite
// build a temporary b-tree (OpenEphemeral) at every insert. Since version 12 the run writes the
// sequences and step events as blocks (an insert through their views, which materialises the row
// for the INSTEAD OF trigger, is for the sqlite3 shell, not the run).
TEST_F(StoreMigrationTest, InsertsOfTheRunBuildNoTemporaryTable) {
  StateStore store = open_store();
  const char* const inserts[] = {
      "INSERT INTO sequence_blocks (first_invoice, entries) VALUES (?1, ?2)",
      "UPDATE sequence_blocks SET first_invoice = ?2, entries = ?3 WHERE id = ?1",
      "INSERT INTO undo_sequences (run_id, existed, invoice_id, customer_id, scenario, state, "
      "last_step, started_on, updated_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT DO NOTHING",
      "INSERT INTO undo_step_events (run_id, existed, invoice_id, scenario, step, status, reason, "
      "event_date, action_id, repetition) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "ON CONFLICT DO NOTHING",
      "INSERT INTO events (invoice_id, customer_id, event_date, kind, detail, run_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      "INSERT INTO actions (id, created_on, status_on, scenario, step, position, channel, "
      "letter_type, mode, customer_id, invoices, status) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
      "INSERT INTO tasks (kind, status, created_on, scenario, step, customer_id, invoices, "
      "action_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  };
  for (const char* insert : inserts) {
    const std::string explain = std::string("EXPLAIN ") + insert;
    int ephemeral = 0;
    for (const std::string& row : table_rows(db_path(), explain)) {
      ephemeral += row.find("|OpenEphemeral|") != std::string::npos;
    }
    EXPECT_EQ(ephemeral, 0) << insert;
  }
}

// Version 5 (delivery): a version 4 action keeps its row, reads as never attempted, and the new
// tables refuse what they must.
TEST_F(StoreMigrationTest, Version5AddsDeliveryStateToExistingActions) {
  auto database = sqlite::Database::open(db_path());
  ASSERT_TRUE(database) << database.error().message;
  sqlite::Database& db = database.value();
  ASSERT_TRUE(migrate_schema(db, schema_migrations().first(4)));
  ASSERT_TRUE(db.execute(kVersion2Rows));
  ASSERT_TRUE(db.execute(
      "INSERT INTO actions (id, created_on, status_on, scenario, step, position, channel, mode, "
      "customer_id, invoices, status, attempts, last_error) VALUES ('a2', '2026-03-02', "
      "'2026-03-02', 'standard_b2b', 'first', 1, 'email', 'auto', 'C1', '[\"I1\"]', 'failed', 2, "
      "'421 busy')"));
  auto latest = migrate_schema(db);
  ASSERT_TRUE(latest) << latest.error().message;
  EXPECT_EQ(*latest, 12) << "v5 (delivery), v6 (runs.shard), v7 (adapter of an attempt, postage), "
                            "v8 (users), v9 (the customer's view), v10 (the runs' undo logs), "
                            "v11 (no index of sequences by customer), v12 (sequence blocks)";

  EXPECT_EQ(table_rows(db_path(),
                       "SELECT id, status, attempts, last_error, next_attempt_at, in_flight, "
                       "uncertain, proof_path FROM actions ORDER BY id"),
            (std::vector<std::string>{"a1|open|0|NULL|NULL|0|0|NULL|",
                                      "a2|failed|2|421 busy|NULL|0|0|NULL|"}));
  EXPECT_FALSE(db.execute("UPDATE actions SET in_flight = 2 WHERE id = 'a2'"));
  ASSERT_TRUE(
      db.execute("INSERT INTO action_documents VALUES ('a2', 'message/rfc822', X'00FF', '{}')"));
  EXPECT_FALSE(db.execute(
      "INSERT INTO action_documents VALUES ('a1', 'message/rfc822', 'text, not bytes', '{}')"))
      << "STRICT: the document is a BLOB";
  EXPECT_FALSE(db.execute("INSERT INTO action_documents VALUES ('zz', 'x', X'00', '{}')"))
      << "a document belongs to an action";
  ASSERT_TRUE(db.execute("INSERT INTO tracking_events VALUES ('a2', 'mailed', 't', '', 'd')"));
  EXPECT_FALSE(db.execute("INSERT INTO tracking_events VALUES ('a2', 'mailed', 't', 'x', 'd')"))
      << "one row per (action, status, time)";

  // Version 7: an old action has no adapter recorded and no postage; a postage is one of three.
  EXPECT_EQ(table_rows(db_path(),
                       "SELECT id, adapter_kind, adapter_name, delivery_settings, postage "
                       "FROM actions ORDER BY id"),
            (std::vector<std::string>{"a1|NULL|NULL|NULL|NULL|", "a2|NULL|NULL|NULL|NULL|"}));
  EXPECT_TRUE(db.execute("UPDATE actions SET postage = 'ecopli' WHERE id = 'a2'"));
  EXPECT_FALSE(db.execute("UPDATE actions SET postage = 'express' WHERE id = 'a2'"));

  // v9: the step events written before it count no repetition.
  EXPECT_EQ(table_rows(db_path(), "SELECT step, repetition FROM step_events ORDER BY step"),
            (std::vector<std::string>{"first|0|", "pre_due|0|"}));
  EXPECT_FALSE(db.execute("UPDATE step_events SET repetition = -1")) << "never negative";
}

// Version 11 drops the index of sequences by customer, which no statement reads. A store of
// version 10 keeps every row, loads the same sequence state, and a run commits on it, its undo
// log included.
TEST_F(StoreMigrationTest, Version11DropsTheUnreadSequenceIndexAndKeepsTheState) {
  const char* const index_names =
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'sequences' AND name "
      "NOT LIKE 'sqlite_autoindex%'";
  {
    auto database = sqlite::Database::open(db_path());
    ASSERT_TRUE(database) << database.error().message;
    sqlite::Database& db = database.value();
    ASSERT_TRUE(migrate_schema(db, schema_migrations().first(4)));
    ASSERT_TRUE(db.execute(kVersion2Rows));
    auto version10 = migrate_schema(db, schema_migrations().first(10));
    ASSERT_TRUE(version10) << version10.error().message;
    ASSERT_EQ(*version10, 10);
  }
  ASSERT_EQ(table_rows(db_path(), index_names),
            (std::vector<std::string>{"sequences_by_customer|"}));
  const char* const queries[] = {"SELECT * FROM sequences",
                                 "SELECT * FROM step_events ORDER BY invoice_id, scenario, step",
                                 "SELECT * FROM actions", "SELECT * FROM events"};
  std::vector<std::vector<std::string>> before;
  for (const char* query : queries) before.push_back(table_rows(db_path(), query));

  {
    auto database = sqlite::Database::open(db_path());
    ASSERT_TRUE(database) << database.error().message;
    ASSERT_TRUE(migrate_schema(database.value(), schema_migrations().first(11)));
  }
  EXPECT_EQ(table_rows(db_path(), "SELECT version FROM schema_version"),
            (std::vector<std::string>{"11|"}));
  EXPECT_TRUE(table_rows(db_path(), index_names).empty()) << "the index is gone";
  StateStore store = open_store();  // opening migrates to the latest version
  for (std::size_t i = 0; i < std::size(queries); ++i) {
    EXPECT_EQ(table_rows(db_path(), queries[i]), before[i]) << queries[i];
  }
  auto loaded = store.load_sequences();
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 1U);
  EXPECT_EQ(loaded->invoice_ids[0], "I1");
  EXPECT_EQ(loaded->customer_ids[0], "C1");
  EXPECT_EQ(loaded->name(loaded->last_step[0]), "first");
  ASSERT_EQ(loaded->event_begin[1] - loaded->event_begin[0], 2U);
  EXPECT_EQ(loaded->name(loaded->event_step[0]), "first");
  EXPECT_EQ(loaded->name(loaded->event_reason[1]), "late");

  // A run on the migrated store: an existing sequence moves on, a new one starts; both logged.
  ChangeBatch batch;
  batch.sequences.push_back(testing::sequence("I1", "second", "2026-03-03"));
  batch.sequences.push_back(testing::sequence("I2", "first", "2026-03-03"));
  batch.step_events.push_back(
      {"I1", "standard_b2b", "second", StepStatus::fired, "", testing::day("2026-03-03"), ""});
  auto committed = store.commit_run(testing::run_on("2026-03-03"), batch);
  ASSERT_TRUE(committed) << committed.error().message;
  EXPECT_EQ(table_rows(db_path(), "SELECT invoice_id, last_step FROM sequences ORDER BY 1"),
            (std::vector<std::string>{"I1|second|", "I2|first|"}));
  EXPECT_EQ(
      table_rows(db_path(), "SELECT invoice_id, existed, last_step FROM undo_sequences ORDER BY 1"),
      (std::vector<std::string>{"I1|1|first|", "I2|0|NULL|"}));
}

// Version 12 moves the sequences and their step events into blocks of 32 invoices, and the two
// tables become views of the same columns. A store of version 11 keeps every row (read through the
// views as any SQLite client reads them), the run loads the same state, a run's changes are
// logged and undone exactly, and plain SQL writes through the views' triggers keep the tables'
// constraints.
TEST_F(StoreMigrationTest, Version12MovesTheSequencesIntoBlocksBehindViews) {
  const char* const queries[] = {"SELECT * FROM sequences ORDER BY invoice_id",
                                 "SELECT * FROM step_events ORDER BY invoice_id, scenario, step"};
  constexpr int kInvoices = 150;  // five blocks
  std::vector<std::vector<std::string>> before;
  {
    auto database = sqlite::Database::open(db_path());
    ASSERT_TRUE(database) << database.error().message;
    sqlite::Database& db = database.value();
    ASSERT_TRUE(migrate_schema(db, schema_migrations().first(11)));
    auto sequence = db.prepare(
        "INSERT INTO sequences VALUES (?1, 'C' || (?2 % 7), 'standard_b2b', "
        "CASE WHEN ?2 % 5 = 0 THEN 'closed' ELSE 'active' END, CASE WHEN ?2 % 3 = 0 THEN NULL "
        "ELSE 'first' END, '2026-03-02', '2026-03-03')");
    auto step = db.prepare(
        "INSERT INTO step_events VALUES (?1, ?2, ?3, 'fired', NULL, '2026-03-02', "
        "'a \"quoted\" é', ?4)");
    ASSERT_TRUE(sequence && step);
    for (int i = 0; i < kInvoices; ++i) {
      const std::string invoice = "INV-" + std::to_string(1000 + i);
      ASSERT_TRUE(sequence.value().bind(1, invoice).bind(2, std::int64_t{i}).run());
      sequence.value().reset();
      for (int k = 0; k < i % 3; ++k) {  // 0 to 2 events, one of an earlier scenario
        ASSERT_TRUE(step.value()
                        .bind(1, invoice)
                        .bind(2, k == 1 ? "old_scenario" : "standard_b2b")
                        .bind(3, k == 0 ? "first" : "pre_due")
                        .bind(4, std::int64_t{k})
                        .run());
        step.value().reset();
      }
    }
    for (const char* query : queries) before.push_back(table_rows(db_path(), query));
    ASSERT_EQ(before[0].size(), static_cast<std::size_t>(kInvoices));
  }

  StateStore store = open_store();  // opening migrates
  EXPECT_EQ(table_rows(db_path(), "SELECT version FROM schema_version"),
            (std::vector<std::string>{"12|"}));
  EXPECT_EQ(
      table_rows(db_path(),
                 "SELECT type, name FROM sqlite_schema WHERE name IN "
                 "('sequences', 'step_events', 'sequence_blocks') ORDER BY 2"),
      (std::vector<std::string>{"table|sequence_blocks|", "view|sequences|", "view|step_events|"}));
  EXPECT_EQ(table_rows(db_path(),
                       "SELECT count(*), min(first_invoice), max(json_array_length("
                       "entries)) FROM sequence_blocks"),
            (std::vector<std::string>{"5|INV-1000|32|"}));
  for (std::size_t i = 0; i < std::size(queries); ++i) {
    EXPECT_EQ(table_rows(db_path(), queries[i]), before[i]) << queries[i];
  }
  auto loaded = store.load_sequences();
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->size(), static_cast<std::size_t>(kInvoices));
  EXPECT_EQ(loaded->invoice_ids[2], "INV-1002");
  EXPECT_EQ(loaded->state[5], SequenceState::closed);
  EXPECT_EQ(loaded->name(loaded->last_step[3]), "");
  ASSERT_EQ(loaded->event_begin[3] - loaded->event_begin[2], 1U)
      << "the event of the earlier scenario is kept but not loaded";
  EXPECT_EQ(loaded->name(loaded->event_step[loaded->event_begin[2]]), "first");
  auto found = store.find_sequence("INV-1130");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->customer_id, "C4");
  auto repetition = store.action_repetition("a \"quoted\" é", "INV-1131");
  ASSERT_TRUE(repetition) << repetition.error().message;
  EXPECT_EQ(*repetition, 1);

  // A later run: one sequence moves on, one starts between two stored ones, one step event is
  // added and one changed; logged, then undone exactly.
  ASSERT_TRUE(store.commit_run(testing::run_on("2026-03-03"), {}));
  const auto after_first =
      std::vector{table_rows(db_path(), queries[0]), table_rows(db_path(), queries[1])};
  ChangeBatch batch;
  batch.sequences.push_back(testing::sequence("INV-1001", "second", "2026-03-04"));
  batch.sequences.push_back(testing::sequence("INV-1064a", "first", "2026-03-04"));
  batch.step_events.push_back({"INV-1064a", "standard_b2b", "first", StepStatus::fired, "",
                               testing::day("2026-03-04"), "a9", 0});
  batch.step_events.push_back({"INV-1001", "standard_b2b", "first", StepStatus::skipped, "late",
                               testing::day("2026-03-04"), "", std::nullopt});
  auto committed = store.commit_run(testing::run_on("2026-03-04"), batch);
  ASSERT_TRUE(committed) << committed.error().message;
  EXPECT_EQ(table_rows(db_path(),
                       "SELECT * FROM step_events WHERE invoice_id IN ('INV-1001', "
                       "'INV-1064a') ORDER BY 1, 2, 3"),
            (std::vector<std::string>{"INV-1001|standard_b2b|first|skipped|late|2026-03-04|NULL|0|",
                                      "INV-1064a|standard_b2b|first|fired|NULL|2026-03-04|a9|0|"}));
  EXPECT_EQ(table_rows(db_path(),
                       "SELECT existed, invoice_id, last_step FROM undo_sequences "
                       "WHERE run_id = 2 ORDER BY 2"),
            (std::vector<std::string>{"1|INV-1001|first|", "0|INV-1064a|NULL|"}));
  auto undone = store.undo_runs(testing::day("2026-03-04"), false);
  ASSERT_TRUE(undone) << undone.error().message;
  EXPECT_EQ(undone->sequences_removed, 1);
  EXPECT_EQ(undone->rows_restored, 2) << "the sequence and the step event of INV-1001";
  EXPECT_EQ(table_rows(db_path(), queries[0]), after_first[0]);
  EXPECT_EQ(table_rows(db_path(), queries[1]), after_first[1]);

  // Plain SQL through the views: the triggers write the block and keep the constraints.
  sqlite::Database& db = StateStoreTestAccess::database(store);
  ASSERT_TRUE(db.execute("UPDATE sequences SET state = 'paused' WHERE invoice_id = 'INV-1100'"));
  ASSERT_TRUE(
      db.execute("INSERT INTO step_events VALUES ('INV-1100', 'standard_b2b', 'final', "
                 "'completed', NULL, '2026-03-05', NULL, 0)"));
  ASSERT_TRUE(db.execute("DELETE FROM step_events WHERE invoice_id = 'INV-1101'"));
  EXPECT_EQ(table_rows(db_path(),
                       "SELECT s.state, count(e.step) FROM sequences s LEFT JOIN "
                       "step_events e USING (invoice_id) WHERE s.invoice_id IN "
                       "('INV-1100', 'INV-1101') GROUP BY s.invoice_id ORDER BY 1"),
            (std::vector<std::string>{"active|0|", "paused|2|"}));
  EXPECT_FALSE(db.execute("UPDATE sequences SET state = 'sleeping' WHERE invoice_id = 'INV-1100'"));
  EXPECT_FALSE(
      db.execute("INSERT INTO sequences SELECT * FROM sequences WHERE invoice_id = "
                 "'INV-1100'"))
      << "the invoice id stays unique";
  EXPECT_FALSE(
      db.execute("INSERT INTO step_events VALUES ('INV-NONE', 's', 'a', 'fired', NULL, "
                 "'2026-03-02', NULL, 0)"))
      << "a step event belongs to a sequence";
  auto reloaded = store.load_sequences();
  ASSERT_TRUE(reloaded) << reloaded.error().message;
  EXPECT_EQ(reloaded->state[100], SequenceState::paused);
}

}  // namespace
}  // namespace dun
