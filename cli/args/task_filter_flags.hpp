// The agenda's filter flags (`dun agenda list|confirm|complete|cancel|print`): --customer,
// --assignee, --step, --scenario, --kind, --created-before, --created-after, read into a
// TaskFilter. A plain value; registers references to its members with a FlagParser, so it must
// outlive the parse.
#pragma once

#include <optional>
#include <string>

#include "cli/args/flags.hpp"
#include "engine/model/task.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

struct TaskFilterFlags {
  std::optional<std::string> customer, assignee, step, scenario, kind, created_before,
      created_after;

  void register_with(FlagParser& flags);
  bool any() const;
  // The filter the flags describe (open tasks only). Fails with a usage message on a bad kind
  // or date.
  Result<TaskFilter> filter() const;
};

// The help lines of the flags above, for the verbs' --help.
inline constexpr const char* kTaskFilterHelp =
    "  --customer ID        only the tasks of that customer\n"
    "  --assignee NAME      only the tasks assigned to NAME\n"
    "  --step NAME          only the tasks of that step (by name)\n"
    "  --scenario NAME      only the tasks of that scenario\n"
    "  --kind confirm|task  only confirm-tasks (an email or letter to confirm) or manual tasks\n"
    "  --created-before D   only the tasks created before day D (YYYY-MM-DD, not D itself)\n"
    "  --created-after D    only the tasks created after day D (not D itself)\n";

}  // namespace dun::cli
