// A `dun` process started in the background by a CLI test, paused at one of the engine's commit
// points (DUN_TEST_PAUSE_AT, cli/args/test_pause.hpp) so that the test can start a second process
// while the first holds the state store, or kill it exactly there. Its standard output and error
// go to background.out and background.err in its folder.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace dun::testing {

// A `dun` started in the background, paused at `point` for `pause_seconds` once it gets there.
class BackgroundDun {
 public:
  BackgroundDun(const std::filesystem::path& dir, const std::vector<std::string>& args,
                const std::string& point, int pause_seconds)
      : marker_(dir / ("paused-" + point.substr(0, point.find(':')))) {
    std::filesystem::remove(marker_);
    pid_ = ::fork();
    if (pid_ == 0) {
      if (::chdir(dir.c_str()) != 0) ::_exit(126);
      ::setenv("DUN_TEST_PAUSE_AT", point.c_str(), 1);
      ::setenv("DUN_TEST_PAUSE_MARKER", marker_.c_str(), 1);
      ::setenv("DUN_TEST_PAUSE_SECONDS", std::to_string(pause_seconds).c_str(), 1);
      const int out = ::open("background.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open("background.err", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      std::vector<std::string> argv_text = {DUN_BINARY};
      argv_text.insert(argv_text.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (std::string& arg : argv_text) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(DUN_BINARY, argv.data());
      ::_exit(127);
    }
  }
  ~BackgroundDun() {
    if (pid_ > 0) kill();
  }

  // Until the process reached its pause point (true) or ended without reaching it (false).
  bool wait_until_paused() {
    while (!std::filesystem::exists(marker_)) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }
  int wait() {
    if (pid_ > 0) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      pid_ = -1;
    }
    return exit_code_;
  }
  void kill() {
    ::kill(pid_, SIGKILL);
    wait();
  }
  pid_t pid() const { return pid_; }

 private:
  std::filesystem::path marker_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

}  // namespace dun::testing
