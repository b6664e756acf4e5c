// `dun test FILES…`: runs the `test` blocks of scenario files through the real engine on every
// back end (engine/scenario_tests/scenario_test.hpp, docs/scenario-tests.md).
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/args/check_config.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/output/test_report.hpp"
#include "dsl/check.hpp"
#include "dsl/diagnostic_text.hpp"
#include "dsl/parse.hpp"
#include "dsl/test_case.hpp"
#include "engine/base/temp_folder.hpp"
#include "stdlib/read_file.hpp"

namespace dun::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: dun test [--config dun.toml] [--templates DIR] [--backend interp|jit]\n"
    "                [--filter TEXT] [--json] [--keep] FILES…\n"
    "\n"
    "Runs every `test` block of the scenario files through the real engine: each day from the\n"
    "test's first day to its last `on` date, the test's invoices are written as a CSV snapshot\n"
    "and the daily run evaluates them against a state store of the test's own; payments and\n"
    "agenda work (confirm, complete, cancel) are applied on their day, and the actions emitted\n"
    "each day are compared with that day's `expect` lines. Every test runs on every back end.\n"
    "\n"
    "  --config FILE     the configuration (default ./dun.toml when present): rates, company\n"
    "  --templates DIR   the NAME.LANG.txt templates (default: the configuration's, else a\n"
    "                    templates/ folder beside each scenario file)\n"
    "  --backend B       run on this back end only (default: every back end of this build)\n"
    "  --filter TEXT     run only the tests whose name contains TEXT\n"
    "  --json            print the results as one JSON document\n"
    "  --keep            keep each test's folder (snapshots, dun.db, actions.jsonl) and print it\n"
    "\n"
    "exit status: 0 every test passed, 1 a test failed (or there was none to run), 2 usage\n"
    "error or a file that does not check (its errors are printed as `dun check` does).\n"
    "\n"
    "example:\n"
    "  dun test --templates scenarios/templates scenarios/*.dun\n";

struct TestFile {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ast::File ast;
  dsl::CheckedFile checked;
  std::optional<fs::path> templates;
};

const dsl::ast::Scenario* source_scenario(const dsl::ast::File& file, const std::string& name) {
  for (const dsl::ast::Scenario& scenario : file.scenarios) {
    if (scenario.name.text == name) return &scenario;
  }
  return nullptr;
}

}  // namespace

