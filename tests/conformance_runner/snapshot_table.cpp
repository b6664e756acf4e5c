#include "tests/conformance_runner/snapshot_table.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace dun::conformance {

namespace {

std::vector<std::string> columns_of(const std::string& file_name) {
  if (file_name == "customers.csv") {
    return {"id",       "name",  "language", "country",   "currency",    "segment",
            "scenario", "email", "address",  "collector", "credit_limit"};
  }
  if (file_name == "invoices.csv") {
    return {"id",     "customer_id", "number",   "kind",    "issue_date",   "due_date", "currency",
            "amount", "balance",     "disputed", "dunning", "promise_date", "pdf"};
  }
  if (file_name == "contacts.csv") return {"customer_id", "name", "email", "phone", "role"};
  if (file_name == "collectors.csv") return {"id", "name", "email", "phone"};
  throw std::runtime_error("no snapshot file is named " + file_name);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Fills the columns a case left out. Defaults that copy another column (an invoice's amount is
// its balance) are taken from the row as the case first wrote it.
void complete_row(const std::string& file_name, std::map<std::string, std::string>& row) {
  auto fill = [&row](const std::string& column, const std::string& value) {
    row.try_emplace(column, value);
  };
  if (file_name == "customers.csv") {
    fill("name", row["id"]);
    fill("language", "en");
    fill("country", "FR");
    fill("currency", "EUR");
    fill("segment", "sme");
    fill("scenario", "");
    fill("email", lowercase(row["id"]) + "@customer.example");
    fill("address", "1 Main Street\nParis");
    fill("collector", "");
    fill("credit_limit", "");
  } else if (file_name == "invoices.csv") {
    fill("number", row["id"]);
    fill("kind", "invoice");
    fill("issue_date", row["due_date"]);
    fill("currency", "EUR");
    fill("amount", row["balance"]);
    fill("disputed", "false");
    fill("dunning", "true");
    fill("promise_date", "");
    fill("pdf", "");
  }
}

std::string quoted(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (const char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted_field = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted_field) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted_field = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted_field = true;
      any = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      if (any || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
      }
      field.clear();
      record.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
      any = true;
    }
  }
  if (quoted_field) throw std::runtime_error("a quoted CSV field is not closed");
  if (any || !field.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

SnapshotTable::SnapshotTable(std::string file_name)
    : file_name_(std::move(file_name)), columns_(columns_of(file_name_)) {}

std::vector<SnapshotTable::Row> SnapshotTable::read_rows(std::string_view csv) const {
  const std::vector<std::vector<std::string>> records = parse_csv(csv);
  if (records.empty()) throw std::runtime_error(file_name_ + ": a header row is needed");
  const std::vector<std::string>& header = records.front();
  for (const std::string& column : header) {
    if (std::find(columns_.begin(), columns_.end(), column) == columns_.end()) {
      throw std::runtime_error(file_name_ + ": unknown column '" + column + "'");
    }
  }
  std::vector<Row> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != header.size()) {
      throw std::runtime_error(file_name_ + ": row " + std::to_string(r) + " has " +
                               std::to_string(records[r].size()) + " fields, the header " +
                               std::to_string(header.size()));
    }
    Row row;
    for (std::size_t c = 0; c < header.size(); ++c) row[header[c]] = records[r][c];
    rows.push_back(std::move(row));
  }
  return rows;
}

SnapshotTable::Row* SnapshotTable::find(const std::string& id) {
  for (Row& row : rows_) {
    if (row["id"] == id) return &row;
  }
  return nullptr;
}

void SnapshotTable::replace(std::string_view csv) {
  rows_ = read_rows(csv);
  for (Row& row : rows_) complete_row(file_name_, row);
  present_ = true;
}

void SnapshotTable::patch(std::string_view csv) {
  if (file_name_ == "contacts.csv") throw std::runtime_error("contacts have no id to patch by");
  for (Row& given : read_rows(csv)) {
    if (!given.contains("id")) throw std::runtime_error(file_name_ + ": a patch needs the id");
    if (Row* existing = find(given["id"])) {
      for (auto& [column, value] : given) (*existing)[column] = value;
    } else {
      complete_row(file_name_, given);
      rows_.push_back(std::move(given));
    }
  }
  present_ = true;
}

void SnapshotTable::remove(std::string_view id_lines) {
  std::istringstream stream{std::string(id_lines)};
  for (std::string id; stream >> id;) {
    const auto removed = std::erase_if(rows_, [&id](Row& row) { return row["id"] == id; });
    if (removed == 0) throw std::runtime_error(file_name_ + ": no row has id " + id);
  }
}

std::string SnapshotTable::to_csv() const {
  std::string out;
  for (std::size_t c = 0; c < columns_.size(); ++c) out += (c > 0 ? "," : "") + columns_[c];
  out += "\n";
  for (const Row& row : rows_) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto value = row.find(columns_[c]);
      out += (c > 0 ? "," : "") + quoted(value == row.end() ? std::string() : value->second);
    }
    out += "\n";
  }
  return out;
}

}  // namespace dun::conformance
