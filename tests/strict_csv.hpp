// A strict RFC 4180 reader for tests: rejects anything a lenient reader would paper over (CR line
// ends, stray quotes, ragged rows, a missing final LF, invalid UTF-8), so a generated snapshot
// that passes it is what data-model.md promises.
#pragma once

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dun::test {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string error;  // empty when the file is valid

  std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    return header.size();
  }
};

inline bool is_valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

inline std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline CsvTable parse_csv_strict(const std::string& bytes) {
  CsvTable table;
  if (!is_valid_utf8(bytes)) return {{}, {}, "not valid UTF-8"};
  if (bytes.empty() || bytes.back() != '\n') return {{}, {}, "does not end with LF"};
  std::vector<std::string> record;
  std::string field;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (bytes[i] == '"') {
      ++i;
      while (true) {
        if (i >= bytes.size())
          return {{}, {}, "unterminated quoted field at line " + std::to_string(line)};
        if (bytes[i] == '"') {
          if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (bytes[i] == '\n') ++line;
        field += bytes[i++];
      }
      if (bytes[i] != ',' && bytes[i] != '\n')
        return {{}, {}, "text after a closing quote at line " + std::to_string(line)};
    } else {
      while (bytes[i] != ',' && bytes[i] != '\n') {
        if (bytes[i] == '"')
          return {{}, {}, "quote inside an unquoted field at line " + std::to_string(line)};
        if (bytes[i] == '\r') return {{}, {}, "CR at line " + std::to_string(line)};
        field += bytes[i++];
      }
    }
    record.push_back(std::move(field));
    field.clear();
    if (bytes[i++] == '\n') {
      if (table.header.empty()) {
        table.header = std::move(record);
      } else {
        if (record.size() != table.header.size()) {
          return {{},
                  {},
                  "line " + std::to_string(line) + " has " + std::to_string(record.size()) +
                      " fields, the header " + std::to_string(table.header.size())};
        }
        table.rows.push_back(std::move(record));
      }
      record.clear();
      ++line;
    }
  }
  return table;
}

inline CsvTable read_csv_strict(const std::string& path) {
  CsvTable table = parse_csv_strict(read_file_bytes(path));
  if (!table.error.empty()) table.error = path + ": " + table.error;
  return table;
}

}  // namespace dun::test
