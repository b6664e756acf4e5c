// `dun check [--templates DIR] [--config FILE] [--json] FILES…`: parses and checks scenario
// files, prints every diagnostic (docs/diagnostics.md) and exits 0 when there is no error
// (warnings allowed), 1 on errors, 2 on a usage error.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args/check_config.hpp"
#include "cli/verbs.hpp"
#include "dsl/check.hpp"
#include "dsl/diagnostic_text.hpp"
#include "dsl/parse.hpp"
#include "stdlib/read_file.hpp"

namespace dun::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHelp =
    "usage: dun check [--templates DIR] [--config FILE] [--json] FILES…\n"
    "\n"
    "Parses and checks scenario files (names, types, templates) and prints every error as\n"
    "file:line:column with the source line and a caret.\n"
    "\n"
    "  --templates DIR  the message templates (NAME.LANG.txt); default: [engine] templates of\n"
    "                   the configuration, else a templates/ folder beside each scenario file\n"
    "  --config FILE    the configuration (default: ./dun.toml when present)\n"
    "  --json           print the diagnostics as a JSON array on stdout\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.\n"
    "\n"
    "example:\n"
    "  dun check --templates scenarios/templates scenarios/*.dun\n";

struct CheckArgs {
  std::optional<fs::path> templates;
  std::optional<fs::path> config;
  bool json = false;
  std::vector<fs::path> files;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "dun check: %s\nsee 'dun check --help'\n", message.c_str());
  return 2;
}

// nullopt with the exit code in `exit_code` when the arguments are wrong or ask for help.
std::optional<CheckArgs> parse_args(Args args, int& exit_code) {
  CheckArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--help" || arg == "-h") {
      std::fwrite(kHelp.data(), 1, kHelp.size(), stdout);
      exit_code = 0;
      return std::nullopt;
    }
    if (arg == "--json") {
      parsed.json = true;
    } else if (arg == "--templates" || arg == "--config") {
      if (!has_value) {
        exit_code = usage_error(std::string(arg) + " needs a value, e.g. " + std::string(arg) +
                                (arg == "--templates" ? " scenarios/templates" : " dun.toml"));
        return std::nullopt;
      }
      (arg == "--templates" ? parsed.templates : parsed.config) = fs::path(args[++i]);
    } else if (arg.starts_with("-") && arg != "-") {
      exit_code = usage_error("unknown option '" + std::string(arg) + "'");
      return std::nullopt;
    } else {
      parsed.files.emplace_back(arg);
    }
  }
  if (parsed.files.empty()) {
    exit_code = usage_error("no scenario file given; name one or more .dun files");
    return std::nullopt;
  }
  if (parsed.templates && !fs::is_directory(*parsed.templates)) {
    exit_code = usage_error("the templates folder '" + parsed.templates->string() +
                            "' does not exist; check the path given to --templates");
    return std::nullopt;
  }
  return parsed;
}

}  // namespace

int run_check(Args args) {
  int exit_code = 0;
  const std::optional<CheckArgs> parsed = parse_args(args, exit_code);
  if (!parsed) return exit_code;
  const Result<TemplateConfig> config = read_template_config(parsed->config);
  if (!config) return usage_error(config.error().message);

  // Read every file first: a missing one is a usage error, reported before any diagnostic.
  std::vector<dsl::SourceFile> sources;
  for (const fs::path& path : parsed->files) {
    auto text = read_file(path);
    if (!text) {
      return usage_error("cannot read '" + path.string() + "'; check the path and permissions");
    }
    sources.emplace_back(path.string(), std::move(text).value());
  }

  std::vector<dsl::Diagnostic> all;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const dsl::SourceFile& source = sources[i];
    dsl::Diagnostics diagnostics;
    const dsl::ast::File file = dsl::parse(source, diagnostics);
    const std::optional<fs::path> templates =
        templates_for(parsed->files[i], parsed->templates, *config);
    if (!templates) {
      std::fprintf(stderr,
                   "dun check: warning: templates were not checked for %s: no templates folder; "
                   "pass --templates DIR or set [engine] templates in dun.toml\n",
                   source.name().c_str());
    }
    dsl::CheckOptions options;
    options.templates_dir = templates;
    options.default_language = config->default_language;
    options.fields = config->fields;
    dsl::check(file, source, options, diagnostics);
    diagnostics.sort();
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
      (diagnostic.severity == dsl::Severity::error ? errors : warnings) += 1;
      if (!parsed->json) {
        const std::string text =
            dsl::render_text(diagnostic, diagnostic.file == source.name() ? &source : nullptr);
        std::fwrite(text.data(), 1, text.size(), stdout);
      }
      all.push_back(diagnostic);
    }
  }
  if (parsed->json) {
    const std::string json = dsl::render_json(all);
    std::fwrite(json.data(), 1, json.size(), stdout);
  } else if (errors + warnings > 0) {
    std::printf("%zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace dun::cli
