// A real SMTP server on loopback for the tests (tests/smtp_server.py, aiosmtpd): started on a
// given port, stopped (SIGTERM) when the object goes away; what it received is read back from
// its folder. Also used by end-to-end tests that need an SMTP server.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dun::testing {

// A port nobody listens on right now (the kernel's choice for a socket bound to port 0).
inline int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  close(fd);
  return ntohs(address.sin_port);
}

// Debian's python3 has python3-aiosmtpd; another python3 first on PATH may not.
inline std::string test_python() {
  const char* chosen = std::getenv("DUN_TEST_PYTHON");
  return chosen != nullptr ? chosen : "/usr/bin/python3";
}

struct ReceivedMessage {
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string bytes;
};

class SmtpTestServer {
 public:
  // Starts tests/smtp_server.py with `options` (e.g. {"--auth", "dun:secret"}) on `port`,
  // writing what it receives into `folder`; waits until it accepts connections.
  SmtpTestServer(int port, std::filesystem::path folder, const std::vector<std::string>& options)
      : port_(port), folder_(std::move(folder)) {
    std::filesystem::create_directories(folder_);
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      // Its tracebacks (a client refusing its certificate, on purpose) go to a file.
      const std::string log = (folder_ / "server.log").string();
      const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (log_fd >= 0) dup2(log_fd, STDERR_FILENO);
      close(out[0]);
      close(out[1]);
      const std::string python = test_python();
      const std::string script = std::string(DUN_SOURCE_DIR) + "/tests/smtp_server.py";
      std::vector<std::string> args = {python,  script,          "--port", std::to_string(port),
                                       "--out", folder_.string()};
      args.insert(args.end(), options.begin(), options.end());
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(python.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    // "ready PORT" once it listens; EOF when it died first.
    FILE* from_server = fdopen(out[0], "r");
    char line[128] = {};
    ready_ = from_server != nullptr && std::fgets(line, sizeof line, from_server) != nullptr &&
             std::string(line).rfind("ready ", 0) == 0;
    if (from_server != nullptr) std::fclose(from_server);
  }

  ~SmtpTestServer() { stop(); }
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  bool ready() const { return ready_; }
  int port() const { return port_; }

  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // The messages received so far, in order.
  std::vector<ReceivedMessage> received() const {
    std::vector<ReceivedMessage> messages;
    for (int n = 1;; ++n) {
      const std::filesystem::path stem = folder_ / std::to_string(n);
      std::ifstream envelope(stem.string() + ".envelope");
      if (!envelope) break;
      ReceivedMessage message;
      std::getline(envelope, message.mail_from);
      for (std::string line; std::getline(envelope, line);) message.rcpt_to.push_back(line);
      std::ifstream eml(stem.string() + ".eml", std::ios::binary);
      std::stringstream bytes;
      bytes << eml.rdbuf();
      message.bytes = bytes.str();
      messages.push_back(std::move(message));
    }
    return messages;
  }

 private:
  int port_;
  std::filesystem::path folder_;
  pid_t pid_ = -1;
  bool ready_ = false;
};

}  // namespace dun::testing
