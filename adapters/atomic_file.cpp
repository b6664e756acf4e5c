#include "adapters/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "stdlib/read_file.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {
namespace {

Error file_error(const std::filesystem::path& path, const char* what) {
  return Error{"cannot " + std::string(what) + " " + path.string() + ": " + std::strerror(errno)};
}

// Syncs the folder, so that the rename itself survives a power cut.
void sync_folder(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return file_error(dir, "create a temporary file in");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Error error = file_error(path, "write");
      ::close(fd);
      ::unlink(temp.c_str());
      return error;
    }
    written += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; an outbox file is meant to be read by others (the pickup, the printer).
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Error error = file_error(path, "sync");
    ::unlink(temp.c_str());
    return error;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    Error error = file_error(path, "rename a temporary file to");
    ::unlink(temp.c_str());
    return error;
  }
  sync_folder(dir);
  return Status::Ok();
}

namespace {

// ".NAME.XXXXXX": the name write_file_atomically gives mkstemp.
bool is_temporary_name(const std::string& name) {
  constexpr std::size_t kSuffix = 7;  // ".XXXXXX"
  if (name.size() < 1 + 1 + kSuffix || name[0] != '.') return false;
  const std::size_t dot = name.size() - kSuffix;
  if (name[dot] != '.') return false;
  for (std::size_t i = dot + 1; i < name.size(); ++i) {
    if (!std::isalnum(static_cast<unsigned char>(name[i]))) return false;
  }
  return true;
}

}  // namespace

Result<std::size_t> remove_abandoned_temporaries(const std::filesystem::path& dir) {
  std::error_code error;
  std::size_t removed = 0;
  if (!std::filesystem::is_directory(dir, error)) return removed;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (!entry.is_regular_file(error) || !is_temporary_name(entry.path().filename().string())) {
      continue;
    }
    if (std::filesystem::remove(entry.path(), error)) ++removed;
    if (error) return Error{"cannot remove " + entry.path().string() + ": " + error.message()};
  }
  if (error) return Error{"cannot list " + dir.string() + ": " + error.message()};
  return removed;
}

Result<std::optional<std::string>> read_file_if_present(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return std::optional<std::string>{};
  auto content = read_file(path);
  if (!content) return file_error(path, "read");
  return std::optional<std::string>(std::move(content).value());
}

Status check_writable_folder(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return Error{"cannot create the folder " + dir.string() + ": " + error.message() +
                 " (check the path and its permissions)"};
  }
  if (!std::filesystem::is_directory(dir, error)) {
    return Error{dir.string() + " is not a folder: set dir to a folder"};
  }
  auto probe = write_file_atomically(dir / ".dun-check", "dun adapters check\n");
  if (!probe) return Error{probe.error().message + " (check the folder's permissions)"};
  std::filesystem::remove(dir / ".dun-check", error);
  return Status::Ok();
}

}  // namespace dun::adapters
