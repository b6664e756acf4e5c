// Where dun's shipped files are: the example scenarios and their templates, the example dun.toml,
// the workspace's web/ folder (`dun serve`).
// An installed dun (`cmake --install`, the .deb) finds them under PREFIX/share/dun beside its
// PREFIX/bin/dun; a dun run from its build tree finds them in the source tree it was built from.
// Thread-safe (reads /proc/self/exe and the file system only).
#pragma once

#include <filesystem>

namespace dun::cli {

// The folder holding `scenarios/` (with `scenarios/templates/`) and `examples/dun.toml`:
// PREFIX/share/dun when this executable is PREFIX/bin/dun and that folder has scenarios/,
// else the source tree dun was built from.
std::filesystem::path shipped_files_dir();

}  // namespace dun::cli
