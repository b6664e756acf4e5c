// `dun agenda`: the collectors' task list (list, show, confirm, complete, cancel).
#include <charconv>
#include <cstdio>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/output/agenda_show.hpp"
#include "engine/model/action_json.hpp"
#include "engine/run/agenda.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun agenda list [--json] [--all] [--db FILE]\n"
    "       dun agenda show ID [--out FILE] [--snapshot PATH] [--templates DIR] [--date D]\n"
    "       dun agenda confirm|complete|cancel ID [--date YYYY-MM-DD] [--jsonl FILE] [--db FILE]\n"
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
    "  confirm ID        execute the confirm-task's action; invoices settled, stopped or paused\n"
    "                    since are dropped from it (none left: the task is cancelled as settled)\n"
    "  complete ID       a manual task is done\n"
    "  cancel ID         drop the task; its step is marked skipped\n"
    "  --date D          the date of the change (default today)\n"
    "  --jsonl FILE      append the action's new status as a JSON line\n"
    "  --db FILE         the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "example:\n"
    "  dun agenda list --db demo/dun.db\n"
    "  dun agenda show 12 --config examples/dun.toml --out task-12.pdf\n"
    "  dun agenda confirm 12 --db demo/dun.db --date 2026-02-10 --jsonl demo/actions.jsonl\n";

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

}  // namespace

int run_agenda(Args args) {
  std::optional<std::string> config_path, db, date, jsonl;
  AgendaShowOptions show;
  bool json = false, all = false;
  std::vector<std::string> positionals;
  FlagParser flags("agenda", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("date", date);
  flags.value("jsonl", jsonl);
  flags.value("out", show.out);
  flags.value("snapshot", show.snapshot);
  flags.value("templates", show.templates);
  flags.flag("json", json);
  flags.flag("all", all);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.empty()) positionals.push_back("list");

  // list and show only read: they never wait for a writer and work on a read-only copy.
  const bool reads = positionals[0] == "list" || positionals[0] == "show";
  auto state = open_verb_state("agenda", config_path,
                               {.snapshot = show.snapshot, .templates = show.templates, .db = db},
                               reads ? StoreUse::read : StoreUse::write);
  if (!state) return 1;
  StateStore& store = state->store;

  const std::string& verb = positionals[0];
  if (verb != "show" && (show.out || show.snapshot || show.templates)) {
    return flags.usage_error("--out, --snapshot and --templates go with `dun agenda show ID`");
  }
  if (verb == "list") {
    if (positionals.size() > 1) return flags.usage_error("list takes no argument");
    auto tasks = store.list_tasks(!all);
    if (!tasks) {
      std::fprintf(stderr, "dun agenda: %s\n", tasks.error().message.c_str());
      return 1;
    }
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
  AgendaVerb agenda_verb;
  if (verb == "confirm") {
    agenda_verb = AgendaVerb::confirm;
  } else if (verb == "complete") {
    agenda_verb = AgendaVerb::complete;
  } else if (verb == "cancel") {
    agenda_verb = AgendaVerb::cancel;
  } else {
    return flags.usage_error("unknown action '" + verb +
                             "': use list, show, confirm, complete or cancel");
  }
  if (positionals.size() != 2)
    return flags.usage_error(verb + " needs the task ID (see `dun agenda list`)");
  std::int64_t task_id = 0;
  const std::string& id_text = positionals[1];
  const auto [end, error] =
      std::from_chars(id_text.data(), id_text.data() + id_text.size(), task_id);
  if (error != std::errc() || end != id_text.data() + id_text.size()) {
    return flags.usage_error("task ID '" + id_text + "' is not a number (see `dun agenda list`)");
  }
  auto change_date = parse_run_date(date);
  if (!change_date) return flags.usage_error(change_date.error().message);

  auto outcome =
      close_agenda_task(store, task_id, agenda_verb, *change_date, change_author(std::nullopt),
                        jsonl ? std::optional<std::filesystem::path>(*jsonl) : std::nullopt);
  if (!outcome) {
    std::fprintf(stderr, "dun agenda: %s\n", outcome.error().message.c_str());
    return 1;
  }
  const TaskClosed& closed = outcome->closed;
  std::printf("task %lld %s on %s", static_cast<long long>(closed.task.id),
              std::string(to_string(closed.task.status)).c_str(), change_date->to_string().c_str());
  if (!closed.task.note.empty()) std::printf(" (%s)", closed.task.note.c_str());
  std::printf("; action %s is %s\n", closed.action.id.c_str(),
              std::string(to_string(closed.action.status)).c_str());
  for (const std::string& invoice : outcome->dropped) {
    std::printf("  invoice %s dropped: settled, stopped or paused since the task was created\n",
                invoice.c_str());
  }
  return 0;
}

}  // namespace dun::cli
