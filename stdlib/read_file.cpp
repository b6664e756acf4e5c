#include "stdlib/read_file.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

namespace dun {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) return Error{path.string() + ": no such file"};
  if (!std::filesystem::is_regular_file(status)) return Error{path.string() + ": not a file"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot be read"};
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{path.string() + ": cannot be read"};
  return content;
}

}  // namespace dun
