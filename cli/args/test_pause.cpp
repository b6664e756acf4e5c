#include "cli/args/test_pause.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/base/fault_hook.hpp"

namespace dun::cli {
namespace {

const char* pause_point = nullptr;
const char* pause_marker = nullptr;
unsigned pause_seconds = 120;

void pause_once_at(std::string_view point) {
  if (point != pause_point) return;
  const int fd = ::open(pause_marker, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) return;  // another process paused already (or the marker was left on purpose)
  const std::string pid = std::to_string(::getpid()) + "\n";
  const bool written = ::write(fd, pid.data(), pid.size()) == static_cast<ssize_t>(pid.size());
  ::close(fd);
  if (written) ::sleep(pause_seconds);
}

}  // namespace

void install_test_pause_from_environment() {
  pause_point = std::getenv("DUN_TEST_PAUSE_AT");
  pause_marker = std::getenv("DUN_TEST_PAUSE_MARKER");
  if (const char* seconds = std::getenv("DUN_TEST_PAUSE_SECONDS")) {
    pause_seconds = static_cast<unsigned>(std::strtoul(seconds, nullptr, 10));
  }
  if (pause_point != nullptr && pause_marker != nullptr) set_fault_hook(pause_once_at);
}

}  // namespace dun::cli
