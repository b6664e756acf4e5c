#include "engine/base/temp_folder.hpp"

#include <stdlib.h>

#include <string>

namespace dun {

Result<std::filesystem::path> make_temp_folder(std::string_view prefix) {
  std::error_code error;
  const std::filesystem::path base = std::filesystem::temp_directory_path(error);
  if (error) return Error{"no temporary folder: " + error.message() + " (set TMPDIR)"};
  std::string pattern = (base / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Error{"cannot create a temporary folder in " + base.string() +
                 " (set TMPDIR to a writable folder)"};
  }
  return std::filesystem::path(pattern);
}

Result<TemporaryFolder> TemporaryFolder::create(std::string_view prefix) {
  auto path = make_temp_folder(prefix);
  if (!path) return path.error();
  return TemporaryFolder(std::move(path).value());
}

TemporaryFolder::TemporaryFolder(TemporaryFolder&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TemporaryFolder::release() {
  std::filesystem::path kept = std::move(path_);
  path_.clear();
  return kept;
}

}  // namespace dun
