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
// build a temporary b-tree (OpenEphemeral) at every insert.
TEST_F(StoreMigrationTest, InsertsOfTheRunBuildNoTemporaryTable) {
  StateStore store = open_store();
  const char* const inserts[] = {
      "INSERT INTO sequences VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      "INSERT INTO step_events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
  EXPECT_EQ(*latest, 11) << "v5 (delivery), v6 (runs.shard), v7 (adapter of an attempt, postage), "
                            "v8 (users), v9 (the customer's view), v10 (the runs' undo logs), "
                            "v11 (no index of sequences by customer)";

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

  StateStore store = open_store();  // opening migrates
  EXPECT_EQ(table_rows(db_path(), "SELECT version FROM schema_version"),
            (std::vector<std::string>{"11|"}));
  EXPECT_TRUE(table_rows(db_path(), index_names).empty()) << "the index is gone";
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

}  // namespace
}  // namespace dun
