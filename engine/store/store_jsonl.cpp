// The jsonl adapter's outbox (schema version 2): lines are stored with the change that makes
// them, then flushed to their files exactly once, whatever crashes in between.
//
// flush: for each file with pending lines —
//   1. an intent (path, size) exists: a previous flush died after step 2; truncate the file back
//      to that size (dropping a partial or complete append) — else record the file's size now;
//   2. append every pending line, fsync;
//   3. in one transaction: delete the lines and the intent.
// A crash before 3 leaves lines and intent: the next flush truncates and appends again.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "engine/base/fault_hook.hpp"
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {
namespace {

constexpr std::string_view kInsertLine = "INSERT INTO jsonl_outbox (path, line) VALUES (?1, ?2)";
constexpr std::string_view kSelectLines = "SELECT seq, path, line FROM jsonl_outbox ORDER BY seq";
constexpr std::string_view kSelectIntent = "SELECT size FROM jsonl_intents WHERE path = ?1";
constexpr std::string_view kInsertIntent = "INSERT INTO jsonl_intents (path, size) VALUES (?1, ?2)";
constexpr std::string_view kDeleteLines = "DELETE FROM jsonl_outbox WHERE path = ?1 AND seq <= ?2";
constexpr std::string_view kDeleteIntent = "DELETE FROM jsonl_intents WHERE path = ?1";

Error file_error(const std::string& path, const char* what) {
  return Error{path + ": cannot " + what + " the jsonl file: " + std::strerror(errno)};
}

// Appends `text` to `path` after cutting the file back to `size`, and syncs it.
Status append_at(const std::string& path, std::int64_t size, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return file_error(path, "open");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::ftruncate(fd, size) != 0) return file_error(path, "truncate");
  if (::lseek(fd, size, SEEK_SET) < 0) return file_error(path, "seek in");
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return file_error(path, "write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return file_error(path, "sync");
  return Status::Ok();
}

}  // namespace

Status StateStore::queue_jsonl(const std::string& path, std::span<const std::string> lines) {
  auto insert = database_.prepare(kInsertLine);
  if (!insert) return insert.error();
  for (const std::string& line : lines) {
    if (auto inserted = insert.value().bind(1, path).bind(2, line).run(); !inserted) {
      return inserted.error();
    }
  }
  return Status::Ok();
}

Result<std::size_t> StateStore::flush_jsonl() {
  struct Pending {
    std::int64_t last_seq = 0;
    std::string text;
    std::size_t lines = 0;
  };
  std::map<std::string, Pending> pending;
  {
    auto select = database_.prepare(kSelectLines);
    if (!select) return select.error();
    while (true) {
      auto row = select.value().step();
      if (!row) return row.error();
      if (!*row) break;
      Pending& file = pending[std::string(select.value().column_text(1))];
      file.last_seq = select.value().column_int64(0);
      file.text += select.value().column_text(2);
      file.text += '\n';
      ++file.lines;
    }
  }
  std::size_t flushed = 0;
  for (const auto& [path, file] : pending) {
    std::int64_t size = 0;
    {
      auto transaction = sqlite::Transaction::begin(database_);
      if (!transaction) return transaction.error();
      auto intent = database_.prepare(kSelectIntent);
      if (!intent) return intent.error();
      intent.value().bind(1, path);
      auto row = intent.value().step();
      if (!row) return row.error();
      if (*row) {
        size = intent.value().column_int64(0);
      } else {
        struct stat status {};
        if (::stat(path.c_str(), &status) == 0) {
          size = status.st_size;
        } else if (errno != ENOENT) {
          return file_error(path, "inspect");
        }
        auto insert = database_.prepare(kInsertIntent);
        if (!insert) return insert.error();
        if (auto inserted = insert.value().bind(1, path).bind(2, size).run(); !inserted) {
          return inserted.error();
        }
      }
      if (auto committed = transaction.value().commit(); !committed) return committed.error();
    }
    fault_point("jsonl:after-intent");
    if (auto appended = append_at(path, size, file.text); !appended) return appended.error();
    fault_point("jsonl:after-append");
    auto transaction = sqlite::Transaction::begin(database_);
    if (!transaction) return transaction.error();
    auto delete_lines = database_.prepare(kDeleteLines);
    if (!delete_lines) return delete_lines.error();
    if (auto deleted = delete_lines.value().bind(1, path).bind(2, file.last_seq).run(); !deleted) {
      return deleted.error();
    }
    auto delete_intent = database_.prepare(kDeleteIntent);
    if (!delete_intent) return delete_intent.error();
    if (auto deleted = delete_intent.value().bind(1, path).run(); !deleted) return deleted.error();
    if (auto committed = transaction.value().commit(); !committed) return committed.error();
    fault_point("jsonl:after-delete");
    flushed += file.lines;
  }
  return flushed;
}

}  // namespace dun
