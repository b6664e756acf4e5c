// One thread: poll() stdin until the next diagnostics deadline, hand the server every complete
// message read so far (so that a $/cancelRequest behind its request is seen first), then publish
// what is due.
#include "lsp/stdio.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "lsp/framing.hpp"
#include "lsp/server.hpp"

namespace dun::lsp {
namespace {

bool write_all(int fd, const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

int poll_timeout(const Server& server) {
  const std::optional<Clock::time_point> deadline = server.next_deadline();
  if (!deadline) return -1;
  const auto wait =
      std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
  return wait < 0 ? 0 : static_cast<int>(wait) + 1;
}

}  // namespace

int serve_stdio(SettingsProvider settings) {
  Server server(std::move(settings), [](const nlohmann::json& message) {
    // Invalid UTF-8 in a document must not make the answer unserialisable.
    write_all(STDOUT_FILENO,
              frame(message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  });
  MessageReader reader;
  char buffer[65536];
  while (!server.exited()) {
    pollfd input{STDIN_FILENO, POLLIN, 0};
    const int ready = ::poll(&input, 1, poll_timeout(server));
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0) {
      const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // the client closed stdin without `exit`
      reader.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
      std::vector<std::string> bodies;
      std::string problem;
      for (;;) {
        std::optional<std::string> body = reader.next(problem);
        if (body) {
          bodies.push_back(std::move(*body));
        } else if (!problem.empty()) {
          server.report_problem(problem);
          problem.clear();
        } else {
          break;
        }
      }
      server.receive(bodies, Clock::now());
    }
    server.publish_due(Clock::now());
  }
  return server.exit_code();
}

}  // namespace dun::lsp
