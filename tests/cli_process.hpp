// Running the real `dun` binary (DUN_BINARY) as a user would, for the CLI suites: in a folder,
// capturing standard output, standard error and the exit code.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dun::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a shell command, collecting its standard output (its stderr is left to the caller).
inline CommandResult run_command(const std::string& command) {
  CommandResult run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    run.out.append(buffer, n);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// Runs `dun ARGS` (ARGS as a shell would split them) in `dir`.
inline CommandResult run_dun(const std::filesystem::path& dir, const std::string& args) {
  const std::filesystem::path err_file = dir / "stderr.txt";
  CommandResult run = run_command("cd \"" + dir.string() + "\" && \"" + DUN_BINARY + "\" " + args +
                                  " 2>\"" + err_file.string() + "\"");
  run.err = slurp(err_file);
  return run;
}

}  // namespace dun::testing
