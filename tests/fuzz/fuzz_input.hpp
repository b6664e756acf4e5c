// Helpers shared by the libFuzzer targets: the fuzzer's bytes cut into parts, and a file of the
// process's own in the temporary folder for loaders that read a path.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace dun::fuzz {

// Aborts (a finding for libFuzzer) when an invariant does not hold.
inline void require(bool condition) {
  if (!condition) std::abort();
}

// The input cut at each `separator` byte; always at least one part.
inline std::vector<std::string> split(const std::uint8_t* data, std::size_t size, char separator) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (static_cast<char>(data[i]) == separator) {
      parts.emplace_back();
    } else {
      parts.back() += static_cast<char>(data[i]);
    }
  }
  return parts;
}

// `name` in a folder of this process under the temporary folder (the fuzzer may run jobs in
// parallel), holding `bytes`.
inline std::filesystem::path write_temp_file(const std::string& name, std::string_view bytes) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("dun-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

}  // namespace dun::fuzz
