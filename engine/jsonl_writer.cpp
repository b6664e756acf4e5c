#include "engine/jsonl_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace dun {

namespace {

Error file_error(const std::string& file_name, std::string_view what) {
  return Error{file_name + ": " + std::string(what) + ": " + std::strerror(errno)};
}

}  // namespace

Result<JsonlWriter> JsonlWriter::open(const std::filesystem::path& path) {
  std::string file_name = path.string();
  const int descriptor = ::open(file_name.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (descriptor < 0) return file_error(file_name, "cannot open for appending");
  return JsonlWriter(descriptor, std::move(file_name));
}

JsonlWriter::JsonlWriter(JsonlWriter&& other) noexcept
    : descriptor_(std::exchange(other.descriptor_, -1)),
      file_name_(std::move(other.file_name_)),
      pending_(std::move(other.pending_)) {}

JsonlWriter::~JsonlWriter() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

void JsonlWriter::append(std::string_view line) {
  pending_.append(line);
  pending_.push_back('\n');
}

Result<bool> JsonlWriter::flush() {
  std::size_t done = 0;
  while (done < pending_.size()) {
    const ssize_t written = ::write(descriptor_, pending_.data() + done, pending_.size() - done);
    if (written < 0) {
      if (errno == EINTR) continue;
      // Keep only what did not reach the file, so a retried flush does not repeat lines.
      pending_.erase(0, done);
      return file_error(file_name_, "cannot write");
    }
    done += static_cast<std::size_t>(written);
  }
  pending_.clear();
  if (::fsync(descriptor_) != 0) return file_error(file_name_, "cannot sync to disk");
  return true;
}

}  // namespace dun
