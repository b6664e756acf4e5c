// The letters a selection of confirm-tasks holds, as one duplex-ready PDF (`dun agenda print`, the
// workspace's "print the selection"): each letter as the outbox kept it when it was delivered
// already, else rendered from the context's snapshot as `dun agenda show` renders it, then merged
// by the one duplex batcher (documents/pdf_batch.hpp). Nothing is confirmed or written to the
// store.
//
// Reads through the caller's StateStore and SnapshotContext (both must stay open for the call);
// the result owns its bytes. Not thread-safe: the caller's objects are used as they are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "documents/snapshot_context.hpp"
#include "engine/model/task.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

struct TaskLetterBatch {
  std::string pdf;                     // the merged batch
  std::vector<std::int64_t> task_ids;  // the tasks whose letters it holds, in order
  int pages = 0;                       // pages of the batch, blank versos included
};

// The letters of `tasks` (in that order). Fails naming the task when one holds no letter (an
// email, or a manual task), or its letter cannot be rendered.
Result<TaskLetterBatch> batch_task_letters(StateStore& store, SnapshotContext& context,
                                           const std::vector<Task>& tasks);

}  // namespace dun::adapters
