#include "cli/args/shipped_files.hpp"

#include <system_error>

namespace dun::cli {

std::filesystem::path shipped_files_dir() {
  namespace fs = std::filesystem;
  std::error_code error;
  // The executable's own path, so that an installed tree can be moved (or unpacked with
  // `dpkg -x` into a scratch root) and still find its files.
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path installed = executable.parent_path().parent_path() / "share" / "dun";
    if (fs::is_directory(installed / "scenarios", error)) return installed;
  }
  return fs::path(DUN_SOURCE_DIR);
}

}  // namespace dun::cli
