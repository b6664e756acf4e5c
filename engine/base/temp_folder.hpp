// A fresh private folder under the system's temporary folder ($TMPDIR), for the verbs that run
// the real engine on scratch copies (`dun simulate`'s state store, `dun test`'s snapshots).
// Safe from any thread (mkdtemp picks a name no other caller gets).
#pragma once

#include <filesystem>
#include <string_view>

#include "stdlib/result.hpp"

namespace dun {

// Creates $TMPDIR/PREFIX-XXXXXX (mode 0700, mkdtemp). The caller removes it. Fails with a message
// that says to set TMPDIR when the temporary folder is not writable.
Result<std::filesystem::path> make_temp_folder(std::string_view prefix);

}  // namespace dun
