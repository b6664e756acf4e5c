// Runs the real `dun` binary as a user would, capturing what it prints.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dun::conformance {

struct ProcessResult {
  int exit_code = -1;  // -1: did not start or did not exit normally
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs `program arguments…` (no shell) with stdout and stderr sent to files in `scratch_dir`.
ProcessResult run_process(const std::filesystem::path& program,
                          const std::vector<std::string>& arguments,
                          const std::filesystem::path& scratch_dir);

// "dun run --date 2026-01-19 …" for logs.
std::string command_line(const std::filesystem::path& program,
                         const std::vector<std::string>& arguments);

}  // namespace dun::conformance
