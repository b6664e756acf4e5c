#include "tests/conformance_runner/dun_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace dun::conformance {

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ProcessResult run_process(const std::filesystem::path& program,
                          const std::vector<std::string>& arguments,
                          const std::filesystem::path& scratch_dir) {
  const std::filesystem::path out_path = scratch_dir / "process.out";
  const std::filesystem::path err_path = scratch_dir / "process.err";
  // Built before fork: the child only calls async-signal-safe functions.
  std::vector<std::string> argv_strings{program.string()};
  argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& argument : argv_strings) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const std::string out_name = out_path.string();
  const std::string err_name = err_path.string();

  ProcessResult result;
  const pid_t child = fork();
  if (child == 0) {
    const int out_fd = open(out_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = open(err_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd < 0 || err_fd < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
        dup2(err_fd, STDERR_FILENO) < 0) {
      _exit(127);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (child < 0) {
    result.err = "fork failed";
    return result;
  }
  int status = 0;
  if (waitpid(child, &status, 0) == child && WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  result.out = read_all(out_path);
  result.err = read_all(err_path);
  return result;
}

std::string command_line(const std::filesystem::path& program,
                         const std::vector<std::string>& arguments) {
  std::string line = program.filename().string();
  for (const std::string& argument : arguments) line += " " + argument;
  return line;
}

}  // namespace dun::conformance
