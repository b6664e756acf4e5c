#include "documents/invoice_pdf.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "stdlib/read_file.hpp"

namespace dun {

std::filesystem::path snapshot_folder(const std::filesystem::path& snapshot) {
  std::error_code failure;
  if (std::filesystem::is_directory(snapshot, failure)) return snapshot;
  const std::filesystem::path parent = snapshot.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

Result<Attachment> read_invoice_pdf(const std::filesystem::path& folder,
                                    std::string_view relative) {
  const std::string shown(relative);
  auto refuse = [&](std::string_view why) {
    return Error{"invoice PDF '" + shown + "' refused: " + std::string(why) +
                 "; the pdf column must name a file inside the snapshot folder " +
                 folder.generic_string()};
  };
  const std::filesystem::path path(shown);
  if (shown.empty()) return refuse("the path is empty");
  if (path.is_absolute() || path.has_root_name() || path.has_root_directory()) {
    return refuse("it is an absolute path");
  }
  for (const auto& part : path) {
    if (part == "..") return refuse("it climbs out with '..'");
  }
  std::error_code failure;
  const std::filesystem::path root = std::filesystem::canonical(folder, failure);
  if (failure)
    return Error{"cannot open the snapshot folder " + folder.generic_string() + ": " +
                 failure.message()};
  // Resolving every symbolic link shows where the file really is.
  const std::filesystem::path target = std::filesystem::canonical(root / path, failure);
  if (failure) {
    return Error{"invoice PDF '" + shown + "' cannot be read: " + failure.message() + " (in " +
                 folder.generic_string() + ")"};
  }
  const auto [root_end, unused] =
      std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  if (root_end != root.end()) return refuse("a symbolic link leads outside the folder");
  if (!std::filesystem::is_regular_file(target, failure)) return refuse("it is not a file");
  auto bytes = read_file(target);
  if (!bytes) return Error{"invoice PDF '" + shown + "' cannot be read"};
  Attachment attachment;
  attachment.filename = path.filename().string();
  attachment.bytes = std::move(bytes).value();
  return attachment;
}

}  // namespace dun
