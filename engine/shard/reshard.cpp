#include "engine/shard/reshard.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "engine/base/shard.hpp"
#include "engine/model/store_records.hpp"
#include "engine/shard/shard_layout.hpp"
#include "engine/store/sqlite_db.hpp"
#include "engine/store/state_store.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

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

constexpr std::array<std::string_view, 8> kExactTables = {
    "sequences", "step_events", "actions",    "action_invoices",
    "tasks",     "events",      "quarantine", "jsonl_outbox"};

Result<std::int64_t> count_rows(sqlite::Database& database, std::string_view schema,
                                std::string_view table) {
  auto query =
      database.prepare("SELECT count(*) FROM " + std::string(schema) + "." + std::string(table));
  if (!query) return query.error();
  auto row = query.value().step();
  if (!row) return row.error();
  return query.value().column_int64(0);
}

fs::path with_suffix(const fs::path& path, std::string_view suffix) {
  fs::path result = path;
  result += std::string(suffix);
  return result;
}

Result<bool> sync_file(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return Error{path.string() + ": cannot open to sync it"};
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Error{path.string() + ": fsync failed"};
  return true;
}

fs::path folder_of(const fs::path& base) {
  return base.parent_path().empty() ? fs::path(".") : base.parent_path();
}

void remove_with_sidecars(const fs::path& path) {
  std::error_code ignored;
  for (std::string_view suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(with_suffix(path, suffix), ignored);
}

// Moves the old stores to the backup folder and the new ones into place, as the journal says.
// Every move is skipped when already done, so running it again after a crash finishes the job.
Result<bool> finish_swap(const fs::path& base) {
  const fs::path journal_path = reshard_journal_path(base);
  std::ifstream in(journal_path);
  nlohmann::json journal;
  try {
    in >> journal;
  } catch (const nlohmann::json::exception& e) {
    return Error{journal_path.string() + ": unreadable reshard journal (" + e.what() +
                 "); the new stores are the *.resharding files beside it"};
  }
  const fs::path backup = journal.at("backup").get<std::string>();
  std::error_code error;
  fs::create_directories(backup, error);
  if (error)
    return Error{backup.string() + ": cannot create the backup folder: " + error.message()};
  for (const auto& old_store : journal.at("old")) {
    const fs::path old_path = old_store.get<std::string>();
    for (std::string_view suffix : {"", "-wal", "-shm"}) {
      const fs::path from = with_suffix(old_path, suffix);
      if (!fs::exists(from, error)) continue;
      fs::rename(from, backup / from.filename(), error);
      if (error)
        return Error{from.string() + ": cannot move it to " + backup.string() + ": " +
                     error.message()};
    }
  }
  for (const auto& move : journal.at("new")) {
    const fs::path from = move.at(0).get<std::string>();
    const fs::path to = move.at(1).get<std::string>();
    if (!fs::exists(from, error)) continue;
    fs::rename(from, to, error);
    if (error)
      return Error{from.string() + ": cannot rename it to " + to.string() + ": " + error.message()};
  }
  if (auto synced = sync_file(folder_of(base), true); !synced) return synced.error();
  fs::remove(journal_path, error);
  if (error) return Error{journal_path.string() + ": cannot remove: " + error.message()};
  return sync_file(folder_of(base), true);
}

struct Sources {
  std::uint32_t count = 1;
  std::vector<fs::path> paths;
};

Result<Sources> find_sources(const fs::path& base, const ShardLayout& layout) {
  if (layout.shard_files.size() > 1) {
    std::string counts;
    for (const auto& [count, indexes] : layout.shard_files)
      counts += (counts.empty() ? "" : ", ") + layout.describe(base, count);
    return Error{"shard stores of different shard counts exist beside " + base.string() + " (" +
                 counts + "): keep only one set (move the others away) and run the reshard again"};
  }
  Sources sources;
  if (layout.shard_files.empty()) {
    if (layout.unsharded_has_state) sources.paths.push_back(base);
    return sources;
  }
  const auto& [count, indexes] = *layout.shard_files.begin();
  if (layout.unsharded_has_state) {
    return Error{base.string() + " holds unsharded state and " + layout.describe(base, count) +
                 " exist too: keep one of them (move the other away) and run the reshard again"};
  }
  sources.count = count;
  for (std::uint32_t index = 0; index < count; ++index) {
    if (!indexes.contains(index)) {
      return Error{shard_path(base, Shard{index, count}).string() +
                   " is missing: every shard's store must be here to reshard (copy it from the "
                   "machine that runs shard " +
                   std::to_string(index) + "/" + std::to_string(count) + ")"};
    }
    sources.paths.push_back(shard_path(base, Shard{index, count}));
  }
  return sources;
}

// Finishes whatever a crashed command left in a source (queued jsonl lines) so that nothing of it
// is left behind, and brings it to this build's schema.
Result<bool> settle_source(const fs::path& path) {
  auto store = StateStore::open(path);
  if (!store) return store.error();
  if (auto flushed = store.value().flush_jsonl(); !flushed) return flushed.error();
  return true;
}

// The largest run id of the attached source (its statement is finished before the caller goes on,
// so the source can be detached).
Result<std::int64_t> max_run_id(sqlite::Database& database) {
  auto query = database.prepare("SELECT COALESCE(max(id), 0) FROM src.runs");
  if (!query) return query.error();
  if (auto row = query.value().step(); !row) return row.error();
  return query.value().column_int64(0);
}

Result<bool> fill_target(const fs::path& target, const std::vector<fs::path>& sources,
                         const Shard& shard, std::map<std::string, std::int64_t>& rows) {
  auto created = StateStore::open(target);
  if (!created) return created.error();
  sqlite::Database& database = created.value().database();
  if (sqlite3_create_function(database.handle(), "shard_of", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              nullptr, shard_of_sql, nullptr, nullptr) != SQLITE_OK) {
    return database.error("registering shard_of");
  }
  const auto statements = copy_statements();
  std::int64_t run_offset = 0;
  for (const fs::path& source : sources) {
    auto attach = database.prepare("ATTACH DATABASE ?1 AS src");
    if (!attach) return attach.error();
    if (auto attached = attach.value().bind(1, source.string()).run(); !attached)
      return attached.error();
    {
      auto transaction = sqlite::Transaction::begin(database);
      if (!transaction) return transaction.error();
      for (const auto& [table, sql] : statements) {
        auto statement = database.prepare(sql);
        if (!statement) return statement.error();
        auto ran = statement.value()
                       .bind(1, static_cast<std::int64_t>(shard.count))
                       .bind(2, static_cast<std::int64_t>(shard.index))
                       .bind(3, run_offset)
                       .run();
        if (!ran) return ran.error();
        rows[table] += database.changes();
      }
      auto max_run = max_run_id(database);
      if (!max_run) return max_run.error();
      run_offset += *max_run;
      if (auto committed = transaction.value().commit(); !committed) return committed.error();
    }
    if (auto detached = database.execute("DETACH DATABASE src"); !detached) return detached.error();
  }
  return true;
}

// Every row of the sources is in exactly one new store (runs in each, overrides at least once).
Result<bool> verify_counts(const std::vector<fs::path>& sources,
                           const std::vector<fs::path>& targets) {
  std::map<std::string, std::int64_t> source_rows, target_rows;
  std::int64_t source_runs = 0;
  for (const fs::path& path : sources) {
    auto database = sqlite::Database::open_read_only(path);
    if (!database) return database.error();
    for (std::string_view table : kExactTables) {
      auto count = count_rows(database.value(), "main", table);
      if (!count) return count.error();
      source_rows[std::string(table)] += *count;
    }
    auto runs = count_rows(database.value(), "main", "runs");
    if (!runs) return runs.error();
    source_runs += *runs;
  }
  for (const fs::path& path : targets) {
    auto database = sqlite::Database::open_read_only(path);
    if (!database) return database.error();
    for (std::string_view table : kExactTables) {
      auto count = count_rows(database.value(), "main", table);
      if (!count) return count.error();
      target_rows[std::string(table)] += *count;
    }
    auto runs = count_rows(database.value(), "main", "runs");
    if (!runs) return runs.error();
    if (*runs != source_runs) {
      return Error{path.string() + ": holds " + std::to_string(*runs) + " runs, the old stores " +
                   std::to_string(source_runs) + "; nothing was changed"};
    }
  }
  for (const auto& [table, count] : source_rows) {
    if (target_rows[table] != count) {
      return Error{"table " + table + ": the new stores hold " +
                   std::to_string(target_rows[table]) + " rows, the old ones " +
                   std::to_string(count) + "; nothing was changed"};
    }
  }
  return true;
}

std::string timestamp_for_names() {
  std::string now = utc_now_iso();  // 2026-11-22T13:45:07Z
  std::erase(now, ':');
  std::erase(now, '-');
  return now;
}

}  // namespace

