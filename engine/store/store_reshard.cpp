// Resharding's SQL: the rows of source stores that belong to one shard of a new layout, copied
// into a new store through an attached source and the shard_of SQL function.
#include <sqlite3.h>

#include <array>

#include "engine/store/state_store.hpp"

namespace dun {
namespace {

// shard_of(customer_id, N): the shard of a customer (shard.hpp); NULL (a row whose customer is
// not known) belongs to shard 0.
void shard_of_sql(sqlite3_context* context, int, sqlite3_value** arguments) {
  const auto count = static_cast<std::uint32_t>(sqlite3_value_int64(arguments[1]));
  if (sqlite3_value_type(arguments[0]) == SQLITE_NULL || count == 0) {
    sqlite3_result_int64(context, 0);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(arguments[0]));
  const auto size = static_cast<std::size_t>(sqlite3_value_bytes(arguments[0]));
  sqlite3_result_int64(
      context, static_cast<sqlite3_int64>(shard_hash(std::string_view(text, size)) % count));
}

// The customer an invoice belongs to, as the source store knows it: its sequence, else an action
// naming it. NULL when neither exists (then the row goes to shard 0, or everywhere for overrides).
constexpr std::string_view kCustomerOfInvoice =
    "COALESCE((SELECT customer_id FROM src.sequences s WHERE s.invoice_id = {0}),"
    " (SELECT a.customer_id FROM src.action_invoices ai JOIN src.actions a ON a.id = ai.action_id"
    "  WHERE ai.invoice_id = {0} LIMIT 1))";

std::string customer_of_invoice(std::string_view invoice_column) {
  std::string sql(kCustomerOfInvoice);
  for (auto at = sql.find("{0}"); at != std::string::npos; at = sql.find("{0}"))
    sql.replace(at, 3, invoice_column);
  return sql;
}

// One statement per table; ?1 = the new shard count, ?2 = the target's shard index, ?3 = the
// offset added to the source's run ids (runs of several sources share a target). Every statement
// names all three (`?3 >= 0` where it has no use for one) so that one bind list fits them all.
std::vector<std::pair<std::string, std::string>> copy_statements() {
  const std::string events_owner =
      "COALESCE(e.customer_id, " + customer_of_invoice("e.invoice_id") + ")";
  const std::string override_owner = "CASE WHEN o.kind = 'assign' THEN o.subject ELSE " +
                                     customer_of_invoice("o.subject") + " END";
  return {
      {"runs",
       "INSERT INTO runs (id, run_date, snapshot_fingerprint, scenario_fingerprints, started_at,"
       " ended_at, outcome, message, invoices, actions, events, tasks, quarantined,"
       " evaluation_errors, shard) SELECT id + ?3, run_date, snapshot_fingerprint,"
       " scenario_fingerprints, started_at, ended_at, outcome, message, invoices, actions, events,"
       " tasks, quarantined, evaluation_errors, shard FROM src.runs WHERE ?1 > 0 AND ?2 >= 0"
       " ORDER BY id"},
      {"sequences",
       "INSERT INTO sequences SELECT * FROM src.sequences WHERE shard_of(customer_id, ?1) = ?2"
       " AND ?3 >= 0"},
      {"step_events",
       "INSERT INTO step_events SELECT e.* FROM src.step_events e JOIN src.sequences s"
       " USING (invoice_id) WHERE shard_of(s.customer_id, ?1) = ?2 AND ?3 >= 0"},
      {"actions",
       "INSERT INTO actions SELECT * FROM src.actions WHERE shard_of(customer_id, ?1) = ?2"
       " AND ?3 >= 0 ORDER BY rowid"},
      {"action_invoices",
       "INSERT INTO action_invoices SELECT ai.* FROM src.action_invoices ai JOIN src.actions a"
       " ON a.id = ai.action_id WHERE shard_of(a.customer_id, ?1) = ?2 AND ?3 >= 0"},
      // Task numbers are per store: they are given again, in the order the tasks were created.
      {"tasks",
       "INSERT INTO tasks (kind, status, created_on, scenario, step, customer_id, invoices,"
       " action_id, assignee, text, due_on, closed_on, closed_by, note) SELECT kind, status,"
       " created_on, scenario, step, customer_id, invoices, action_id, assignee, text, due_on,"
       " closed_on, closed_by, note FROM src.tasks WHERE shard_of(customer_id, ?1) = ?2"
       " AND ?3 >= 0 ORDER BY created_on, id"},
      // The history keeps its writing order (a customer's events all come from one source).
      {"events",
       "INSERT INTO events (invoice_id, customer_id, event_date, kind, detail, run_id)"
       " SELECT e.invoice_id, e.customer_id, e.event_date, e.kind, e.detail, e.run_id + ?3"
       " FROM src.events e WHERE shard_of(" +
           events_owner + ", ?1) = ?2 ORDER BY e.id"},
      // Quarantined rows name no customer: they stay with shard 0, like a sharded load's.
      {"quarantine",
       "INSERT INTO quarantine (run_id, file, line, column_name, reason, raw_id)"
       " SELECT run_id + ?3, file, line, column_name, reason, raw_id FROM src.quarantine"
       " WHERE ?2 = 0 AND ?1 > 0 ORDER BY id"},
      // An override of an invoice no stored row ties to a customer goes to every new store: it
      // only acts where the invoice is, and is never lost.
      {"overrides",
       "INSERT OR IGNORE INTO overrides SELECT o.* FROM src.overrides o WHERE ?3 >= 0 AND"
       " (" +
           override_owner + " IS NULL OR shard_of(" + override_owner + ", ?1) = ?2)"},
  };
}

// The tables whose rows each land in exactly one new store, and runs (copied into every one).
constexpr std::array<std::string_view, 9> kCountedTables = {
    "sequences",  "step_events",  "actions", "action_invoices", "tasks", "events",
    "quarantine", "jsonl_outbox", "runs"};

Result<std::int64_t> count_rows(sqlite::Database& database, std::string_view table) {
  auto query = database.prepare("SELECT count(*) FROM main." + std::string(table));
  if (!query) return query.error();
  auto row = query.value().step();
  if (!row) return row.error();
  return query.value().column_int64(0);
}

// The largest run id of the attached source (its statement is finished before the caller goes on,
// so the source can be detached).
Result<std::int64_t> max_run_id(sqlite::Database& database) {
  auto query = database.prepare("SELECT COALESCE(max(id), 0) FROM src.runs");
  if (!query) return query.error();
  if (auto row = query.value().step(); !row) return row.error();
  return query.value().column_int64(0);
}

}  // namespace

Status StateStore::copy_shard_rows_from(std::span<const std::filesystem::path> sources,
                                        const Shard& shard,
                                        std::map<std::string, std::int64_t>& rows) {
  if (sqlite3_create_function(database_.handle(), "shard_of", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              nullptr, shard_of_sql, nullptr, nullptr) != SQLITE_OK) {
    return database_.error("registering shard_of");
  }
  const auto statements = copy_statements();
  std::int64_t run_offset = 0;
  for (const std::filesystem::path& source : sources) {
    auto attach = database_.prepare("ATTACH DATABASE ?1 AS src");
    if (!attach) return attach.error();
    if (auto attached = attach.value().bind(1, source.string()).run(); !attached)
      return attached.error();
    {
      auto transaction = sqlite::Transaction::begin(database_);
      if (!transaction) return transaction.error();
      for (const auto& [table, sql] : statements) {
        auto statement = database_.prepare(sql);
        if (!statement) return statement.error();
        auto ran = statement.value()
                       .bind(1, static_cast<std::int64_t>(shard.count))
                       .bind(2, static_cast<std::int64_t>(shard.index))
                       .bind(3, run_offset)
                       .run();
        if (!ran) return ran.error();
        rows[table] += database_.changes();
      }
      auto max_run = max_run_id(database_);
      if (!max_run) return max_run.error();
      run_offset += *max_run;
      if (auto committed = transaction.value().commit(); !committed) return committed.error();
    }
    if (auto detached = database_.execute("DETACH DATABASE src"); !detached)
      return detached.error();
  }
  return Status::Ok();
}

Result<std::map<std::string, std::int64_t>> StateStore::count_reshard_rows() {
  std::map<std::string, std::int64_t> counts;
  for (std::string_view table : kCountedTables) {
    auto count = count_rows(database_, table);
    if (!count) return count.error();
    counts[std::string(table)] = *count;
  }
  return counts;
}

}  // namespace dun
