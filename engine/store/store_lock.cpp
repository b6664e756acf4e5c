#include "engine/store/store_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

#include "engine/model/store_records.hpp"
#include "stdlib/read_file.hpp"

namespace dun {

// One flock of one lock file, shared by every StoreLock of this process on that file.
struct StoreLock::Hold {
  int fd = -1;
  ~Hold() {
    // Emptied first: the file then says nothing of a holder that is gone.
    if (::ftruncate(fd, 0) != 0) {
      // Nothing to do: the lock is released below all the same.
    }
    ::flock(fd, LOCK_UN);
    ::close(fd);
  }
};

namespace {

// The holds of this process, by the lock file's identity (device, inode).
std::mutex holds_mutex;
std::map<std::pair<dev_t, ino_t>, std::weak_ptr<void>>& holds() {
  static auto* map = new std::map<std::pair<dev_t, ino_t>, std::weak_ptr<void>>();
  return *map;
}

constexpr auto kRetryEvery = std::chrono::milliseconds(100);

std::string holder_text(const LockHolder& holder) {
  if (holder.pid == 0) return "another dun process (it has not said which yet)";
  return "another dun process " + holder_details(holder);
}

Error cannot_create(const std::filesystem::path& lock, int error) {
  std::string message = "cannot create the lock file " + lock.string() + ": " +
                        std::strerror(error) +
                        " (a command that changes the state store needs to write beside it";
  if (error == EROFS || error == EACCES || error == EPERM) {
    message +=
        "; on a read-only folder only the reading commands work: status, history, agenda "
        "list/show, explain, simulate";
  }
  return Error{message + ")"};
}

// Records this process as the holder: one `key=value` line each.
void write_holder(int fd, const StoreWriter& writer) {
  std::ostringstream text;
  text << "pid=" << ::getpid() << "\ncommand=" << writer.command << "\nsince=" << utc_now_iso()
       << "\n";
  const std::string line = text.str();
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size())) {
    // The lock is held all the same; a waiting writer's message then names no holder.
  }
}

}  // namespace

std::string holder_details(const LockHolder& holder) {
  if (holder.pid == 0) return "";
  std::string text = "(pid " + std::to_string(holder.pid);
  if (!holder.command.empty()) text += ", `" + holder.command + "`";
  if (!holder.since.empty()) text += ", since " + holder.since;
  return text + ")";
}

StoreWriter store_writer(const Config& config, std::string command) {
  return StoreWriter{std::move(command), std::chrono::seconds(config.store.lock_wait_seconds)};
}

std::filesystem::path StoreLock::path_for(const std::filesystem::path& database) {
  std::filesystem::path lock = database;
  lock += ".lock";
  return lock;
}

LockHolder StoreLock::read_holder(const std::filesystem::path& database) {
  LockHolder holder;
  auto text = read_file(path_for(database));
  if (!text) return holder;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = line.substr(0, equals);
    const std::string value = line.substr(equals + 1);
    if (key == "pid") {
      holder.pid = std::strtol(value.c_str(), nullptr, 10);
    } else if (key == "command") {
      holder.command = value;
    } else if (key == "since") {
      holder.since = value;
    }
  }
  return holder;
}

std::optional<LockHolder> StoreLock::held_elsewhere(const std::filesystem::path& database) {
  const int fd = ::open(path_for(database).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat identity {};
  bool ours = false;
  if (::fstat(fd, &identity) == 0) {
    std::lock_guard<std::mutex> guard(holds_mutex);
    auto found = holds().find({identity.st_dev, identity.st_ino});
    ours = found != holds().end() && !found->second.expired();
  }
  // A shared lock is refused exactly when some process holds the exclusive one.
  const bool busy = !ours && ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // releases the shared lock when it was granted
  if (!busy) return std::nullopt;
  return read_holder(database);
}

Result<StoreLock> StoreLock::acquire(const std::filesystem::path& database,
                                     const StoreWriter& writer) {
  const std::filesystem::path lock = path_for(database);
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return cannot_create(lock, errno);
  struct stat identity {};
  if (::fstat(fd, &identity) != 0) {
    const int error = errno;
    ::close(fd);
    return cannot_create(lock, error);
  }
  const std::pair<dev_t, ino_t> key{identity.st_dev, identity.st_ino};

  std::lock_guard<std::mutex> guard(holds_mutex);
  if (auto held = holds()[key].lock()) {
    ::close(fd);  // this process holds it already: share that hold
    return StoreLock(std::static_pointer_cast<Hold>(held));
  }
  const auto deadline = std::chrono::steady_clock::now() + writer.wait;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const int error = errno;
      ::close(fd);
      return Error{"cannot lock " + lock.string() + ": " + std::strerror(error)};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      return Error{database.string() + " is being changed by " +
                   holder_text(read_holder(database)) + ": waited " +
                   std::to_string(writer.wait.count()) +
                   " s for it to finish ([store] lock_wait_seconds in dun.toml). Try again when "
                   "it is done; one process at a time changes a state store"};
    }
    std::this_thread::sleep_for(kRetryEvery);
  }
  write_holder(fd, writer);
  auto hold = std::make_shared<Hold>();
  hold->fd = fd;
  holds()[key] = hold;
  return StoreLock(std::move(hold));
}

}  // namespace dun
