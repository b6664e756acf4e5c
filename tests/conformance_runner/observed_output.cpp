#include "tests/conformance_runner/observed_output.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace dun::conformance {

namespace {

using Json = nlohmann::json;

std::string text_or_dash(const Json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>().empty() ? "-" : value.get<std::string>();
  return value.dump();
}

struct DatabaseCloser {
  void operator()(sqlite3* database) const { sqlite3_close(database); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, DatabaseCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

DatabaseHandle open_read_only(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error("no state store at " + path.string() + " (did any run succeed?)");
  }
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  DatabaseHandle database(raw);
  if (opened != SQLITE_OK) {
    throw std::runtime_error("cannot open " + path.string() + ": " + sqlite3_errmsg(raw));
  }
  return database;
}

StatementHandle prepare(sqlite3* database, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(database, sql, -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("state store query failed: ") + sqlite3_errmsg(database));
  }
  return StatementHandle(raw);
}

std::string column_text(sqlite3_stmt* statement, int column) {
  const unsigned char* text = sqlite3_column_text(statement, column);
  return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

}  // namespace

std::string canonical_action(const std::string& json_line) {
  const Json action = Json::parse(json_line);
  std::vector<std::string> invoices;
  for (const Json& invoice : action.value("invoices", Json::array())) {
    invoices.push_back(text_or_dash(invoice));
  }
  std::sort(invoices.begin(), invoices.end());
  std::string invoice_list;
  for (const std::string& invoice : invoices) {
    invoice_list += (invoice_list.empty() ? "" : ",") + invoice;
  }
  const std::vector<std::string> fields = {
      text_or_dash(action.value("date", Json())),
      text_or_dash(action.value("scenario", Json())),
      text_or_dash(action.value("step", Json())),
      text_or_dash(action.value("channel", Json())),
      text_or_dash(action.value("letter_type", Json())),
      text_or_dash(action.value("mode", Json())),
      text_or_dash(action.value("customer", Json())),
      invoice_list.empty() ? "-" : invoice_list,
      text_or_dash(action.value("template", Json())),
      text_or_dash(action.value("status", Json())),
  };
  std::string line;
  for (const std::string& field : fields) line += (line.empty() ? "" : " ") + field;
  return line;
}

std::vector<std::string> read_canonical_actions(const std::filesystem::path& jsonl) {
  std::vector<std::string> lines;
  std::ifstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      lines.push_back(canonical_action(line));
    } catch (const Json::exception& error) {
      lines.push_back("(not a JSON action: " + line + ": " + error.what() + ")");
    }
  }
  return lines;
}

std::vector<ObservedEvent> read_history(const std::filesystem::path& database) {
  DatabaseHandle handle = open_read_only(database);
  StatementHandle query = prepare(handle.get(),
                                  "SELECT event_date, invoice_id, kind, detail FROM events "
                                  "WHERE invoice_id IS NOT NULL "
                                  "AND kind NOT IN ('delivery', 'quarantined') "
                                  "ORDER BY event_date, invoice_id, id");
  std::vector<ObservedEvent> events;
  while (sqlite3_step(query.get()) == SQLITE_ROW) {
    events.push_back({column_text(query.get(), 0), column_text(query.get(), 1),
                      column_text(query.get(), 2), column_text(query.get(), 3)});
  }
  return events;
}

std::optional<long long> evaluation_errors_of_run(const std::filesystem::path& database,
                                                  const std::string& date) {
  DatabaseHandle handle = open_read_only(database);
  StatementHandle query = prepare(handle.get(),
                                  "SELECT evaluation_errors FROM runs WHERE run_date = ?1 "
                                  "AND outcome = 'completed' ORDER BY id DESC LIMIT 1");
  sqlite3_bind_text(query.get(), 1, date.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(query.get()) != SQLITE_ROW) return std::nullopt;
  return sqlite3_column_int64(query.get(), 0);
}

long long find_open_task(const std::string& agenda_json, const std::string& step,
                         const std::string& invoice) {
  const Json tasks = Json::parse(agenda_json, nullptr, /*allow_exceptions=*/false);
  if (!tasks.is_array()) {
    throw std::runtime_error("`dun agenda list --json` did not print a JSON array: " + agenda_json);
  }
  std::vector<long long> matches;
  for (const Json& task : tasks) {
    const Json invoices = task.value("invoices", Json::array());
    const bool lists_invoice = std::any_of(invoices.begin(), invoices.end(), [&](const Json& id) {
      return id.is_string() && id.get<std::string>() == invoice;
    });
    if (task.value("step", std::string()) == step && lists_invoice &&
        task.value("status", std::string("open")) == "open") {
      matches.push_back(task.value("id", -1LL));
    }
  }
  if (matches.size() != 1) {
    throw std::runtime_error(std::to_string(matches.size()) + " open tasks of step " + step +
                             " list invoice " + invoice + "; the agenda is: " + agenda_json);
  }
  return matches.front();
}

ObservedExplanation read_explanation(const std::string& explain_json) {
  const Json explanation = Json::parse(explain_json, nullptr, /*allow_exceptions=*/false);
  if (!explanation.is_object() || !explanation.contains("decision") ||
      !explanation.contains("why")) {
    throw std::runtime_error("`dun explain --json` did not print its object: " + explain_json);
  }
  return {explanation["decision"].get<std::string>(), explanation["why"].get<std::string>()};
}

}  // namespace dun::conformance
