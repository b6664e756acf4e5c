// `dun fmt [--check] FILES…`: the canonical layout of scenario files (docs/formatting.md).
// Rewrites each file in place when its layout differs; with --check, changes nothing and lists
// the files that are not in the canonical layout. `-` reads stdin and writes stdout.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "cli/args/flags.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic_text.hpp"
#include "dsl/format.hpp"
#include "stdlib/read_file.hpp"

namespace dun::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHelp =
    "usage: dun fmt [--check] FILES…\n"
    "\n"
    "Puts scenario files in the one canonical layout: one clause per line, two spaces per\n"
    "level, one blank line around each step and between blocks, comments kept where they are.\n"
    "Formatting never changes what a file means, and formatting twice changes nothing.\n"
    "A file with a syntax error is left as it is (its errors are printed).\n"
    "\n"
    "  --check   change nothing; list the files whose layout differs (exit 1 if any)\n"
    "  FILE '-'  read the scenario from stdin and write the formatted text to stdout\n"
    "\n"
    "Exit status: 0 all files formatted (or already so), 1 a file is not formatted (--check) or\n"
    "has a syntax error, 2 usage error.\n"
    "\n"
    "examples:\n"
    "  dun fmt scenarios/*.dun\n"
    "  dun fmt --check scenarios/*.dun tests/scenario_tests/*.dun\n";

// Writes `text` beside `path` and renames it over `path`, so a crash never leaves half a file.
bool replace_file(const fs::path& path, const std::string& text) {
  const fs::path temporary = path.string() + ".dun-fmt.tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) fs::remove(temporary, error);
  return !error;
}

void print_syntax_errors(const dsl::SourceFile& source, const dsl::Diagnostics& diagnostics) {
  for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
    const std::string text = dsl::render_text(diagnostic, &source);
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  std::fprintf(stderr, "dun fmt: %s was not formatted: fix its syntax errors first\n",
               source.name().c_str());
}

}  // namespace

int run_fmt(Args args) {
  FlagParser flags("fmt", kHelp);
  bool check = false;
  std::vector<std::string> files;
  flags.flag("check", check);
  flags.positionals(files);
  if (const std::optional<int> exit_code = flags.parse(args)) return *exit_code;
  if (files.empty())
    return flags.usage_error("no scenario file given; name one or more .dun files");

  int status = 0;
  std::size_t unformatted = 0;
  for (const std::string& file : files) {
    const bool standard_stream = file == "-";
    std::string text;
    if (standard_stream) {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      Result<std::string> read = read_file(file);
      if (!read) {
        return flags.usage_error("cannot read '" + file + "'; check the path and permissions");
      }
      text = std::move(read).value();
    }
    const dsl::SourceFile source(standard_stream ? "<stdin>" : file, text);
    dsl::Diagnostics diagnostics;
    const std::optional<std::string> formatted = dsl::format_source(source, diagnostics);
    if (!formatted) {
      print_syntax_errors(source, diagnostics);
      status = 1;
      continue;
    }
    if (standard_stream && !check) {
      std::fwrite(formatted->data(), 1, formatted->size(), stdout);
      continue;
    }
    if (*formatted == text) continue;
    if (check) {
      std::printf("%s\n", source.name().c_str());
      ++unformatted;
      status = 1;
    } else if (!replace_file(file, *formatted)) {
      std::fprintf(stderr, "dun fmt: cannot write '%s'; check its permissions\n", file.c_str());
      status = 1;
    }
  }
  if (unformatted > 0) {
    std::fprintf(stderr,
                 "dun fmt: %zu file%s not in the canonical layout; run 'dun fmt FILES' to "
                 "format %s\n",
                 unformatted, unformatted == 1 ? " is" : "s are", unformatted == 1 ? "it" : "them");
  }
  return status;
}

}  // namespace dun::cli
