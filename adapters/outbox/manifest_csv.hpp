// The letter outbox's `manifest.csv`: one RFC 4180 row per letter, for whoever prints and posts
// them (a mail merge, a print shop's import, a spreadsheet). Fields holding a comma, a quote or a
// line break are quoted with inner quotes doubled; records end with CRLF; the address lines are
// joined by "\n" inside their quoted field.
//
// The file is rewritten whole through a temporary file and rename(2) for every new row, so a
// crash never leaves half a row, and a row whose action id is already there is not added again
// (a retried letter).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/result.hpp"

namespace dun::adapters {

struct ManifestRow {
  std::string action_id;
  std::string date;  // the letter's date (the day its step fired), YYYY-MM-DD
  std::string customer;
  std::string recipient_name;
  std::vector<std::string> address_lines;
  std::string country;      // ISO 3166 alpha-2, may be empty
  std::string letter_type;  // standard | registered | electronic
  int pages = 0;
  std::string file;  // the PDF's name inside the outbox folder
  std::vector<std::string> invoices;
  std::string postage;  // priority | economy | ecopli; empty: the print shop's default
  bool color = false;
  bool duplex = true;
};

inline constexpr std::string_view kManifestHeader =
    "action_id,date,customer,recipient_name,address,country,letter_type,pages,file,invoices,"
    "postage,color,duplex";
// The header of the manifests of earlier versions (without postage and print options): a
// manifest that starts with it takes the new header at its next row, its old rows keep their
// fields (readers see the new columns empty).
inline constexpr std::string_view kManifestHeaderWithoutPrint =
    "action_id,date,customer,recipient_name,address,country,letter_type,pages,file,invoices";

// One field as RFC 4180 writes it.
std::string csv_field(std::string_view value);
// One record, CRLF included.
std::string manifest_record(const ManifestRow& row);
// The first field of every record of `csv` (the header's too). Fails on an unterminated quote.
Result<std::vector<std::string>> first_fields(std::string_view csv);

// Adds `row` to the manifest at `path` (created with its header when missing). Returns false,
// writing nothing, when a row for the same action is already there.
Result<bool> add_manifest_row(const std::filesystem::path& path, const ManifestRow& row);

}  // namespace dun::adapters
