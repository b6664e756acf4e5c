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

}  // namespace dun
