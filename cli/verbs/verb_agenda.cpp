// `dun agenda`: the collectors' task list (list, show, confirm, complete, cancel).
#include <charconv>
#include <cstdio>

#include "adapters/atomic_file.hpp"
#include "adapters/task_letters.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/args/task_filter_flags.hpp"
#include "cli/output/agenda_show.hpp"
#include "engine/model/action_json.hpp"
#include "engine/run/agenda.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelpHead =
    "usage: dun agenda list [FILTER] [--json] [--all] [--db FILE]\n"
    "       dun agenda show ID [--out FILE] [--snapshot PATH] [--templates DIR] [--date D]\n"
    "       dun agenda confirm|complete|cancel IDS…|FILTER [--by NAME] [--date YYYY-MM-DD]\n"
    "                                             [--jsonl FILE] [--db FILE]\n"
    "       dun agenda print IDS…|FILTER --out batch.pdf [--snapshot PATH] [--templates DIR]\n"
    "\n"
    "The collectors' agenda: confirm-tasks hold an email or letter until a collector confirms it;\n"
    "manual tasks (`task \"…\"` steps) wait until completed. The sequence of their invoices waits\n"
    "meanwhile; the next step can fire from the next run on.\n"
    "\n"
    "  list              the open tasks (--all: every task), as a table or --json\n"
    "  show ID           the task's fields and, for a confirm-task, the email or letter to\n"
    "                    confirm as text, rendered from the snapshot (--snapshot, --templates:\n"
    "                    default from dun.toml; --date: the day of its figures, default today)\n"
    "  --out FILE        with show: write the document, the .eml or the letter's PDF\n"
    "  confirm IDS…      execute the confirm-tasks' actions; invoices settled, stopped or paused\n"
    "                    since are dropped from them (none left: the task is cancelled as "
    "settled)\n"
    "  complete IDS…     manual tasks are done\n"
    "  cancel IDS…       drop the tasks; their step is marked skipped\n"
    "  print IDS…        the letters of those confirm-tasks as one duplex-ready PDF (--out), each\n"
    "                    letter starting on an odd page; nothing is confirmed\n"
    "\n"
    "confirm, complete and cancel act on every task named, or every open task the FILTER selects\n"
    "(confirm: confirm-tasks, complete: manual tasks, unless --kind says otherwise), in ONE\n"
    "transaction: all of them change, or none does and each refused task is listed with why.\n"
    "With a FILTER, print takes the letters among the confirm-tasks selected.\n"
    "\n"
    "FILTER (list, confirm, complete, cancel, print):\n";
constexpr const char* kHelpTail =
    "\n"
    "  --by NAME         who acts, recorded in the history (default $USER)\n"
    "  --date D          the date of the change (default today)\n"
    "  --jsonl FILE      append the actions' new status as JSON lines\n"
    "  --db FILE         the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "example:\n"
    "  dun agenda list --db demo/dun.db --customer C0042\n"
    "  dun agenda show 12 --config examples/dun.toml --out task-12.pdf\n"
    "  dun agenda confirm 12 13 14 --by anna --db demo/dun.db --date 2026-02-10\n"
    "  dun agenda confirm --assignee anna --step formal_notice --by anna\n"
    "  dun agenda print --kind confirm --created-after 2026-02-01 --out batch.pdf\n";

std::string help_text() { return std::string(kHelpHead) + kTaskFilterHelp + kHelpTail; }

void print_tasks(const std::vector<Task>& tasks) {
  if (tasks.empty()) {
    std::printf("no tasks\n");
    return;
  }
  std::printf("%6s  %-7s  %-9s  %-10s  %-12s  %-14s  %s\n", "id", "kind", "status", "created",
              "customer", "step", "text");
  for (const Task& task : tasks) {
    std::printf("%6lld  %-7s  %-9s  %-10s  %-12s  %-14s  %s\n", static_cast<long long>(task.id),
                std::string(to_string(task.kind)).c_str(),
                std::string(to_string(task.status)).c_str(), task.created_on.to_string().c_str(),
                task.customer.c_str(), task.step.c_str(), task.text.c_str());
  }
}

// The tasks IDS or the filter name: ids are read as numbers; a filter selects open tasks.
struct Selection {
  std::vector<std::int64_t> ids;
  std::optional<TaskFilter> filter;
};

