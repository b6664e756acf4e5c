// The letter outbox's `batches.csv`: which batch PDF holds which letter, one `batch,letter` row
// per letter. It is what makes "every letter is in exactly one batch" hold across crashes
// (docs/delivery-outbox.md): a pass writes its rows BEFORE the batch PDF, so after a crash a batch
// named here but missing is rebuilt from its letters, and a letter of the manifest named in no
// row is batched by the next pass. Files are written atomically (adapters/atomic_file.hpp).
// Plain functions over the file; not for two processes at once (the delivery pass holds the
// state store's lock).
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {

inline constexpr std::string_view kBatchIndexHeader = "batch,letter";

struct BatchIndex {
  bool exists = false;                                      // the file was there
  std::map<std::string, std::vector<std::string>> letters;  // batch file -> letter files, in order
  std::set<std::string> batched;                            // every letter file of some batch
};

// The index at `path` (empty, exists = false, when there is none).
Result<BatchIndex> read_batch_index(const std::filesystem::path& path);

// Adds the rows of `batch` holding `letters` and rewrites the file atomically.
Status add_batch_rows(const std::filesystem::path& path, const std::string& batch,
                      std::span<const std::string> letters);

}  // namespace dun::adapters
