#include "adapters/outbox/manifest_csv.hpp"

#include <algorithm>

#include "adapters/atomic_file.hpp"
#include "stdlib/join.hpp"

namespace dun::adapters {
std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string manifest_record(const ManifestRow& row) {
  const std::string fields[] = {row.action_id,
                                row.date,
                                row.customer,
                                row.recipient_name,
                                join(row.address_lines, "\n"),
                                row.country,
                                row.letter_type,
                                std::to_string(row.pages),
                                row.file,
                                join(row.invoices, ";"),
                                row.postage,
                                row.color ? "true" : "false",
                                row.duplex ? "true" : "false"};
  std::string record;
  for (const std::string& field : fields) {
    if (!record.empty()) record += ',';
    record += csv_field(field);
  }
  return record + "\r\n";
}

Result<std::vector<std::string>> first_fields(std::string_view csv) {
  std::vector<std::string> firsts;
  std::string field;
  bool in_quotes = false, first = true, record_open = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    record_open = true;
    if (in_quotes) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        if (first) field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else if (first) {
        field += c;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',' && first) {
      firsts.push_back(field);
      first = false;
    } else if (c == '\n') {
      if (first) firsts.push_back(field);
      field.clear();
      first = true;
      record_open = false;
    } else if (c != '\r' && first) {
      field += c;
    }
  }
  if (in_quotes) return Error{"a quoted field is not closed"};
  if (record_open && first) firsts.push_back(field);
  return firsts;
}

Result<bool> add_manifest_row(const std::filesystem::path& path, const ManifestRow& row) {
  auto existing = read_file_if_present(path);
  if (!existing) return existing.error();
  std::string content = existing->value_or(std::string(kManifestHeader) + "\r\n");
  auto ids = first_fields(content);
  if (!ids) return Error{path.string() + ": " + ids.error().message + ": repair or move the file"};
  if (std::find(ids->begin(), ids->end(), row.action_id) != ids->end()) return false;
  if (content.starts_with(std::string(kManifestHeaderWithoutPrint) + "\r\n")) {
    content.replace(0, kManifestHeaderWithoutPrint.size(), kManifestHeader);
  }
  if (!content.empty() && content.back() != '\n') content += "\r\n";
  content += manifest_record(row);
  auto written = write_file_atomically(path, content);
  if (!written) return written.error();
  return true;
}

}  // namespace dun::adapters