Result<Selection> read_selection(const std::vector<std::string>& ids_text,
                                 const TaskFilterFlags& filter_flags, const std::string& verb) {
  Selection selection;
  if (!ids_text.empty() && filter_flags.any()) {
    return Error{verb + " takes task IDs or a filter, not both"};
  }
  if (ids_text.empty() && !filter_flags.any()) {
    return Error{verb + " needs task IDs or a filter such as --customer or --assignee " +
                 "(see `dun agenda list`)"};
  }
  for (const std::string& text : ids_text) {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
      return Error{"task ID '" + text + "' is not a number (see `dun agenda list`)"};
    }
    selection.ids.push_back(id);
  }
  if (filter_flags.any()) {
    auto filter = filter_flags.filter();
    if (!filter) return filter.error();
    selection.filter = *filter;
  }
  return selection;
}

int fail(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "dun agenda: %s\n", message.c_str());
  return 1;
}

int close_tasks(StateStore& store, const Selection& selection, AgendaVerb verb,
                const std::string& verb_name, Date date, const std::string& by,
                const std::optional<std::string>& jsonl) {
  std::vector<std::int64_t> ids = selection.ids;
  if (selection.filter) {
    TaskFilter filter = *selection.filter;
    // A filter confirms confirm-tasks and completes manual tasks unless --kind says otherwise.
    if (!filter.kind && verb == AgendaVerb::confirm) filter.kind = TaskKind::confirm;
    if (!filter.kind && verb == AgendaVerb::complete) filter.kind = TaskKind::task;
    auto tasks = store.list_tasks(filter);
    if (!tasks) return fail(tasks.error().message);
    if (tasks->empty()) {
      std::printf("no open task matches the filter: nothing to %s\n", verb_name.c_str());
      return 0;
    }
    for (const Task& task : *tasks) ids.push_back(task.id);
  }
  auto outcomes =
      close_agenda_tasks(store, ids, verb, date, by,
                         jsonl ? std::optional<std::filesystem::path>(*jsonl) : std::nullopt);
  if (!outcomes) return fail(outcomes.error().message);
  for (const AgendaOutcome& outcome : *outcomes) {
    const TaskClosed& closed = outcome.closed;
    std::printf("task %lld %s on %s by %s", static_cast<long long>(closed.task.id),
                std::string(to_string(closed.task.status)).c_str(), date.to_string().c_str(),
                by.c_str());
    if (!closed.task.note.empty()) std::printf(" (%s)", closed.task.note.c_str());
    std::printf("; action %s is %s\n", closed.action.id.c_str(),
                std::string(to_string(closed.action.status)).c_str());
    for (const std::string& invoice : outcome.dropped) {
      std::printf("  invoice %s dropped: settled, stopped or paused since the task was created\n",
                  invoice.c_str());
    }
  }
  if (outcomes->size() > 1) {
    std::printf("%zu tasks %s\n", outcomes->size(),
                verb_name == "confirm"    ? "confirmed"
                : verb_name == "complete" ? "completed"
                                          : "cancelled");
  }
  return 0;
}

// The confirm-tasks of letters the selection names (ids: all must be letters; a filter: the
// letters among its confirm-tasks).
Result<std::vector<Task>> letters_selected(StateStore& store, const Selection& selection) {
  std::vector<Task> tasks;
  if (selection.filter) {
    TaskFilter filter = *selection.filter;
    if (!filter.kind) filter.kind = TaskKind::confirm;
    auto listed = store.list_tasks(filter);
    if (!listed) return listed.error();
    for (Task& task : listed.value()) {
      auto action = store.find_action(task.action_id);
      if (!action) return action.error();
      if (*action && (*action)->channel == Channel::letter) tasks.push_back(std::move(task));
    }
    if (tasks.empty()) return Error{"no open confirm-task of a letter matches the filter"};
    return tasks;
  }
  for (std::int64_t id : selection.ids) {
    auto task = store.find_task(id);
    if (!task) return task.error();
    if (!*task) {
      return Error{"there is no task " + std::to_string(id) +
                   " in the agenda: `dun agenda list --all` shows every task"};
    }
    tasks.push_back(std::move(**task));
  }
  return tasks;
}

