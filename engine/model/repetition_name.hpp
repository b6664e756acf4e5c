// How a repetition of a `repeat` step is named in the history, `dun explain`, `dun status` and
// `dun test` (language.md §3.2): the step's name, then `#n` for its n-th repetition — `final`,
// `final #1`, `final #2`, … (the first firing has no number).
#pragma once

#include <string>
#include <string_view>

namespace dun {

// REQUIRES: repetition >= 0.
std::string repetition_name(std::string_view step, int repetition);

}  // namespace dun
