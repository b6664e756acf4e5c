// One snapshot CSV file of a case (customers, invoices, contacts, collectors) as it stands between
// runs. Cases give only the columns they care about; the others get the documented defaults
// (tests/conformance/README.md), fixed when a row first appears so later patches change only
// what they name.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dun::conformance {

class SnapshotTable {
 public:
  explicit SnapshotTable(std::string file_name);

  const std::string& file_name() const { return file_name_; }
  bool present() const { return present_; }

  // Each throws std::runtime_error with the reason for a malformed snippet.
  void replace(std::string_view csv);
  void patch(std::string_view csv);        // rows merged by id; a new id adds a row
  void remove(std::string_view id_lines);  // one id per line

  // The whole file: every column of data-model.md, in its order, RFC 4180 quoting.
  std::string to_csv() const;

 private:
  using Row = std::map<std::string, std::string>;
  std::vector<Row> read_rows(std::string_view csv) const;
  Row* find(const std::string& id);

  std::string file_name_;
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
  bool present_ = false;
};

// RFC 4180: fields separated by ',', quoted with '"' ("" inside quotes is one quote).
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace dun::conformance