Result<ReshardReport> reshard(const fs::path& base, std::uint32_t to) {
  ReshardReport report;
  report.to = to;
  std::error_code error;
  if (fs::exists(reshard_journal_path(base), error)) {
    if (auto finished = finish_swap(base); !finished) return finished.error();
    report.finished_interrupted = true;
  }
  auto layout = read_shard_layout(base);
  if (!layout) return layout.error();
  auto sources = find_sources(base, *layout);
  if (!sources) return sources.error();
  report.from = sources->count;
  for (std::uint32_t index = 0; index < to; ++index)
    report.stores.push_back(shard_path(base, Shard{index, to}));
  if (sources->paths.empty() || sources->count == to) {
    report.nothing_to_do = true;
    return report;
  }
  for (const fs::path& source : sources->paths) {
    if (auto settled = settle_source(source); !settled) return settled.error();
  }

  std::vector<fs::path> temporaries;
  for (const fs::path& store : report.stores) {
    temporaries.push_back(with_suffix(store, ".resharding"));
    remove_with_sidecars(temporaries.back());
  }
  for (std::uint32_t index = 0; index < to; ++index) {
    auto filled = fill_target(temporaries[index], sources->paths, Shard{index, to}, report.rows);
    if (!filled) {
      for (const fs::path& temporary : temporaries) remove_with_sidecars(temporary);
      return Error{"resharding into " + temporaries[index].string() + ": " +
                   filled.error().message};
    }
  }
  if (auto verified = verify_counts(sources->paths, temporaries); !verified) {
    for (const fs::path& temporary : temporaries) remove_with_sidecars(temporary);
    return verified.error();
  }
  for (const fs::path& temporary : temporaries) {
    if (auto synced = sync_file(temporary, false); !synced) return synced.error();
  }

  report.backup =
      folder_of(base) / (base.filename().string() + ".before-reshard-" + timestamp_for_names());
  nlohmann::json journal;
  journal["to"] = to;
  journal["backup"] = report.backup.string();
  journal["old"] = nlohmann::json::array();
  for (const fs::path& source : sources->paths) journal["old"].push_back(source.string());
  if (sources->count > 1 && fs::exists(base, error)) journal["old"].push_back(base.string());
  journal["new"] = nlohmann::json::array();
  for (std::uint32_t index = 0; index < to; ++index)
    journal["new"].push_back({temporaries[index].string(), report.stores[index].string()});
  const fs::path journal_path = reshard_journal_path(base);
  const fs::path journal_temporary = with_suffix(journal_path, ".tmp");
  {
    std::ofstream out(journal_temporary, std::ios::trunc);
    out << journal.dump(2) << "\n";
    if (!out) return Error{journal_temporary.string() + ": cannot write the reshard journal"};
  }
  if (auto synced = sync_file(journal_temporary, false); !synced) return synced.error();
  fs::rename(journal_temporary, journal_path, error);
  if (error) return Error{journal_path.string() + ": cannot write: " + error.message()};
  if (auto finished = finish_swap(base); !finished) return finished.error();
  return report;
}

}  // namespace dun
