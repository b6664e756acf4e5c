// The word for why a step was skipped (language.md §3.4, §3.5): stored as the reason of its
// `skipped` step event and shown by `dun explain`, so the history and the explanation use the
// same word.
#pragma once

#include <string_view>

#include "dsl/batch.hpp"

namespace dun {

// "expired", "late" or "condition"; "unknown" for a value outside dsl::SkipReason (a decision
// that was not filled in), never an empty reason.
std::string_view skip_reason_text(dsl::SkipReason reason);

}  // namespace dun
