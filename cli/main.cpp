// Entry point of the `dun` command: picks the verb and hands it the remaining arguments.
#include <cstdio>
#include <string_view>
#include <vector>

#include "cli/args/test_pause.hpp"
#include "cli/verbs.hpp"
#include "engine/base/huge_pages.hpp"
#include "engine/store/state_store.hpp"

namespace {

struct Verb {
  std::string_view name;
  int (*run)(dun::cli::Args);
  std::string_view summary;
};

constexpr Verb kVerbs[] = {
    {"adapters", dun::cli::run_adapters,
     "check every configured adapter live: connected or why not"},
    {"agenda", dun::cli::run_agenda,
     "the collectors' tasks: list, show, confirm, complete, cancel, print (many at once)"},
    {"assign", dun::cli::run_assign, "a collector assigns a customer's scenario (or none)"},
    {"check", dun::cli::run_check, "parse and check scenario files; print every error"},
    {"deliver", dun::cli::run_deliver, "deliver what the outbox holds now; --sync pulls tracking"},
    {"demo", dun::cli::run_demo, "a self-contained demonstration on a generated portfolio"},
    {"explain", dun::cli::run_explain, "why a step fires, is skipped or waits for one invoice"},
    {"fmt", dun::cli::run_fmt, "put scenario files in the canonical layout (--check: only list)"},
    {"gen", dun::cli::run_gen, "write a synthetic, realistic portfolio (demo, tests, benchmarks)"},
    {"history", dun::cli::run_history, "the events and actions of an invoice or a customer"},
    {"lsp", dun::cli::run_lsp, "a Language Server Protocol server on stdio for editors"},
    {"optin", dun::cli::run_optin, "a collector turns the automation back on for an invoice"},
    {"optout", dun::cli::run_optout, "a collector turns the automation off for an invoice"},
    {"pause", dun::cli::run_pause, "a collector pauses an invoice's follow-up until a date"},
    {"render", dun::cli::run_render, "preview a template on real data: text, .eml or PDF letter"},
    {"report", dun::cli::run_report,
     "aging and DSO, what each step achieves, each collector's work"},
    {"resume", dun::cli::run_resume, "a collector ends an invoice's pause"},
    {"run", dun::cli::run_run, "the daily run: evaluate the scenarios, record, emit actions"},
    {"runs", dun::cli::run_runs, "the runs the state store recorded; undo the last ones"},
    {"send", dun::cli::run_send, "a manual one-off reminder for one customer's invoices"},
    {"serve", dun::cli::run_serve, "the collectors' workspace in a browser (127.0.0.1:8080)"},
    {"shards", dun::cli::run_shards, "sharded runs: combine their reports, or reshard the state"},
    {"show", dun::cli::run_show,
     "one action as sent or to be sent: document, delivery, tracking, proof"},
    {"simulate", dun::cli::run_simulate, "forecast the actions of the next N days if nobody pays"},
    {"status", dun::cli::run_status, "the dashboard: per invoice its scenario, last and next step"},
    {"test", dun::cli::run_test, "run the scenario files' test blocks through the real engine"},
    {"users", dun::cli::run_users, "the workspace's accounts and roles: add, remove, list"},
    {"version", dun::cli::run_version, "print the versions of dun and of LLVM"},
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: dun VERB [OPTIONS…]\n\nverbs:\n");
  for (const Verb& verb : kVerbs) {
    std::fprintf(out, "  %-10.*s %.*s\n", static_cast<int>(verb.name.size()), verb.name.data(),
                 static_cast<int>(verb.summary.size()), verb.summary.data());
  }
  std::fprintf(out, "\n`dun VERB --help` describes a verb.\n");
}

}  // namespace

int main(int argc, char** argv) {
  // The daily run allocates a few hundred megabytes at 1M invoices, and on 4 KiB pages its page
  // faults took a third of its CPU time; glibc puts its heap on huge pages only when started so
  // (engine/base/huge_pages.hpp, docs/run-memory.md). Returns here when it does not restart.
  if (argc > 1 && std::string_view(argv[1]) == "run") dun::restart_with_huge_page_heap(argv);
  // Before anything opens a database (state_store.hpp says why).
  dun::StateStore::drop_sqlite_memory_statistics();
  dun::cli::install_test_pause_from_environment();
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") return dun::cli::run_version({});
  for (const Verb& verb : kVerbs) {
    if (verb.name == args[0]) return verb.run(dun::cli::Args(args).subspan(1));
  }
  std::fprintf(stderr, "dun: unknown verb '%.*s'\n\n", static_cast<int>(args[0].size()),
               args[0].data());
  print_usage(stderr);
  return 2;
}
