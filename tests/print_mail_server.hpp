// The test print & mail provider (tests/print_mail_server.py) as a process the tests start and
// stop: its port, its scripted failures (POST /_control), the letters it holds (GET /_state) and
// the requests it recorded.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/print_mail/http_client.hpp"

extern char** environ;

namespace dun::testing {

class PrintMailServer {
 public:
  // Starts the server with `flags` (besides --record and --api-key); `folder` receives the
  // record file. port() is 0 when it could not start.
  PrintMailServer(const std::filesystem::path& folder, const std::string& api_key,
                  std::vector<std::string> flags = {})
      : record_(folder / "requests.jsonl") {
    std::vector<std::string> args = {
        "python3",   std::string(DUN_SOURCE_DIR) + "/tests/print_mail_server.py",
        "--record",  record_.string(),
        "--api-key", api_key};
    args.insert(args.end(), flags.begin(), flags.end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const int spawned = posix_spawnp(&pid_, "python3", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (spawned != 0) {
      pid_ = -1;
      close(out[0]);
      return;
    }
    // The first line is the port; the pipe is then left open (the server prints nothing else).
    stdout_ = fdopen(out[0], "r");
    char line[32] = {};
    if (stdout_ != nullptr && std::fgets(line, sizeof line, stdout_) != nullptr) {
      port_ = std::atoi(line);
    }
  }
  PrintMailServer(const PrintMailServer&) = delete;
  PrintMailServer& operator=(const PrintMailServer&) = delete;
  ~PrintMailServer() { stop(); }

  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    if (stdout_ != nullptr) {
      std::fclose(stdout_);
      stdout_ = nullptr;
    }
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // POST /_control: {"fail_next": 1}, {"hang_next": 1}, {"created_status": 200}, …
  bool control(const nlohmann::json& script) const {
    return client_
               .send(
                   {"POST", url() + "/_control", {"Content-Type: application/json"}, script.dump()})
               .status == 200;
  }
  // The letters the provider holds: [{"id", "reference", "status"}].
  nlohmann::json letters() const {
    const auto answer = client_.send({"GET", url() + "/_state", {}, ""});
    return nlohmann::json::parse(answer.body, nullptr, false).value("letters", nlohmann::json());
  }
  // Every API request received so far, oldest first.
  std::vector<nlohmann::json> requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(record_);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

 private:
  std::filesystem::path record_;
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  int port_ = 0;
  adapters::print_mail::HttpClient client_{adapters::print_mail::HttpOptions{}};
};

}  // namespace dun::testing
