// A fresh private folder under the system's temporary folder ($TMPDIR), for the verbs that run
// the real engine on scratch copies (`dun simulate`'s state store, `dun test`'s snapshots).
// Safe from any thread (mkdtemp picks a name no other caller gets); a TemporaryFolder object is
// not shared between threads.
#pragma once

#include <filesystem>
#include <string_view>

#include "stdlib/result.hpp"

namespace dun {

// Creates $TMPDIR/PREFIX-XXXXXX (mode 0700, mkdtemp). The caller removes it. Fails with a message
// that says to set TMPDIR when the temporary folder is not writable.
Result<std::filesystem::path> make_temp_folder(std::string_view prefix);

// A folder made by make_temp_folder and removed with everything in it when the object dies,
// unless release() handed it over. Movable (the moved-from object removes nothing), not copyable.
class TemporaryFolder {
 public:
  static Result<TemporaryFolder> create(std::string_view prefix);
  TemporaryFolder(TemporaryFolder&& other) noexcept;
  TemporaryFolder& operator=(TemporaryFolder&&) = delete;
  ~TemporaryFolder();

  // REQUIRES: not released, not moved from.
  const std::filesystem::path& path() const { return path_; }
  // Keeps the folder on disk, the caller's from now on, and returns its path.
  std::filesystem::path release();

 private:
  explicit TemporaryFolder(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;  // empty once released or moved from
};

}  // namespace dun
