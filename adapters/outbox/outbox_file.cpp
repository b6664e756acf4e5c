#include "adapters/outbox/outbox_file.hpp"

#include "adapters/atomic_file.hpp"

namespace dun::adapters {

Result<std::filesystem::path> action_file(const std::filesystem::path& dir, std::string_view id,
                                          std::string_view extension) {
  bool safe = !id.empty() && id.front() != '.' && id.find("..") == std::string_view::npos;
  for (const char c : id) {
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) safe = false;
  }
  if (!safe) {
    return Error{"action id '" + std::string(id) + "' cannot name a file in " + dir.string() +
                 ": it must not contain '/', '..' or control characters"};
  }
  return dir / (std::string(id) + "." + std::string(extension));
}

DeliveryReport place_action_file(const std::filesystem::path& path, std::string_view bytes) {
  DeliveryReport report;
  report.provider_ref = path.string();
  auto existing = read_file_if_present(path);
  if (!existing) {
    report.outcome = DeliveryOutcome::failed;
    report.error = existing.error().message;
    return report;
  }
  if (existing->has_value()) {
    if (**existing == bytes) {
      report.outcome = DeliveryOutcome::sent;
      return report;
    }
    report.outcome = DeliveryOutcome::rejected;
    report.error = path.string() +
                   " already exists with other content: it is not overwritten; move it away, "
                   "then run `dun deliver --retry-exhausted`";
    return report;
  }
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    report.outcome = DeliveryOutcome::failed;
    report.error =
        "cannot create the folder " + path.parent_path().string() + ": " + error.message();
    return report;
  }
  auto written = write_file_atomically(path, bytes);
  if (!written) {
    report.outcome = DeliveryOutcome::failed;
    report.error = written.error().message;
    return report;
  }
  report.outcome = DeliveryOutcome::sent;
  return report;
}

CheckReport check_outbox_folder(const std::filesystem::path& dir) {
  auto writable = check_writable_folder(dir);
  if (!writable) return {false, writable.error().message};
  return {true, "folder " + dir.string() + " is writable"};
}

}  // namespace dun::adapters
