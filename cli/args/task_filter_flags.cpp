#include "cli/args/task_filter_flags.hpp"

namespace dun::cli {
namespace {

Result<std::optional<Date>> parse_day(const char* flag, const std::optional<std::string>& text) {
  if (!text) return std::optional<Date>();
  auto date = Date::parse(*text);
  if (!date)
    return Error{std::string("--") + flag + " '" + *text + "' is not a date: use YYYY-MM-DD"};
  return std::optional<Date>(*date);
}

}  // namespace

void TaskFilterFlags::register_with(FlagParser& flags) {
  flags.value("customer", customer);
  flags.value("assignee", assignee);
  flags.value("step", step);
  flags.value("scenario", scenario);
  flags.value("kind", kind);
  flags.value("created-before", created_before);
  flags.value("created-after", created_after);
}

bool TaskFilterFlags::any() const {
  return customer || assignee || step || scenario || kind || created_before || created_after;
}

Result<TaskFilter> TaskFilterFlags::filter() const {
  TaskFilter filter;
  filter.customer = customer;
  filter.assignee = assignee;
  filter.step = step;
  filter.scenario = scenario;
  if (kind) {
    filter.kind = parse_task_kind(*kind);
    if (!filter.kind)
      return Error{"--kind '" + *kind + "' is not a task kind: use confirm or task"};
  }
  auto before = parse_day("created-before", created_before);
  if (!before) return before.error();
  filter.created_before = *before;
  auto after = parse_day("created-after", created_after);
  if (!after) return after.error();
  filter.created_after = *after;
  return filter;
}

}  // namespace dun::cli