int print_letters(VerbState& state, const Selection& selection, const std::string& out,
                  const std::optional<std::string>& date_text) {
  auto date = parse_run_date(date_text);
  if (!date) return fail(date.error().message);
  auto tasks = letters_selected(state.store, selection);
  if (!tasks) return fail(tasks.error().message);
  auto context = SnapshotContext::load(state.config, state.config.engine.snapshot,
                                       state.config.engine.templates, *date);
  if (!context) return fail(context.error().message);
  auto batch = adapters::batch_task_letters(state.store, **context, *tasks);
  if (!batch) return fail(batch.error().message);
  if (auto written = adapters::write_file_atomically(out, batch->pdf); !written) {
    return fail(written.error().message);
  }
  std::printf(
      "wrote %s: %zu letters, %d pages (duplex: each letter starts on an odd page); "
      "tasks",
      out.c_str(), batch->task_ids.size(), batch->pages);
  for (std::int64_t id : batch->task_ids) std::printf(" %lld", static_cast<long long>(id));
  std::printf(" stay open\n");
  return 0;
}

}  // namespace

int run_agenda(Args args) {
  std::optional<std::string> config_path, db, date, jsonl, by;
  AgendaShowOptions show;
  TaskFilterFlags filter_flags;
  bool json = false, all = false;
  std::vector<std::string> positionals;
  const std::string help = help_text();
  FlagParser flags("agenda", help);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("date", date);
  flags.value("jsonl", jsonl);
  flags.value("by", by);
  flags.value("out", show.out);
  flags.value("snapshot", show.snapshot);
  flags.value("templates", show.templates);
  flags.flag("json", json);
  flags.flag("all", all);
  filter_flags.register_with(flags);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.empty()) positionals.push_back("list");

  const std::string& verb = positionals[0];
  if (verb != "show" && verb != "print" && (show.out || show.snapshot || show.templates)) {
    return flags.usage_error(
        "--out, --snapshot and --templates go with `dun agenda show ID` or `dun agenda print`");
  }
  if (by && verb != "confirm" && verb != "complete" && verb != "cancel") {
    return flags.usage_error("--by goes with confirm, complete or cancel");
  }
  if (filter_flags.any() && verb == "show") {
    return flags.usage_error("show takes one task ID, not a filter");
  }
  // list and show only read: they never wait for a writer and work on a read-only copy.
  const bool reads = verb == "list" || verb == "show" || verb == "print";
  auto state = open_verb_state("agenda", config_path,
                               {.snapshot = show.snapshot, .templates = show.templates, .db = db},
                               reads ? StoreUse::read : StoreUse::write);
  if (!state) return 1;
  StateStore& store = state->store;

  if (verb == "list") {
    if (positionals.size() > 1) return flags.usage_error("list takes no argument");
    auto filter = filter_flags.filter();
    if (!filter) return flags.usage_error(filter.error().message);
    filter.value().open_only = !all;
    auto tasks = store.list_tasks(*filter);
    if (!tasks) return fail(tasks.error().message);
    if (json) {
      std::printf("%s\n", tasks_to_json(*tasks).c_str());
    } else {
      print_tasks(*tasks);
    }
    return 0;
  }
  if (verb == "show") {
    if (positionals.size() != 2)
      return flags.usage_error("show needs the task ID (see `dun agenda list`)");
    show.date = date;
    return show_agenda_task(*state, positionals[1], show);
  }
  const std::vector<std::string> ids_text(positionals.begin() + 1, positionals.end());
  auto selection = read_selection(ids_text, filter_flags, verb);
  if (verb == "print") {
    if (!show.out) return flags.usage_error("print needs --out FILE.pdf: where to write the batch");
    if (!selection) return flags.usage_error(selection.error().message);
    return print_letters(*state, *selection, *show.out, date);
  }
  AgendaVerb agenda_verb;
  if (verb == "confirm") {
    agenda_verb = AgendaVerb::confirm;
  } else if (verb == "complete") {
    agenda_verb = AgendaVerb::complete;
  } else if (verb == "cancel") {
    agenda_verb = AgendaVerb::cancel;
  } else {
    return flags.usage_error("unknown action '" + verb +
                             "': use list, show, confirm, complete, cancel or print");
  }
  if (!selection) return flags.usage_error(selection.error().message);
  auto change_date = parse_run_date(date);
  if (!change_date) return flags.usage_error(change_date.error().message);
  return close_tasks(store, *selection, agenda_verb, verb, *change_date, change_author(by), jsonl);
}

}  // namespace dun::cli
