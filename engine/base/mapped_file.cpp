#include "engine/base/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace dun {
namespace {

Error system_error(const std::filesystem::path& path, std::string_view what) {
  return Error{path.string() + ": " + std::string(what) + ": " + std::strerror(errno)};
}

// Closes the descriptor on every path out of open(); the mapping outlives it.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<MappedFile> MappedFile::open(const std::filesystem::path& path, Reading reading) {
  const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return system_error(path, "cannot open");
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) return system_error(path, "cannot stat");
  if (!S_ISREG(status.st_mode)) return Error{path.string() + ": not a regular file"};
  const auto size = static_cast<std::size_t>(status.st_size);
  if (size == 0) return MappedFile(nullptr, 0);
  void* data = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, file.fd, 0);
  if (data == MAP_FAILED) return system_error(path, "cannot map");
  if (reading == Reading::few_pages) {
    ::madvise(data, size, MADV_RANDOM);
    return MappedFile(static_cast<char*>(data), size);
  }
  // The tokenizer reads every page once, front to back: read ahead of it. The pages are not
  // all mapped up front (MADV_POPULATE_READ): a reader that gives back what it has read
  // (release_before) then holds only a window of the file, and mapping them as read cost no
  // measurable CPU at 1M invoices (the kernel maps a page's neighbours with it).
  ::madvise(data, size, MADV_SEQUENTIAL);
  return MappedFile(static_cast<char*>(data), size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

std::size_t MappedFile::page_size() {
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

void MappedFile::release(std::size_t begin, std::size_t end) {
  const std::size_t page = page_size();
  const std::size_t first = (begin + page - 1) / page * page;
  const std::size_t last = std::min(end, size_) / page * page;
  // A hint: if the system refuses it, the pages stay until the mapping is unmapped.
  if (first < last) ::madvise(data_ + first, last - first, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

}  // namespace dun
