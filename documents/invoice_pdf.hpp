// The invoice PDFs attached to emails: the snapshot's `pdf` column names a file relative to the
// snapshot (its folder, or the folder of a SQLite snapshot). The file must stay inside that
// folder: an absolute path, a `..` that climbs out, or a symbolic link that leads out is refused
// with a clear error, so a crafted snapshot cannot mail arbitrary files of the machine.
//
// Pure functions (they read the file system and keep nothing): safe from several threads.
#pragma once

#include <filesystem>
#include <string_view>

#include "documents/email_message.hpp"
#include "stdlib/result.hpp"

namespace dun {

// The folder `pdf` paths are relative to, for a snapshot path (a folder or a .db file).
std::filesystem::path snapshot_folder(const std::filesystem::path& snapshot);

// Reads `relative` under `folder` as an attachment named after the file.
Result<Attachment> read_invoice_pdf(const std::filesystem::path& folder, std::string_view relative);

}  // namespace dun
