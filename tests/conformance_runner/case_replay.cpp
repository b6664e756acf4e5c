#include "tests/conformance_runner/case_replay.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "tests/conformance_runner/dun_process.hpp"
#include "tests/conformance_runner/line_diff.hpp"
#include "tests/conformance_runner/observed_output.hpp"
#include "tests/conformance_runner/snapshot_table.hpp"

namespace dun::conformance {

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string without_comments(const std::string& source) {
  return std::regex_replace(source, std::regex("#[^\n]*"), "");
}

// Every template a scenario names: `email "T"` and `letter [kind] "T"`.
std::set<std::string> template_names(const std::string& source) {
  static const std::regex action(
      R"re((?:^|[^a-z0-9_])(?:email|letter)\s+(?:(?:standard|registered|electronic)\s+)?"([^"]*)")re");
  std::set<std::string> names;
  const std::string code = without_comments(source);
  for (auto match = std::sregex_iterator(code.begin(), code.end(), action);
       match != std::sregex_iterator(); ++match) {
    names.insert((*match)[1].str());
  }
  return names;
}

std::string first_scenario_name(const std::string& source) {
  static const std::regex header(R"((?:^|\s)scenario\s+([a-z_][a-z0-9_]*))");
  const std::string code = without_comments(source);
  std::smatch match;
  return std::regex_search(code, match, header) ? match[1].str() : std::string();
}

// The case's dun.toml snippet, plus the tables it does not declare: a company, the first
// scenario as the default, and the agenda. No email or letter adapter: the cases are about
// decisions (the jsonl actions and the history), and their actions stay queued (delivery has its
// own suites: deliver_test, delivery_cli_test).
std::string compose_config(const std::string& case_config, const std::string& default_scenario) {
  const std::vector<std::pair<std::string, std::string>> base = {
      {"[company]", "name = \"Conformance Co\"\nlanguage = \"en\"\n"},
      {"[engine]", "default_scenario = \"" + default_scenario + "\"\n"},
      {"[adapters.task]", "kind = \"agenda\"\n"},
  };
  std::string config = case_config;
  for (const auto& [table, body] : base) {
    if (case_config.find(table) == std::string::npos) config += "\n" + table + "\n" + body;
  }
  return config;
}

bool event_matches(const ExpectedEvent& expected, const ObservedEvent& observed) {
  if (expected.date != observed.date || expected.invoice != observed.invoice ||
      expected.kind != observed.kind) {
    return false;
  }
  const std::vector<std::string> words = words_of(observed.detail);
  auto next = words.begin();
  for (const std::string& wanted : expected.detail_words) {
    next = std::find(next, words.end(), wanted);
    if (next == words.end()) return false;
    ++next;
  }
  return true;
}

class Replay {
 public:
  Replay(fs::path dun_binary, std::string backend, fs::path work_dir)
      : dun_(std::move(dun_binary)), backend_(std::move(backend)), dir_(std::move(work_dir)) {
    for (const char* name : {"customers.csv", "invoices.csv", "contacts.csv", "collectors.csv"}) {
      tables_.emplace(name, SnapshotTable(name));
    }
  }

  void apply(const Operation& operation) {
    try {
      switch (operation.kind) {
        case OperationKind::scenario:
          scenarios_[operation.target] = operation.text;
          break;
        case OperationKind::config:
          config_ = operation.text;
          break;
        case OperationKind::table_replace:
          tables_.at(operation.target).replace(operation.text);
          break;
        case OperationKind::table_patch:
          tables_.at(operation.target).patch(operation.text);
          break;
        case OperationKind::table_delete:
          tables_.at(operation.target).remove(operation.text);
          break;
        case OperationKind::run:
          run(operation);
          break;
        case OperationKind::agenda:
          agenda(operation);
          break;
        case OperationKind::override_verb:
          override_verb(operation);
          break;
        case OperationKind::explain:
          explain(operation);
          break;
        case OperationKind::send:
          send(operation);
          break;
      }
    } catch (const std::exception& error) {
      problem(operation, error.what());
    }
  }

  std::string problems() const { return problems_; }
  const std::string& log() const { return log_; }
  fs::path jsonl() const { return dir_ / "actions.jsonl"; }
  fs::path database() const { return dir_ / "dun.db"; }

 private:
  void problem(const Operation& operation, const std::string& what) {
    problems_ += "  case line " + std::to_string(operation.line) + ": " + what + "\n";
  }

  ProcessResult dun(const std::vector<std::string>& arguments) {
    const ProcessResult result = run_process(dun_, arguments, dir_);
    log_ += "$ " + command_line(dun_, arguments) + "\n[exit " + std::to_string(result.exit_code) +
            "]\n" + result.out + result.err;
    return result;
  }

  void write_inputs() {
    // Both directories exist even when empty (a scenario of tasks only names no template).
    fs::create_directories(dir_ / "snapshot");
    fs::create_directories(dir_ / "templates");
    for (const auto& [name, table] : tables_) {
      if (table.present()) write_file(dir_ / "snapshot" / name, table.to_csv());
    }
    std::set<std::string> templates;
    std::string default_scenario;
    for (const auto& [name, source] : scenarios_) {
      write_file(dir_ / "scenarios" / name, source);
      templates.merge(template_names(source));
      if (default_scenario.empty()) default_scenario = first_scenario_name(source);
    }
    for (const std::string& name : templates) {
      write_file(dir_ / "templates" / (name + ".en.txt"),
                 "Subject: " + name + "\n\nDear customer,\n\nplease pay what is due.\n");
    }
    write_file(dir_ / "dun.toml", compose_config(config_, default_scenario));
  }

  // The inputs of a run: --config, --snapshot, --scenarios, --templates, --db.
  void add_inputs(std::vector<std::string>& arguments) const {
    arguments.insert(arguments.end(),
                     {"--config", (dir_ / "dun.toml").string(), "--snapshot",
                      (dir_ / "snapshot").string(), "--scenarios", (dir_ / "scenarios").string(),
                      "--templates", (dir_ / "templates").string(), "--db", database().string()});
  }

  // A back end is its `--backend` value, possibly followed by more flags ("jit --opt 0").
  void add_backend(std::vector<std::string>& arguments) const {
    arguments.push_back("--backend");
    std::istringstream words(backend_);
    for (std::string word; words >> word;) arguments.push_back(word);
  }

  void run(const Operation& operation) {
    write_inputs();
    std::vector<std::string> arguments = {"run"};
    add_inputs(arguments);
    // A case replays fixed dates, some years from now: --allow-date lifts the guard against a
    // date typed far ahead ([safety] max_date_skew_days, docs/reliability.md).
    arguments.insert(arguments.end(),
                     {"--date", operation.date, "--allow-date", "--jsonl", jsonl().string()});
    add_backend(arguments);
    const ProcessResult result = dun(arguments);
    const std::string what = "run " + operation.date + ": ";
    if (operation.refused) {
      if (result.exit_code == 0) problem(operation, what + "exit 0, expected the date refused");
      return;
    }
    if (operation.error_invoices.empty()) {
      if (result.exit_code != 0) {
        problem(operation, what + "exit " + std::to_string(result.exit_code) + ", expected 0");
      }
      return;
    }
    // Evaluation errors are per-invoice records of a completed run (language.md §4).
    if (result.exit_code != 0 && result.exit_code != 1) {
      problem(operation, what + "exit " + std::to_string(result.exit_code) + ", expected 0 or 1");
    }
    for (const std::string& invoice : operation.error_invoices) {
      if ((result.out + result.err).find(invoice) == std::string::npos) {
        problem(operation, what + "the evaluation error of " + invoice + " is not reported");
      }
    }
    const auto counted = evaluation_errors_of_run(database(), operation.date);
    const auto wanted = static_cast<long long>(operation.error_invoices.size());
    if (counted != wanted) {
      problem(operation, what + "runs.evaluation_errors is " +
                             (counted ? std::to_string(*counted) : std::string("absent")) +
                             ", expected " + std::to_string(wanted));
    }
  }

  void agenda(const Operation& operation) {
    const std::string config = (dir_ / "dun.toml").string();
    const ProcessResult listed =
        dun({"agenda", "list", "--json", "--config", config, "--db", database().string()});
    if (listed.exit_code != 0) {
      problem(operation, "dun agenda list failed");
      return;
    }
    const long long task = find_open_task(listed.out, operation.step, operation.invoice);
    const ProcessResult moved =
        dun({"agenda", operation.agenda_verb, std::to_string(task), "--config", config, "--db",
             database().string(), "--date", operation.date, "--jsonl", jsonl().string()});
    if (moved.exit_code != 0) {
      problem(operation, "dun agenda " + operation.agenda_verb + " exit " +
                             std::to_string(moved.exit_code) + ", expected 0");
    }
  }

  // The override is checked against the snapshot as it stands (written first), like a collector
  // working between two runs.
  void override_verb(const Operation& operation) {
    write_inputs();
    std::vector<std::string> arguments = {operation.override_name};
    arguments.insert(arguments.end(), operation.override_arguments.begin(),
                     operation.override_arguments.end());
    if (!operation.until.empty()) arguments.insert(arguments.end(), {"--until", operation.until});
    arguments.insert(arguments.end(), {"--date", operation.date, "--by", "conformance", "--config",
                                       (dir_ / "dun.toml").string(), "--db", database().string(),
                                       "--snapshot", (dir_ / "snapshot").string()});
    if (operation.override_name == "assign") {
      arguments.insert(arguments.end(), {"--scenarios", (dir_ / "scenarios").string()});
    }
    const ProcessResult result = dun(arguments);
    if (result.exit_code != 0) {
      problem(operation, "dun " + operation.override_name + " exit " +
                             std::to_string(result.exit_code) + ", expected 0");
    }
  }

  // A collector's manual action (`dun send`), between runs: the contact limits count it.
  void send(const Operation& operation) {
    write_inputs();
    const ProcessResult result =
        dun({"send", "--customer", operation.customer, "--invoice", operation.invoice, "--channel",
             operation.channel, "--template", operation.template_name, "--date", operation.date,
             "--config", (dir_ / "dun.toml").string(), "--db", database().string(), "--snapshot",
             (dir_ / "snapshot").string(), "--templates", (dir_ / "templates").string()});
    if (result.exit_code != 0) {
      problem(operation, "dun send exit " + std::to_string(result.exit_code) +
                             ", expected 0: " + result.out + result.err);
    }
  }

  // What `dun explain` says of the invoice on the date, from the inputs and the store as they
  // stand, on the case's back end: its decision must be the expected one.
  void explain(const Operation& operation) {
    write_inputs();
    std::vector<std::string> arguments = {"explain", operation.invoice, "--json", "--date",
                                          operation.date};
    add_inputs(arguments);
    add_backend(arguments);
    const ProcessResult result = dun(arguments);
    const std::string what = "explain " + operation.invoice + " " + operation.date + ": ";
    if (result.exit_code != 0) {
      problem(operation, what + "exit " + std::to_string(result.exit_code) + ", expected 0");
      return;
    }
    const ObservedExplanation observed = read_explanation(result.out);
    if (observed.decision != operation.decision) {
      problem(operation, what + "decision " + observed.decision + " (" + observed.why +
                             "), expected " + operation.decision);
      return;
    }
    const std::vector<std::string> why = words_of(observed.why);
    auto next = why.begin();
    for (const std::string& wanted : operation.why_words) {
      next = std::find(next, why.end(), wanted);
      if (next == why.end()) {
        problem(operation, what + "'" + wanted +
                               "' missing from (or out of order in) its why: " + observed.why);
        return;
      }
      ++next;
    }
  }

  fs::path dun_;
  std::string backend_;
  fs::path dir_;
  std::map<std::string, SnapshotTable> tables_;
  std::map<std::string, std::string> scenarios_;
  std::string config_;
  std::string problems_;
  std::string log_;
};

// Lines are compared sorted: the date comes first, so days stay in order and the order of one
// day's lines (the engine's choice) does not matter.
std::string compare_actions(const Case& test_case, std::vector<std::string> actual) {
  std::vector<std::string> expected = test_case.expected_actions;
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  if (expected == actual) return {};
  return "actions differ (- expected only, + actual only; sorted):\n" +
         line_diff(expected, actual,
                   [&](std::size_t e, std::size_t a) { return expected[e] == actual[a]; });
}

std::string compare_events(const Case& test_case, const std::vector<ObservedEvent>& actual) {
  const std::vector<ExpectedEvent>& expected = test_case.expected_events;
  auto same = [&](std::size_t e, std::size_t a) { return event_matches(expected[e], actual[a]); };
  bool all_match = expected.size() == actual.size();
  for (std::size_t i = 0; all_match && i < expected.size(); ++i) all_match = same(i, i);
  if (all_match) return {};
  std::vector<std::string> expected_lines;
  for (const ExpectedEvent& event : expected) {
    std::string line = event.date + " " + event.invoice + " " + event.kind;
    for (const std::string& word : event.detail_words) line += " " + word;
    expected_lines.push_back(line);
  }
  std::vector<std::string> actual_lines;
  for (const ObservedEvent& event : actual) {
    actual_lines.push_back(event.date + " " + event.invoice + " " + event.kind + " " +
                           event.detail);
  }
  return "history events differ (- expected only, + actual only):\n" +
         line_diff(expected_lines, actual_lines, same);
}

}  // namespace

ReplayOutcome replay_case(const Case& test_case, const fs::path& dun_binary,
                          const std::string& backend, const fs::path& work_dir) {
  Replay replay(dun_binary, backend, work_dir);
  for (const Operation& operation : test_case.operations) replay.apply(operation);

  std::string report;
  if (!replay.problems().empty()) report += "problems:\n" + replay.problems();
  report += compare_actions(test_case, read_canonical_actions(replay.jsonl()));
  try {
    report += compare_events(test_case, read_history(replay.database()));
  } catch (const std::exception& error) {
    report += std::string("history: ") + error.what() + "\n";
  }
  ReplayOutcome outcome;
  outcome.passed = report.empty();
  if (!outcome.passed) outcome.report = report + "\nlog of the commands:\n" + replay.log();
  return outcome;
}

}  // namespace dun::conformance
