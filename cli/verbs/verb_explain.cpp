// `dun explain INVOICE`: why a step fires, is skipped or waits for one invoice, each clause with
// its value (engine/analyst/explain.hpp).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/output/explain_output.hpp"
#include "engine/analyst/explain.hpp"
#include "engine/snapshot/customer_index.hpp"

namespace dun::cli {
namespace {

std::string help_text() {
  return std::string(
             "usage: dun explain INVOICE [--date YYYY-MM-DD] [--json] [--config dun.toml]\n"
             "                   [--snapshot PATH] [--scenarios DIR] [--templates DIR] [--db "
             "FILE]\n"
             "                   [--backend interp|jit]\n"
             "\n"
             "Explains what the daily run does with one invoice on a date: its scenario and why,\n"
             "its sequence state, the values of `applies`, `stop`, `pause` and of the lets used,\n"
             "and for the next step each clause with its value, e.g.\n"
             "  at = 2026-01-19 (due_date 2026-01-12 + 7 days)\n"
             "  when = false (balance 30.00 EUR < 50.00 EUR) → skipped (condition)\n"
             "then the decision (fire, skip, hold, wait, pause, close, stop, error or nothing) "
             "and\n"
             "why. The values come from the evaluator the run uses; nothing is written. Only the\n"
             "rows of the invoice's customer are read from the snapshot.\n"
             "\n"
             "  --date D          the date to explain (default today, as `dun run`)\n"
             "  --json            one JSON object (docs/analyst-tools.md) instead of text\n") +
         std::string(kInputFlagsHelp) +
         "\n"
         "exit status: 0 when explained, 1 when it could not be (unknown invoice, no state "
         "store),\n"
         "2 for a usage error.\n"
         "\n"
         "example:\n"
         "  dun explain INV-000042 --date 2026-01-19 --snapshot demo/snapshot \\\n"
         "              --scenarios scenarios --templates scenarios/templates --db demo/dun.db\n";
}

}  // namespace

int run_explain(Args args) {
  InputFlags input_flags;
  std::optional<std::string> date;
  bool json = false;
  std::vector<std::string> positionals;
  const std::string help = help_text();
  FlagParser flags("explain", help);
  input_flags.add_to(flags);
  flags.value("date", date);
  flags.flag("json", json);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.size() != 1) {
    return flags.usage_error(positionals.empty() ? "which invoice? give its id (dun explain INV-1)"
                                                 : "one invoice at a time, please");
  }
  Inputs inputs;
  if (auto exit_code = resolve_inputs(input_flags, flags, "explain", inputs)) return *exit_code;
  auto explain_date = parse_run_date(date);
  if (!explain_date) return flags.usage_error(explain_date.error().message);

  ExplainOptions options{inputs.run_options(*explain_date), positionals.front()};
  options.customer_index = CustomerIndexSettings{customer_index_path_for(options.run.database)};
  dsl::Diagnostics diagnostics;
  auto explanation = explain_invoice(options, diagnostics);
  print_diagnostics(diagnostics);
  if (!explanation) {
    std::fprintf(stderr, "dun explain: %s\n", explanation.error().message.c_str());
    return 1;
  }
  const std::string text = json ? explanation_json(*explanation) : explanation_text(*explanation);
  std::fputs(text.c_str(), stdout);
  return 0;
}

}  // namespace dun::cli