int run_test(Args args) {
  std::optional<std::string> config_path, templates_flag, backend, filter;
  bool json = false, keep = false;
  std::vector<std::string> files;
  FlagParser flags("test", kHelp);
  flags.value("config", config_path);
  flags.value("templates", templates_flag);
  flags.value("backend", backend);
  flags.value("filter", filter);
  flags.flag("json", json);
  flags.flag("keep", keep);
  flags.positionals(files);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (files.empty())
    return flags.usage_error("no scenario file given; name one or more .dun files");

  std::vector<BackendKind> backends(available_backends().begin(), available_backends().end());
  if (backend) {
    auto chosen = parse_backend(backend);
    if (!chosen) return flags.usage_error(chosen.error().message);
    if (std::find(backends.begin(), backends.end(), *chosen) == backends.end()) {
      return flags.usage_error("--backend " + *backend + " is not available in this build; use " +
                               std::string(backend_name(backends.front())));
    }
    backends = {*chosen};
  }
  std::vector<std::string_view> backend_names;
  for (BackendKind kind : backends) backend_names.push_back(backend_name(kind));
  if (templates_flag && !fs::is_directory(*templates_flag)) {
    return flags.usage_error("the templates folder '" + *templates_flag +
                             "' does not exist; check the path given to --templates");
  }

  const std::optional<fs::path> config_file =
      config_path ? std::optional<fs::path>(*config_path) : std::nullopt;
  auto config = load_verb_config(config_path);
  if (!config) return flags.usage_error(config.error().message);
  auto template_config = read_template_config(config_file);
  if (!template_config) return flags.usage_error(template_config.error().message);

  // Every file is read and checked before any test runs: a test of a plan that does not check
  // would only report the same errors less clearly.
  std::vector<TestFile> loaded;
  dsl::Diagnostics diagnostics;
  for (const std::string& name : files) {
    auto text = read_file(name);
    if (!text) return flags.usage_error("cannot read '" + name + "'; check the path");
    TestFile file;
    file.source = std::make_unique<dsl::SourceFile>(name, std::move(text).value());
    file.ast = dsl::parse(*file.source, diagnostics);
    file.templates = templates_for(
        name, templates_flag ? std::optional<fs::path>(*templates_flag) : std::nullopt,
        *template_config);
    dsl::CheckOptions options;
    options.templates_dir = file.templates;
    options.default_language = template_config->default_language;
    options.fields = template_config->fields;
    file.checked = dsl::check(file.ast, *file.source, options, diagnostics);
    loaded.push_back(std::move(file));
  }
  if (diagnostics.has_errors()) {
    diagnostics.sort();
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
      const dsl::SourceFile* source = nullptr;
      for (const TestFile& file : loaded) {
        if (file.source->name() == diagnostic.file) source = file.source.get();
      }
      std::fputs(dsl::render_text(diagnostic, source).c_str(), stderr);
    }
    std::fprintf(stderr,
                 "dun test: %zu error(s): fix them (`dun check` shows the same) and test again\n",
                 diagnostics.error_count());
    return 2;
  }

  spdlog::set_default_logger(spdlog::stderr_logger_st("dun"));
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(spdlog::level::warn);

  std::vector<TestReport> reports;
  for (const TestFile& file : loaded) {
    for (std::size_t t = 0; t < file.ast.tests.size(); ++t) {
      const dsl::ast::Test& test = file.ast.tests[t];
      if (filter && test.name.value.find(*filter) == std::string::npos) continue;
      const std::optional<std::size_t> index = file.checked.test_scenarios[t];
      if (!index) continue;  // cannot happen: the file checked without errors
      const dsl::ir::Scenario& scenario = file.checked.scenarios[*index];
      const dsl::ast::Scenario* source = source_scenario(file.ast, scenario.name);
      if (source == nullptr) continue;
      const dsl::TestCase lowered =
          dsl::lower_test(test, *source, scenario, config->company.language);
      for (BackendKind kind : backends) {
        TestReport report{file.source->name(),
                          lowered.line,
                          lowered.name,
                          lowered.scenario,
                          std::string(backend_name(kind)),
                          {},
                          {}};
        auto created = TemporaryFolder::create("dun-test");
        if (!created) {
          std::fprintf(stderr, "dun test: %s\n", created.error().message.c_str());
          return 1;
        }
        TemporaryFolder work_dir = std::move(created).value();
        ScenarioTestOptions options(config.value());
        options.scenario_text = file.source->text();
        options.scenario_file_name = fs::path(file.source->name()).filename().string();
        options.templates = file.templates;
        options.backend = kind;
        options.work_dir = work_dir.path();
        report.result = run_scenario_test(lowered, options);
        if (keep) report.kept_dir = work_dir.release().string();
        if (!json) std::fputs(report_text(report).c_str(), stdout);
        std::fflush(stdout);
        reports.push_back(std::move(report));
      }
    }
  }
  if (json) {
    std::fputs(report_json(reports, backend_names).c_str(), stdout);
  } else if (reports.empty()) {
    std::printf("no test to run%s: add `test \"…\"` blocks after a scenario (language.md §6)\n",
                filter ? " (none matches --filter)" : "");
  } else {
    std::printf("\n%s", summary_text(reports, backend_names).c_str());
  }
  const bool all_passed = std::all_of(reports.begin(), reports.end(),
                                      [](const TestReport& r) { return r.result.passed(); });
  return !reports.empty() && all_passed ? 0 : 1;
}

}  // namespace dun::cli
