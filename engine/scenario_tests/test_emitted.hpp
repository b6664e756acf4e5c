// Reads what a scenario test's day emitted from the jsonl adapter's file (data-model.md): the
// lines appended since `offset` that create or execute an action. The result owns its text; the
// store is only read, through the caller's connection.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "engine/scenario_tests/test_outcome.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/result.hpp"

namespace dun {

// Lines with status `queued` (an automatic action, or a confirmed one), `pending_confirmation`
// or `open` (a task) are emissions; `cancelled` and `completed` lines are not. Task texts come
// from the agenda in `store`. An action with two such lines (created and confirmed the same day)
// counts once, with its last status. Advances `offset` past the lines read.
Result<std::vector<EmittedAction>> read_emitted_actions(const std::filesystem::path& jsonl,
                                                        std::uintmax_t& offset, StateStore& store);

}  // namespace dun
